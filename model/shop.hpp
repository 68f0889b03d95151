#pragma once

#include "model/balance/balance_facade.hpp"
#include "model/balance/balance_repository.hpp"
#include "model/balance/balance_service.hpp"
#include "model/basket/basket_facade.hpp"
#include "model/basket/basket_repository.hpp"
#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/order/order_facade.hpp"
#include "model/order/order_repository.hpp"
#include "model/order/order_service.hpp"
#include "model/outbox/outbox_facade.hpp"
#include "model/outbox/outbox_repository.hpp"
#include "model/outbox/outbox_store.hpp"
#include "model/payment/payment_repository.hpp"
#include "model/product/product_facade.hpp"
#include "model/product/product_repository.hpp"
#include "model/product/product_service.hpp"
#include "model/ranking/sales_repository.hpp"
#include "model/settings.hpp"
#include "model/user/user_facade.hpp"
#include "model/user/user_repository.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

/// The whole model over one connection: repositories (with their prepared statements), services and the
/// facades the front calls. A worker builds one after fork and rebuilds it when the connection breaks.
class Shop {
 public:
  explicit Shop(const Settings& settings);
  Shop(const Shop&) = delete;
  Shop& operator=(const Shop&) = delete;

  Database& database() { return db_; }
  UserFacade& users() { return user_facade_; }
  BalanceFacade& balance() { return balance_facade_; }
  ProductFacade& products() { return product_facade_; }
  BasketFacade& basket() { return basket_facade_; }
  OrderFacade& orders() { return order_facade_; }
  OutboxFacade& outbox() { return outbox_facade_; }

 private:
  Database db_;

  UserRepository user_repository_;
  BalanceRepository balance_repository_;
  ProductRepository product_repository_;
  BasketRepository basket_repository_;
  SalesRepository sales_repository_;
  OrderRepository order_repository_;
  PaymentRepository payment_repository_;
  OutboxRepository outbox_repository_;
  OutboxStore outbox_store_;

  UserService user_service_;
  BalanceService balance_service_;
  ProductService product_service_;
  BasketService basket_service_;
  OrderService order_service_;

  UserFacade user_facade_;
  BalanceFacade balance_facade_;
  ProductFacade product_facade_;
  BasketFacade basket_facade_;
  OrderFacade order_facade_;
  OutboxFacade outbox_facade_;
};

}  // namespace shop::model
