#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/order/order.hpp"
#include "model/page.hpp"

namespace shop::model {

class Database;
class UserService;
class ProductService;
class OrderService;
class BasketService;
class SessionService;

/// The seed's 주문 and 결제 flows, and the order's life around them (checkout, cancel, expiry). Each
/// change is one transaction: any failure leaves nothing behind. An order and a payment are one statement
/// each, in autocommit (PostgreSQL's CPU bounds the flow: fewer statements and round trips are what counts).
///
/// Both also take the caller's proof, as BalanceFacade does: `unproven_token` is the bearer token when
/// nothing has shown yet that it is `user_id`'s (empty: the front has proven the caller); the statement then
/// checks it too, and only when it refused for that reason is UNAUTHORIZED or FORBIDDEN looked up.
class OrderFacade {
 public:
  OrderFacade(Database& db, UserService& users, ProductService& products, OrderService& orders, BasketService& baskets,
              SessionService& sessions)
      : db_(db), users_(users), products_(products), orders_(orders), baskets_(baskets), sessions_(sessions) {}

  /// 주문: products exist with enough stock, the user exists and holds the total, the order is saved,
  /// the stock is taken.
  Order place(Id user_id, const std::vector<OrderRequestLine>& lines, std::string_view unproven_token = {});
  /// An order of the basket's lines; the basket is emptied in the same transaction.
  Order checkout(Id user_id);
  /// 결제: the order is the user's and PENDING, the balance is taken (with its ledger line), the order
  /// becomes PAID, the ranking counts it and the ORDER_PAID event is written to the outbox.
  Payment pay(Id order_id, Id user_id, std::string_view unproven_token = {});
  /// PENDING -> CANCELLED, the stock goes back.
  Order cancel(Id order_id, Id user_id);
  Order get(Id order_id, std::optional<Id> user_id);
  Page<Order> list(Id user_id, const PageRequest& page);
  /// Expires one PENDING order past its deadline and gives its stock back; false when there is none.
  bool expire_next();

 private:
  /// The common tail of place and checkout (merged lines), inside the caller's transaction if any.
  Order place_lines(Id user_id, const std::vector<OrderRequestLine>& lines, std::string_view unproven_token);
  /// After a statement refused an unproven token: UNAUTHORIZED or FORBIDDEN.
  [[noreturn]] void refuse_caller(std::string_view unproven_token, Id user_id);

  Database& db_;
  UserService& users_;
  ProductService& products_;
  OrderService& orders_;
  BasketService& baskets_;
  SessionService& sessions_;
};

}  // namespace shop::model
