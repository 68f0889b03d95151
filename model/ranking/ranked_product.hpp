#pragma once

#include <string>

#include "model/types.hpp"

namespace shop::model {

/// A line of the top-N ranking: a product and the units of it sold in the window.
struct RankedProduct {
  int rank = 0;
  Id product_id = 0;
  std::string name;
  Won price = 0;
  long long stock = 0;
  long long sold_quantity = 0;
};

}  // namespace shop::model
