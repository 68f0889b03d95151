#pragma once

#include "model/balance/ledger_entry.hpp"
#include "model/db/row.hpp"

namespace shop::model {

/// A balance_ledger row, as balance/history returns it.
inline void read_row(const soci::values& row, LedgerEntry& entry) {
  entry.id = row.get<long long>("id");
  entry.type = enum_column<LedgerEntryType>(row, "type");
  entry.amount = row.get<long long>("amount");
  entry.balance_after = row.get<long long>("balance_after");
  entry.order_id = optional_column<long long>(row, "order_id");
  entry.created_at = row.get<std::string>("created_at");
}

}  // namespace shop::model
