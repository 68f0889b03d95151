#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/basket/basket.hpp"
#include "model/basket/basket_repository.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// The seed's BasketService: a user's basket lines, each of quantity 1..999.
class BasketService {
 public:
  explicit BasketService(BasketRepository& baskets) : baskets_(baskets) {}

  Basket basket(const User& user);
  /// Adds `quantity` to the product's line and answers the basket after it, in one statement that also
  /// checks the user and the product (USER_NOT_FOUND, PRODUCT_NOT_FOUND, then INVALID_REQUEST ("quantity")
  /// when the quantity is not 1..999 or the line would pass 999). nullopt when `token_hash` (empty: proven
  /// already) is no live session of the user.
  std::optional<Basket> add(Id user_id, Id product_id, int quantity, const std::string& token_hash);
  /// Sets the line's quantity; 0 removes it.
  void set(const User& user, Id product_id, int quantity);
  /// Removes the line (an absent line is fine) and answers the basket after it; checks and nullopt as add's.
  std::optional<Basket> remove(Id user_id, Id product_id, const std::string& token_hash);
  /// The lines to check out, locked; INVALID_REQUEST when the basket is empty.
  std::vector<OrderRequestLine> checkout_lines(const User& user);
  /// Removes the checked-out lines, and only those: a line added since checkout_lines stays.
  void remove_checked_out(const User& user, const std::vector<OrderRequestLine>& lines);

 private:
  /// The basket a line change answers, or nullopt for an unproven caller; throws what a check refused.
  static std::optional<Basket> changed_basket(Id user_id, BasketChange change, BasketOutcome done);

  BasketRepository& baskets_;
};

}  // namespace shop::model
