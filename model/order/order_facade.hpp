#pragma once

#include <optional>
#include <vector>

#include "model/order/order.hpp"
#include "model/page.hpp"

namespace shop::model {

class Database;
class UserService;
class ProductService;
class OrderService;
class BalanceService;
class BasketService;

/// The seed's 주문 and 결제 flows, and the order's life around them (checkout, cancel, expiry). Each
/// change is one transaction: any failure leaves nothing behind.
class OrderFacade {
 public:
  OrderFacade(Database& db, UserService& users, ProductService& products, OrderService& orders,
              BalanceService& balances, BasketService& baskets)
      : db_(db), users_(users), products_(products), orders_(orders), balances_(balances), baskets_(baskets) {}

  /// 주문: products exist with enough stock, the user exists and holds the total, the order is saved,
  /// the stock is taken.
  Order place(Id user_id, const std::vector<OrderRequestLine>& lines);
  /// An order of the basket's lines; the basket is emptied in the same transaction.
  Order checkout(Id user_id);
  /// 결제: the order is the user's and PENDING, the balance is taken (with its ledger line), the order
  /// becomes PAID, the ranking counts it and the ORDER_PAID event is written to the outbox.
  Payment pay(Id order_id, Id user_id);
  /// PENDING -> CANCELLED, the stock goes back.
  Order cancel(Id order_id, Id user_id);
  Order get(Id order_id, std::optional<Id> user_id);
  Page<Order> list(Id user_id, const PageRequest& page);
  /// Expires one PENDING order past its deadline and gives its stock back; false when there is none.
  bool expire_next();

 private:
  /// The common tail of place and checkout, inside their transaction.
  Order place_lines(Id user_id, const std::vector<OrderRequestLine>& lines);

  Database& db_;
  UserService& users_;
  ProductService& products_;
  OrderService& orders_;
  BalanceService& balances_;
  BasketService& baskets_;
};

}  // namespace shop::model
