#pragma once

#include "model/basket/basket.hpp"
#include "model/basket/basket_repository.hpp"
#include "model/db/row.hpp"

namespace shop::model {

/// A basket line joined with its product, as basket/lines returns it.
inline void read_row(const soci::values& row, BasketLine& line) {
  line.product_id = row.get<long long>("product_id");
  line.name = row.get<std::string>("name");
  line.price = row.get<long long>("price");
  line.quantity = row.get<int>("quantity");
  line.amount = row.get<long long>("amount");
}

/// A row of basket/add_line or basket/remove_line.
inline void read_row(const soci::values& row, BasketChangeRow& change) {
  change.outcome = enum_column<BasketOutcome>(row, "outcome");
  change.line.reset();
  if (row.get_indicator("product_id") == soci::i_null) return;
  BasketLine line;
  read_row(row, line);
  change.line = std::move(line);
}

}  // namespace shop::model
