#include "model/order/order_repository.hpp"

#include <map>

#include "model/db/pg_array.hpp"
#include "model/order/order_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

OrderRepository::OrderRepository(soci::session& sql)
    : place_((sql.prepare << sql::kOrderPlace, soci::use(token_hash_, "token_hash"), soci::use(user_id_, "user_id"),
              soci::use(ids_, "ids"), soci::use(quantities_, "quantities"), soci::use(ttl_, "ttl"),
              soci::into(placed_))),
      find_((sql.prepare << sql::kOrderFind, soci::use(id_, "id"), soci::into(row_))),
      find_locked_((sql.prepare << sql::kOrderFindLocked, soci::use(id_, "id"), soci::into(row_))),
      lines_((sql.prepare << sql::kOrderLines, soci::use(id_, "order_id"), soci::into(line_))),
      lines_of_((sql.prepare << sql::kOrderLinesOf, soci::use(ids_, "ids"), soci::into(line_row_))),
      list_((sql.prepare << sql::kOrderList, soci::use(user_id_, "user_id"), soci::use(limit_, "limit"),
             soci::use(offset_, "offset"), soci::into(row_))),
      count_stmt_((sql.prepare << sql::kOrderCount, soci::use(user_id_, "user_id"), soci::into(count_))),
      close_((sql.prepare << sql::kOrderClose, soci::use(status_, "status"), soci::use(id_, "id"))),
      next_expired_((sql.prepare << sql::kOrderNextExpired, soci::into(row_.id))) {}

Placement OrderRepository::place(Id user_id, int ttl_seconds, std::span<const OrderRequestLine> lines,
                                 const std::string& token_hash) {
  user_id_ = user_id;
  ttl_ = ttl_seconds;
  token_hash_ = token_hash;
  ids_ = pg_array(lines, &OrderRequestLine::product_id);
  quantities_ = pg_array(lines, &OrderRequestLine::quantity);
  Placement placement;
  place_.execute();
  // One row per line of the saved order, each with its header; one row with the outcome alone when refused.
  while (place_.fetch()) {
    placement.outcome = placed_.outcome;
    if (!placed_.line) continue;
    if (placement.order.lines.empty()) placement.order = placed_.header;
    placement.order.lines.push_back(*placed_.line);
  }
  placement.order.user_id = user_id;
  return placement;
}

std::optional<Order> OrderRepository::find(Id order_id, bool lock) {
  id_ = order_id;
  if (!(lock ? find_locked_ : find_).execute(true)) return std::nullopt;
  return row_;
}

std::vector<OrderLine> OrderRepository::lines(Id order_id) {
  id_ = order_id;
  return fetch_all(lines_, line_);
}

std::vector<Order> OrderRepository::list_for_user(Id user_id, const PageRequest& page) {
  user_id_ = user_id;
  limit_ = page.size;
  offset_ = page.offset();
  std::vector<Order> orders = fetch_all(list_, row_);
  fill_lines(orders);
  return orders;
}

// One query for the lines of a whole page, not one per order.
void OrderRepository::fill_lines(std::vector<Order>& orders) {
  if (orders.empty()) return;
  std::map<Id, Order*> by_id;
  for (auto& order : orders) by_id[order.id] = &order;
  ids_ = pg_array(orders, &Order::id);
  lines_of_.execute();
  while (lines_of_.fetch()) by_id.at(line_row_.order_id)->lines.push_back(line_row_.line);
}

long long OrderRepository::count_for_user(Id user_id) {
  user_id_ = user_id;
  count_stmt_.execute(true);
  return count_;
}

void OrderRepository::close(Id order_id, OrderStatus status) {
  id_ = order_id;
  status_ = to_string(status);
  close_.execute(true);
}

std::optional<Id> OrderRepository::lock_next_expired() {
  if (!next_expired_.execute(true)) return std::nullopt;
  return row_.id;
}

}  // namespace shop::model
