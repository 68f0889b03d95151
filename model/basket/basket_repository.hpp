#pragma once

#include <soci/soci.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/basket/basket.hpp"
#include "model/order/order.hpp"

namespace shop::model {

/// The SQL of baskets. Every change is one statement (an upsert or a delete), so concurrent changes of one
/// line never fail and never lose quantity.
class BasketRepository {
 public:
  explicit BasketRepository(soci::session& sql);
  BasketRepository(const BasketRepository&) = delete;
  BasketRepository& operator=(const BasketRepository&) = delete;

  std::vector<BasketLine> lines(Id user_id);
  /// Adds to the line (creating it); the new quantity, or nullopt when it would pass `max_quantity`.
  std::optional<int> add(Id user_id, Id product_id, int quantity, int max_quantity);
  /// Sets the line's quantity (creating it).
  void set(Id user_id, Id product_id, int quantity);
  void remove(Id user_id, Id product_id);
  /// The basket's lines as order lines, by product id, row-locked until the checkout commits.
  std::vector<OrderRequestLine> lock_lines(Id user_id);
  /// Removes the user's lines of the given products (those a checkout locked and ordered).
  void remove_lines(Id user_id, std::span<const OrderRequestLine> lines);

 private:
  Id user_id_ = 0;
  Id product_id_ = 0;
  int quantity_ = 0;
  int max_quantity_ = 0;
  int new_quantity_ = 0;
  std::string product_ids_;
  BasketLine row_;
  soci::statement lines_;
  soci::statement add_;
  soci::statement set_;
  soci::statement remove_;
  soci::statement lock_lines_;
  soci::statement remove_lines_;
};

}  // namespace shop::model
