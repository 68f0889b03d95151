#include "model/basket/basket_service.hpp"

#include "model/domain_error.hpp"
#include "model/limits.hpp"

namespace shop::model {
namespace {

Basket basket_of(Id user_id, std::vector<BasketLine> lines) {
  Basket basket{user_id, std::move(lines), 0};
  for (const auto& line : basket.lines) basket.total_amount += line.amount;
  return basket;
}

}  // namespace

Basket BasketService::basket(const User& user) {
  return basket_of(user.id, baskets_.lines(user.id));
}

std::optional<Basket> BasketService::add(Id user_id, Id product_id, int quantity, const std::string& token_hash) {
  return changed_basket(user_id, baskets_.add_line(user_id, product_id, quantity, limits::kMaxLineQuantity, token_hash),
                        BasketOutcome::kAdded);
}

void BasketService::set(const User& user, Id product_id, int quantity) {
  if (quantity < 0 || quantity > limits::kMaxLineQuantity) throw DomainError(ErrorCode::kInvalidRequest, "quantity");
  if (quantity == 0) {
    baskets_.remove(user.id, product_id);
  } else {
    baskets_.set(user.id, product_id, quantity);
  }
}

std::optional<Basket> BasketService::remove(Id user_id, Id product_id, const std::string& token_hash) {
  return changed_basket(user_id, baskets_.remove_line(user_id, product_id, token_hash), BasketOutcome::kRemoved);
}

std::optional<Basket> BasketService::changed_basket(Id user_id, BasketChange change, BasketOutcome done) {
  if (change.outcome == BasketOutcome::kUnproven) return std::nullopt;
  if (change.outcome != done) throw_refusal(change.outcome);
  return basket_of(user_id, std::move(change.lines));
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
