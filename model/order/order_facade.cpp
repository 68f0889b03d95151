#include "model/order/order_facade.hpp"

#include "model/account/secrets.hpp"
#include "model/account/session_service.hpp"
#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/domain_error.hpp"
#include "model/order/order_service.hpp"
#include "model/product/product_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

// 주문 is one statement (order/place), its parts the seed's steps: lock the products in id order, check their
// stock (ProductService's 상품 인증), check the user's balance (UserService's 유저 인증), save the order and its
// lines (OrderService), take the stock. A refusal changes nothing.
Order OrderFacade::place_lines(Id user_id, const std::vector<OrderRequestLine>& lines,
                               std::string_view unproven_token) {
  const std::string session_hash = unproven_token.empty() ? std::string() : token_hash(unproven_token);
  if (auto order = orders_.place(user_id, lines, session_hash)) return *std::move(order);
  refuse_caller(unproven_token, user_id);
}

Order OrderFacade::place(Id user_id, const std::vector<OrderRequestLine>& lines, std::string_view unproven_token) {
  const auto merged = OrderService::merge_lines(lines);
  return db_.autocommit([&] { return place_lines(user_id, merged, unproven_token); });
}

Order OrderFacade::checkout(Id user_id) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    const auto lines = OrderService::merge_lines(baskets_.checkout_lines(user));
    Order order = place_lines(user_id, lines, {});
    baskets_.remove_checked_out(user, lines);
    return order;
  });
}

// 결제 is one statement (order/pay), its parts the seed's steps: lock the order and check that it is the
// user's and PENDING (OrderService), take the balance with its ledger line if it covers the total
// (BalanceService; the conditional debit is the seed's balance check, atomically), count the units in the
// ranking, mark the order PAID, save the payment and the ORDER_PAID outbox event. A refusal changes nothing.
Payment OrderFacade::pay(Id order_id, Id user_id, std::string_view unproven_token) {
  const std::string session_hash = unproven_token.empty() ? std::string() : token_hash(unproven_token);
  Payment payment = db_.autocommit([&] {
    if (auto paid = orders_.pay(order_id, user_id, session_hash)) return *std::move(paid);
    refuse_caller(unproven_token, user_id);
  });
  // 주문 정보를 데이터 플랫폼에 전송: the event is in the outbox; wake the relay that sends it.
  orders_.announce_paid();
  return payment;
}

void OrderFacade::refuse_caller(std::string_view unproven_token, Id user_id) {
  sessions_.prove(unproven_token, user_id);
  // Not reached in practice: sessions never come back to life, so a token proven now was live when the
  // statement ran. Refusing is the safe answer.
  throw DomainError(ErrorCode::kUnauthorized);
}

Order OrderFacade::cancel(Id order_id, Id user_id) {
  return db_.transact([&] {
    orders_.require_cancellable(order_id, user_id);
    products_.restock(order_id);
    orders_.close(order_id, OrderStatus::kCancelled);
    return orders_.get(order_id, user_id);
  });
}

Order OrderFacade::get(Id order_id, std::optional<Id> user_id) {
  return db_.autocommit([&] { return orders_.get(order_id, user_id); });
}

Page<Order> OrderFacade::list(Id user_id, const PageRequest& page) {
  return db_.autocommit([&] { return orders_.list(users_.require(user_id), page); });
}

bool OrderFacade::expire_next() {
  return db_.transact([&] {
    const auto order_id = orders_.lock_next_expired();
    if (!order_id) return false;
    products_.restock(*order_id);
    orders_.close(*order_id, OrderStatus::kExpired);
    return true;
  });
}

}  // namespace shop::model
