#include "fcgi/views/balance_view.hpp"

namespace shop::fcgi {

void write_balance(JsonWriter& json, const model::User& user) {
  json.begin_object().field("userId", user.id).field("balance", user.balance).end_object();
}

void write_charge(JsonWriter& json, const model::ChargeResult& result) {
  json.begin_object().field("userId", result.user_id).field("balance", result.balance);
  json.field("charged", result.charged).end_object();
}

void write_ledger_entry(JsonWriter& json, const model::LedgerEntry& entry) {
  json.begin_object().field("id", entry.id).field("type", model::to_string(entry.type)).field("amount", entry.amount);
  json.field("balanceAfter", entry.balance_after).field("orderId", entry.order_id);
  json.field("createdAt", entry.created_at).end_object();
}

}  // namespace shop::fcgi
