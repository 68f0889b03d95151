#pragma once

#include <soci/soci.h>

#include "model/basket/basket.hpp"

// A basket line joined with its product, as basket/lines returns it. Included by the model's .cpp files only.
namespace soci {

template <>
struct type_conversion<shop::model::BasketLine> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::BasketLine& line) {
    line.product_id = row.get<long long>("product_id");
    line.name = row.get<std::string>("name");
    line.price = row.get<long long>("price");
    line.quantity = row.get<int>("quantity");
    line.amount = row.get<long long>("amount");
  }
};

}  // namespace soci
