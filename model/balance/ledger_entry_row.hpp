#pragma once

#include <soci/soci.h>

#include "model/balance/ledger_entry.hpp"
#include "model/db/row.hpp"

// A balance_ledger row, as balance/history returns it. Included by the model's .cpp files only.
namespace soci {

template <>
struct type_conversion<shop::model::LedgerEntry> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::LedgerEntry& entry) {
    entry.id = row.get<long long>("id");
    entry.type = shop::model::enum_column<shop::model::LedgerEntryType>(row, "type");
    entry.amount = row.get<long long>("amount");
    entry.balance_after = row.get<long long>("balance_after");
    entry.order_id = shop::model::optional_column<long long>(row, "order_id");
    entry.created_at = row.get<std::string>("created_at");
  }
};

}  // namespace soci
