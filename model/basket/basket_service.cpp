#include "model/basket/basket_service.hpp"

#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::model {

Basket BasketService::basket(const User& user) {
  Basket basket{user.id, baskets_.lines(user.id), 0};
  for (const auto& line : basket.lines) basket.total_amount += line.amount;
  return basket;
}

void BasketService::add(const User& user, Id product_id, int quantity) {
  if (quantity < 1 || quantity > limits::kMaxLineQuantity) throw DomainError(ErrorCode::kInvalidRequest, "quantity");
  if (!baskets_.add(user.id, product_id, quantity, limits::kMaxLineQuantity)) {
    throw DomainError(ErrorCode::kInvalidRequest, "quantity");
  }
}

void BasketService::set(const User& user, Id product_id, int quantity) {
  if (quantity < 0 || quantity > limits::kMaxLineQuantity) throw DomainError(ErrorCode::kInvalidRequest, "quantity");
  if (quantity == 0) {
    baskets_.remove(user.id, product_id);
  } else {
    baskets_.set(user.id, product_id, quantity);
  }
}

void BasketService::remove(const User& user, Id product_id) {
  baskets_.remove(user.id, product_id);
}

std::vector<OrderRequestLine> BasketService::checkout_lines(const User& user) {
  auto lines = baskets_.lock_lines(user.id);
  if (lines.empty()) throw DomainError(ErrorCode::kInvalidRequest);
  return lines;
}

void BasketService::remove_checked_out(const User& user, const std::vector<OrderRequestLine>& lines) {
  baskets_.remove_lines(user.id, lines);
}

}  // namespace shop::model
