#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/order/order.hpp"
#include "model/order/order_repository.hpp"
#include "model/outbox/outbox_repository.hpp"
#include "model/page.hpp"
#include "model/payment/payment_repository.hpp"
#include "model/user/user.hpp"

namespace shop::model {

/// The seed's OrderService: saves orders and moves them through their states.
class OrderService {
 public:
  OrderService(OrderRepository& orders, PaymentRepository& payments, OutboxRepository& outbox, int ttl_seconds)
      : orders_(orders), payments_(payments), outbox_(outbox), ttl_seconds_(ttl_seconds) {}

  /// Merges lines naming the same product and sorts them by product id (the lock order);
  /// INVALID_REQUEST ("items") unless there are 1..50 lines of 1..999 units.
  static std::vector<OrderRequestLine> merge_lines(const std::vector<OrderRequestLine>& lines);

  /// 주문's checks and writes in one statement: the products exist (PRODUCT_NOT_FOUND) with enough stock
  /// (OUT_OF_STOCK), the user exists (USER_NOT_FOUND) and holds the total (INSUFFICIENT_BALANCE), then the
  /// PENDING order is saved and the stock taken. `lines` merged (merge_lines). nullopt, with nothing changed,
  /// when `token_hash` (empty: proven already) is no live session of the user.
  std::optional<Order> place(Id user_id, const std::vector<OrderRequestLine>& lines, const std::string& token_hash);
  /// 결제's checks and writes in one statement: the order is the user's (ORDER_NOT_FOUND) and PENDING
  /// (ORDER_NOT_PAYABLE), the balance covers it (INSUFFICIENT_BALANCE), then the debit with its ledger line,
  /// the ranking, PAID, the payment row and the ORDER_PAID outbox event. nullopt as for place.
  std::optional<Payment> pay(Id order_id, Id user_id, const std::string& token_hash);

  /// The order, locked, when it is the user's and PENDING: ORDER_NOT_FOUND, ORDER_NOT_CANCELLABLE.
  Order require_cancellable(Id order_id, Id user_id);

  /// Wakes the outbox relay after a payment committed. Never throws: the payment stands whatever happens
  /// here, and the relay's poll finds the event anyway.
  void announce_paid() noexcept;
  /// PENDING -> CANCELLED or EXPIRED.
  void close(Id order_id, OrderStatus status);

  /// The order with its lines; ORDER_NOT_FOUND, also when `user_id` is given and is not the owner.
  Order get(Id order_id, std::optional<Id> user_id);
  Page<Order> list(const User& user, const PageRequest& page);
  /// One PENDING order past its deadline, locked, if any.
  std::optional<Id> lock_next_expired() { return orders_.lock_next_expired(); }

 private:
  OrderRepository& orders_;
  PaymentRepository& payments_;
  OutboxRepository& outbox_;
  int ttl_seconds_;
};

}  // namespace shop::model
