#pragma once

#include <optional>
#include <string>

#include "model/balance/ledger_entry_type.hpp"
#include "model/types.hpp"

namespace shop::model {

/// One line of the append-only balance ledger: a CHARGE adds `amount`, a PAYMENT takes it.
struct LedgerEntry {
  Id id = 0;
  LedgerEntryType type = LedgerEntryType::kCharge;
  Won amount = 0;
  Won balance_after = 0;
  std::optional<Id> order_id;  ///< PAYMENT only
  std::string created_at;      ///< RFC 3339, in the shop's zone
};

/// What a charge returns to the caller.
struct ChargeResult {
  Id user_id = 0;
  Won balance = 0;
  Won charged = 0;
};

}  // namespace shop::model
