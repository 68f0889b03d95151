#pragma once

#include <soci/soci.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/basket/basket.hpp"
#include "model/basket/basket_outcome.hpp"
#include "model/order/order.hpp"

namespace shop::model {

/// A row of basket/add_line or basket/remove_line: the outcome, and while the basket has lines one of them.
struct BasketChangeRow {
  BasketOutcome outcome = BasketOutcome::kUnproven;
  std::optional<BasketLine> line;
};

/// What basket/add_line or basket/remove_line answers: the outcome, and when it went through the basket's
/// lines after the change, in first-added order.
struct BasketChange {
  BasketOutcome outcome = BasketOutcome::kUnproven;
  std::vector<BasketLine> lines;
};

/// The SQL of baskets. Every change is one statement (an upsert or a delete), so concurrent changes of one
/// line never fail and never lose quantity.
class BasketRepository {
 public:
  explicit BasketRepository(soci::session& sql);
  BasketRepository(const BasketRepository&) = delete;
  BasketRepository& operator=(const BasketRepository&) = delete;

  std::vector<BasketLine> lines(Id user_id);
  /// 장바구니 추가 in one statement (basket/add_line): checks the caller's token (`token_hash`; empty: proven
  /// already), the user, the product and the quantity, adds it to the line (creating it) unless the line
  /// would pass `max_quantity`, and answers the basket after it; or, refused, changes nothing.
  BasketChange add_line(Id user_id, Id product_id, int quantity, int max_quantity, const std::string& token_hash);
  /// 장바구니 삭제 in one statement (basket/remove_line): the same checks but the quantity, then the line is
  /// removed (an absent line is fine) and the basket after it answered; or, refused, nothing changes.
  BasketChange remove_line(Id user_id, Id product_id, const std::string& token_hash);
  /// Sets the line's quantity (creating it).
  void set(Id user_id, Id product_id, int quantity);
  void remove(Id user_id, Id product_id);
  /// The basket's lines as order lines, by product id, row-locked until the checkout commits.
  std::vector<OrderRequestLine> lock_lines(Id user_id);
  /// Removes the user's lines of the given products (those a checkout locked and ordered).
  void remove_lines(Id user_id, std::span<const OrderRequestLine> lines);

 private:
  BasketChange fetch_change(soci::statement& statement);

  Id user_id_ = 0;
  Id product_id_ = 0;
  int quantity_ = 0;
  int max_quantity_ = 0;
  std::string token_hash_;
  std::string product_ids_;
  BasketLine row_;
  BasketChangeRow change_;
  soci::statement lines_;
  soci::statement add_line_;
  soci::statement remove_line_;
  soci::statement set_;
  soci::statement remove_;
  soci::statement lock_lines_;
  soci::statement remove_lines_;
};

}  // namespace shop::model
