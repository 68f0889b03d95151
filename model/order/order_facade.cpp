#include "model/order/order_facade.hpp"

#include "model/balance/balance_service.hpp"
#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/order/order_service.hpp"
#include "model/product/product_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

Order OrderFacade::place_lines(Id user_id, const std::vector<OrderRequestLine>& lines) {
  const std::vector<Product> products = products_.reserve(lines);
  const User user = users_.require_balance(user_id, order_total(lines, products));
  Order order = orders_.create(user, lines, products);
  products_.take_stock(lines);
  return order;
}

Order OrderFacade::place(Id user_id, const std::vector<OrderRequestLine>& lines) {
  const auto merged = OrderService::merge_lines(lines);
  return db_.transact([&] { return place_lines(user_id, merged); });
}

Order OrderFacade::checkout(Id user_id) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    const auto lines = OrderService::merge_lines(baskets_.checkout_lines(user));
    Order order = place_lines(user_id, lines);
    baskets_.remove_checked_out(user, lines);
    return order;
  });
}

Payment OrderFacade::pay(Id order_id, Id user_id) {
  Payment payment = db_.transact([&] {
    const Order order = orders_.require_payable(order_id, user_id);
    // The seed reads the balance first; the conditional debit checks it atomically instead.
    const Won balance = balances_.pay(user_id, order.total_amount, order.id);
    products_.record_sales(order.id);
    return orders_.mark_paid(order, balance);
  });
  // 주문 정보를 데이터 플랫폼에 전송: the event is in the outbox; wake the relay that sends it.
  orders_.announce_paid();
  return payment;
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
