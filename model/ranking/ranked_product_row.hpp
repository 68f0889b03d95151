#pragma once

#include <soci/soci.h>

#include "model/ranking/ranked_product.hpp"

// A line of ranking/top; the rank is its position, counted by the repository. Included by the model's .cpp
// files only.
namespace soci {

template <>
struct type_conversion<shop::model::RankedProduct> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::RankedProduct& ranked) {
    ranked.product_id = row.get<long long>("product_id");
    ranked.name = row.get<std::string>("name");
    ranked.price = row.get<long long>("price");
    ranked.stock = row.get<long long>("stock");
    ranked.sold_quantity = row.get<long long>("sold");
  }
};

}  // namespace soci
