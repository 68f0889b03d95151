#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/balance/ledger_entry.hpp"
#include "model/user/user.hpp"

namespace shop::fcgi {

/// `{"userId", "balance"}`.
void write_balance(JsonWriter& json, const model::User& user);
/// `{"userId", "balance", "charged"}`.
void write_charge(JsonWriter& json, const model::ChargeResult& result);
/// `{"id", "type", "amount", "balanceAfter", "orderId", "createdAt"}` (orderId null for a CHARGE).
void write_ledger_entry(JsonWriter& json, const model::LedgerEntry& entry);

}  // namespace shop::fcgi
