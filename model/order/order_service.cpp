#include "model/order/order_service.hpp"

#include <algorithm>
#include <map>

#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::model {

std::vector<OrderRequestLine> OrderService::merge_lines(const std::vector<OrderRequestLine>& lines) {
  std::map<Id, int> quantities;
  for (const auto& line : lines) {
    if (line.quantity < 1 || line.quantity > limits::kMaxLineQuantity) {
      throw DomainError(ErrorCode::kInvalidRequest, "items");
    }
    quantities[line.product_id] += line.quantity;
  }
  if (quantities.empty() || quantities.size() > limits::kMaxOrderLines) {
    throw DomainError(ErrorCode::kInvalidRequest, "items");
  }
  std::vector<OrderRequestLine> merged;
  for (const auto& [product_id, quantity] : quantities) {
    if (quantity > limits::kMaxLineQuantity) throw DomainError(ErrorCode::kInvalidRequest, "items");
    merged.push_back(OrderRequestLine{product_id, quantity});
  }
  return merged;
}

Won order_total(std::span<const OrderRequestLine> lines, std::span<const Product> products) {
  Won total = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) total += products[i].price * lines[i].quantity;
  return total;
}

Order OrderService::create(const User& user, const std::vector<OrderRequestLine>& lines,
                           const std::vector<Product>& products) {
  Order order = orders_.insert(user.id, order_total(lines, products), ttl_seconds_, lines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Product& product = products[i];
    order.lines.push_back(
        OrderLine{product.id, product.name, product.price, lines[i].quantity, product.price * lines[i].quantity});
  }
  return order;
}

Order OrderService::require_pending(Id order_id, Id user_id, ErrorCode not_pending) {
  auto order = orders_.find(order_id, /*lock=*/true);
  // Another user's order is reported as unknown: its existence is not theirs to learn.
  if (!order || order->user_id != user_id) throw DomainError(ErrorCode::kOrderNotFound);
  // A PENDING order past its deadline reads as EXPIRED even before the sweep reaches it.
  if (order->status != OrderStatus::kPending) throw DomainError(not_pending);
  return *std::move(order);
}

Order OrderService::require_payable(Id order_id, Id user_id) {
  return require_pending(order_id, user_id, ErrorCode::kOrderNotPayable);
}

Order OrderService::require_cancellable(Id order_id, Id user_id) {
  return require_pending(order_id, user_id, ErrorCode::kOrderNotCancellable);
}

Payment OrderService::mark_paid(const Order& order, Won balance_after) {
  Payment payment;
  payment.order_id = order.id;
  payment.user_id = order.user_id;
  payment.amount = order.total_amount;
  payment.balance = balance_after;
  payment.paid_at = orders_.mark_paid(order.id);
  payment.id = payments_.insert(order.id, order.user_id, order.total_amount);
  outbox_.add_order_paid(order.id, payment.id);
  return payment;
}

void OrderService::announce_paid() noexcept {
  try {
    outbox_.notify_relay();
  } catch (...) {
    // A broken connection is found and replaced by the next request.
  }
}

void OrderService::close(Id order_id, OrderStatus status) {
  orders_.close(order_id, status);
}

Order OrderService::get(Id order_id, std::optional<Id> user_id) {
  auto order = orders_.find(order_id, /*lock=*/false);
  if (!order || (user_id && order->user_id != *user_id)) throw DomainError(ErrorCode::kOrderNotFound);
  order->lines = orders_.lines(order_id);
  return *std::move(order);
}

Page<Order> OrderService::list(const User& user, const PageRequest& page) {
  return Page<Order>{orders_.list_for_user(user.id, page), page.page, page.size, orders_.count_for_user(user.id)};
}

}  // namespace shop::model
