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

std::optional<Order> OrderService::place(Id user_id, const std::vector<OrderRequestLine>& lines,
                                         const std::string& token_hash) {
  Placement placement = orders_.place(user_id, ttl_seconds_, lines, token_hash);
  if (placement.outcome == FlowOutcome::kUnproven) return std::nullopt;
  if (placement.outcome != FlowOutcome::kPlaced) throw_refusal(placement.outcome);
  return std::move(placement.order);
}

std::optional<Payment> OrderService::pay(Id order_id, Id user_id, const std::string& token_hash) {
  PaymentAttempt attempt = payments_.pay(order_id, user_id, token_hash);
  if (attempt.outcome == FlowOutcome::kUnproven) return std::nullopt;
  if (attempt.outcome != FlowOutcome::kPaid) throw_refusal(attempt.outcome);
  return std::move(attempt.payment);
}

Order OrderService::require_cancellable(Id order_id, Id user_id) {
  auto order = orders_.find(order_id, /*lock=*/true);
  // Another user's order is reported as unknown: its existence is not theirs to learn.
  if (!order || order->user_id != user_id) throw DomainError(ErrorCode::kOrderNotFound);
  // A PENDING order past its deadline reads as EXPIRED even before the sweep reaches it.
  if (order->status != OrderStatus::kPending) throw DomainError(ErrorCode::kOrderNotCancellable);
  return *std::move(order);
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
