#pragma once

#include "model/basket/basket.hpp"
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

}  // namespace shop::model
