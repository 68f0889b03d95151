#pragma once

#include <optional>
#include <string>

#include "model/types.hpp"

namespace shop::model {

struct Product {
  Id id = 0;
  std::string name;
  Won price = 0;
  long long stock = 0;
};

/// A new product (admin).
struct ProductDraft {
  std::string name;
  Won price = 0;
  long long stock = 0;
};

/// The fields an admin PATCH changes; absent ones stay as they are.
struct ProductChanges {
  std::optional<std::string> name;
  std::optional<Won> price;
  std::optional<long long> stock;        ///< the new stock
  std::optional<long long> stock_delta;  ///< or a change of the current stock (not with `stock`)

  bool empty() const { return !name && !price && !stock && !stock_delta; }
};

}  // namespace shop::model
