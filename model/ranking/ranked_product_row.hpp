#pragma once

#include "model/db/row.hpp"
#include "model/ranking/ranked_product.hpp"

namespace shop::model {

/// A line of ranking/top; its rank is its position, counted by the repository.
inline void read_row(const soci::values& row, RankedProduct& ranked) {
  ranked.product_id = row.get<long long>("product_id");
  ranked.name = row.get<std::string>("name");
  ranked.price = row.get<long long>("price");
  ranked.stock = row.get<long long>("stock");
  ranked.sold_quantity = row.get<long long>("sold");
}

}  // namespace shop::model
