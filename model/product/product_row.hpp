#pragma once

#include "model/db/row.hpp"
#include "model/product/product.hpp"

namespace shop::model {

/// A products row, as the catalog's reads, writes and locks return it.
inline void read_row(const soci::values& row, Product& product) {
  product.id = row.get<long long>("id");
  product.name = row.get<std::string>("name");
  product.price = row.get<long long>("price");
  product.stock = row.get<long long>("stock");
}

}  // namespace shop::model
