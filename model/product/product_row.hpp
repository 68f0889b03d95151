#pragma once

#include <soci/soci.h>

#include "model/product/product.hpp"

// A products row (id, name, price, stock), as the catalog's reads, writes and locks return it. Included by
// the model's .cpp files only.
namespace soci {

template <>
struct type_conversion<shop::model::Product> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::Product& product) {
    product.id = row.get<long long>("id");
    product.name = row.get<std::string>("name");
    product.price = row.get<long long>("price");
    product.stock = row.get<long long>("stock");
  }
};

}  // namespace soci
