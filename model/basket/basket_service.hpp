#pragma once

#include "model/basket/basket.hpp"
#include "model/basket/basket_repository.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// The seed's BasketService: a user's basket lines, each of quantity 1..999.
class BasketService {
 public:
  explicit BasketService(BasketRepository& baskets) : baskets_(baskets) {}

  Basket basket(const User& user);
  /// Adds `quantity` to the product's line; INVALID_REQUEST ("quantity") when the line would pass 999.
  void add(const User& user, Id product_id, int quantity);
  /// Sets the line's quantity; 0 removes it.
  void set(const User& user, Id product_id, int quantity);
  /// Removes the line; an absent line is fine.
  void remove(const User& user, Id product_id);
  /// The lines to check out, locked; INVALID_REQUEST when the basket is empty.
  std::vector<OrderRequestLine> checkout_lines(const User& user);
  /// Removes the checked-out lines, and only those: a line added since checkout_lines stays.
  void remove_checked_out(const User& user, const std::vector<OrderRequestLine>& lines);

 private:
  BasketRepository& baskets_;
};

}  // namespace shop::model
