#pragma once

#include <string>
#include <vector>

#include "model/types.hpp"

namespace shop::model {

/// A basket line with the product's current name and price.
struct BasketLine {
  Id product_id = 0;
  std::string name;
  Won price = 0;
  int quantity = 0;
  Won amount = 0;
};

struct Basket {
  Id user_id = 0;
  std::vector<BasketLine> lines;  ///< in the order they were first added
  Won total_amount = 0;
};

}  // namespace shop::model
