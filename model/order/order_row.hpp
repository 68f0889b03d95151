#pragma once

#include <soci/soci.h>

#include "model/db/row.hpp"
#include "model/order/order.hpp"
#include "model/order/order_repository.hpp"

// The rows of orders and order_items, as the order's reads return them. Included by the model's .cpp files
// only.
namespace soci {

/// The header (no lines) from order/find, order/find_locked and order/list.
template <>
struct type_conversion<shop::model::Order> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::Order& order) {
    order.id = row.get<long long>("id");
    order.user_id = row.get<long long>("user_id");
    order.status = shop::model::enum_column<shop::model::OrderStatus>(row, "status");
    order.total_amount = row.get<long long>("total_amount");
    order.created_at = row.get<std::string>("created_at");
    order.expires_at = row.get<std::string>("expires_at");
    order.paid_at = shop::model::optional_column<std::string>(row, "paid_at");
  }
};

template <>
struct type_conversion<shop::model::OrderLine> {
  using base_type = values;
  static void from_base(const values& row, indicator, shop::model::OrderLine& line) {
    line.product_id = row.get<long long>("product_id");
    line.name = row.get<std::string>("name");
    line.unit_price = row.get<long long>("unit_price");
    line.quantity = row.get<int>("quantity");
    line.amount = row.get<long long>("amount");
  }
};

template <>
struct type_conversion<shop::model::OrderLineRow> {
  using base_type = values;
  static void from_base(const values& row, indicator ind, shop::model::OrderLineRow& owned) {
    owned.order_id = row.get<long long>("order_id");
    type_conversion<shop::model::OrderLine>::from_base(row, ind, owned.line);
  }
};

}  // namespace soci
