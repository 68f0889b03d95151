#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/order/order_status.hpp"
#include "model/types.hpp"

namespace shop::model {

/// A line as the client asks for it.
struct OrderRequestLine {
  Id product_id = 0;
  int quantity = 0;
};

/// A saved line: the product's name and unit price at the moment of ordering.
struct OrderLine {
  Id product_id = 0;
  std::string name;
  Won unit_price = 0;
  int quantity = 0;
  Won amount = 0;
};

struct Order {
  Id id = 0;
  Id user_id = 0;
  OrderStatus status = OrderStatus::kPending;
  Won total_amount = 0;
  std::vector<OrderLine> lines;  ///< by product id
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> paid_at;
};

/// What a payment returns.
struct Payment {
  Id id = 0;
  Id order_id = 0;
  Id user_id = 0;
  Won amount = 0;
  Won balance = 0;  ///< the user's balance after paying
  std::string paid_at;
};

}  // namespace shop::model
