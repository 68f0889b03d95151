#pragma once

#include <soci/soci.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/order/flow_outcome.hpp"
#include "model/order/order.hpp"
#include "model/page.hpp"

namespace shop::model {

/// A line of order/lines_of: the line and the order it belongs to.
struct OrderLineRow {
  Id order_id = 0;
  OrderLine line;
};

/// A row of order/place: the outcome, and once placed the order's header and one of its lines.
struct PlacedLineRow {
  FlowOutcome outcome = FlowOutcome::kUnproven;
  Order header;
  std::optional<OrderLine> line;
};

/// What order/place answers: the outcome, and when it is kPlaced the saved order with its lines.
struct Placement {
  FlowOutcome outcome = FlowOutcome::kUnproven;
  Order order;
};

/// The SQL of orders and their lines. Reads show a PENDING order past its deadline as EXPIRED, whether or
/// not the sweep has reached it yet.
class OrderRepository {
 public:
  explicit OrderRepository(soci::session& sql);
  OrderRepository(const OrderRepository&) = delete;
  OrderRepository& operator=(const OrderRepository&) = delete;

  /// 주문 in one statement (order/place): locks the lines' products in id order, checks their stock and the
  /// user's balance, saves a PENDING order with its lines (names and prices of the locked rows) and takes the
  /// stock; or, refused, changes nothing. `lines` are merged and sorted by product id. `token_hash`: empty
  /// when the caller is proven, else the hash of a token that must be a live session of `user_id`.
  Placement place(Id user_id, int ttl_seconds, std::span<const OrderRequestLine> lines, const std::string& token_hash);
  /// The order without its lines; `lock` row-locks it for a change of state.
  std::optional<Order> find(Id order_id, bool lock);
  std::vector<OrderLine> lines(Id order_id);
  /// A user's orders, newest first, with their lines.
  std::vector<Order> list_for_user(Id user_id, const PageRequest& page);
  long long count_for_user(Id user_id);
  /// PENDING -> CANCELLED or EXPIRED.
  void close(Id order_id, OrderStatus status);
  /// One PENDING order past its deadline, locked; orders another sweep holds are skipped.
  std::optional<Id> lock_next_expired();

 private:
  void fill_lines(std::vector<Order>& orders);

  Id id_ = 0;
  Id user_id_ = 0;
  int ttl_ = 0;
  std::string token_hash_;
  std::string ids_;
  std::string quantities_;
  std::string status_;
  long long limit_ = 0;
  long long offset_ = 0;
  long long count_ = 0;
  Order row_;
  OrderLine line_;
  PlacedLineRow placed_;
  OrderLineRow line_row_;

  soci::statement place_;
  soci::statement find_;
  soci::statement find_locked_;
  soci::statement lines_;
  soci::statement lines_of_;
  soci::statement list_;
  soci::statement count_stmt_;
  soci::statement close_;
  soci::statement next_expired_;
};

}  // namespace shop::model
