#pragma once

#include "model/db/row.hpp"
#include "model/order/order.hpp"
#include "model/order/order_repository.hpp"

namespace shop::model {

/// An order's header (no lines), as order/find, order/find_locked and order/list return it.
inline void read_row(const soci::values& row, Order& order) {
  order.id = row.get<long long>("id");
  order.user_id = row.get<long long>("user_id");
  order.status = enum_column<OrderStatus>(row, "status");
  order.total_amount = row.get<long long>("total_amount");
  order.created_at = row.get<std::string>("created_at");
  order.expires_at = row.get<std::string>("expires_at");
  order.paid_at = optional_column<std::string>(row, "paid_at");
}

/// An order_items row, as order/lines returns it.
inline void read_row(const soci::values& row, OrderLine& line) {
  line.product_id = row.get<long long>("product_id");
  line.name = row.get<std::string>("name");
  line.unit_price = row.get<long long>("unit_price");
  line.quantity = row.get<int>("quantity");
  line.amount = row.get<long long>("amount");
}

/// An order_items row with its order's id, as order/lines_of returns it.
inline void read_row(const soci::values& row, OrderLineRow& owned) {
  owned.order_id = row.get<long long>("order_id");
  read_row(row, owned.line);
}

/// A row of order/place: the outcome, and (when placed) the order's header and one line.
inline void read_row(const soci::values& row, PlacedLineRow& placed) {
  placed.outcome = enum_column<FlowOutcome>(row, "outcome");
  placed.line.reset();
  if (row.get_indicator("order_id") == soci::i_null) return;
  placed.header.id = row.get<long long>("order_id");
  placed.header.status = OrderStatus::kPending;
  placed.header.total_amount = row.get<long long>("total_amount");
  placed.header.created_at = row.get<std::string>("created_at");
  placed.header.expires_at = row.get<std::string>("expires_at");
  OrderLine line;
  line.product_id = row.get<long long>("product_id");
  line.name = row.get<std::string>("name");
  line.unit_price = row.get<long long>("unit_price");
  line.quantity = row.get<int>("quantity");
  line.amount = line.unit_price * line.quantity;
  placed.line = std::move(line);
}

}  // namespace shop::model
