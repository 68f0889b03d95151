#pragma once

#include <soci/soci.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/order/order.hpp"
#include "model/page.hpp"

namespace shop::model {

/// A line of order/lines_of: the line and the order it belongs to.
struct OrderLineRow {
  Id order_id = 0;
  OrderLine line;
};

/// The SQL of orders and their lines. Reads show a PENDING order past its deadline as EXPIRED, whether or
/// not the sweep has reached it yet.
class OrderRepository {
 public:
  explicit OrderRepository(soci::session& sql);
  OrderRepository(const OrderRepository&) = delete;
  OrderRepository& operator=(const OrderRepository&) = delete;

  /// Saves a PENDING order and its lines (name and price copied from the product rows, already locked);
  /// returns the header: id, created_at, expires_at.
  Order insert(Id user_id, Won total, int ttl_seconds, std::span<const OrderRequestLine> lines);
  /// The order without its lines; `lock` row-locks it for a change of state.
  std::optional<Order> find(Id order_id, bool lock);
  std::vector<OrderLine> lines(Id order_id);
  /// A user's orders, newest first, with their lines.
  std::vector<Order> list_for_user(Id user_id, const PageRequest& page);
  long long count_for_user(Id user_id);
  /// PENDING -> PAID; returns paid_at.
  std::string mark_paid(Id order_id);
  /// PENDING -> CANCELLED or EXPIRED.
  void close(Id order_id, OrderStatus status);
  /// One PENDING order past its deadline, locked; orders another sweep holds are skipped.
  std::optional<Id> lock_next_expired();

 private:
  void fill_lines(std::vector<Order>& orders);

  Id id_ = 0;
  Id user_id_ = 0;
  Won total_ = 0;
  int ttl_ = 0;
  std::string ids_;
  std::string quantities_;
  std::string status_;
  long long limit_ = 0;
  long long offset_ = 0;
  long long count_ = 0;
  Order row_;
  std::string paid_at_;
  OrderLine line_;
  OrderLineRow line_row_;

  soci::statement insert_;
  soci::statement find_;
  soci::statement find_locked_;
  soci::statement lines_;
  soci::statement lines_of_;
  soci::statement list_;
  soci::statement count_stmt_;
  soci::statement mark_paid_;
  soci::statement close_;
  soci::statement next_expired_;
};

}  // namespace shop::model
