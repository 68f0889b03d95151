#pragma once

// Everything a Shop is made of, wired over one connection. Model-internal: the front sees only Shop; tests
// include this to reach a service, a repository or the session itself.
#include <soci/soci.h>

#include <optional>

#include "model/account/account_facade.hpp"
#include "model/account/account_repository.hpp"
#include "model/account/session_service.hpp"
#include "model/balance/balance_facade.hpp"
#include "model/balance/balance_repository.hpp"
#include "model/balance/balance_service.hpp"
#include "model/basket/basket_facade.hpp"
#include "model/basket/basket_repository.hpp"
#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/idempotency/idempotency_facade.hpp"
#include "model/idempotency/idempotency_repository.hpp"
#include "model/notices.hpp"
#include "model/order/order_facade.hpp"
#include "model/order/order_repository.hpp"
#include "model/order/order_service.hpp"
#include "model/outbox/outbox_facade.hpp"
#include "model/outbox/outbox_relay.hpp"
#include "model/outbox/outbox_repository.hpp"
#include "model/outbox/outbox_store.hpp"
#include "model/payment/payment_repository.hpp"
#include "model/product/catalog_reads.hpp"
#include "model/product/product_facade.hpp"
#include "model/product/product_repository.hpp"
#include "model/product/product_service.hpp"
#include "model/ranking/sales_repository.hpp"
#include "model/settings.hpp"
#include "model/user/user_repository.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

struct ShopParts {
  explicit ShopParts(const Settings& settings, Notices notices = {})
      : db(settings.database_url, settings.timezone, database_deadlines(settings)),
        preparing(db.bounded()),
        user_repository(db.sql()),
        account_repository(db.sql()),
        balance_repository(db.sql()),
        product_repository(db.sql()),
        basket_repository(db.sql()),
        sales_repository(db.sql()),
        order_repository(db.sql()),
        payment_repository(db.sql()),
        outbox_repository(db.sql()),
        outbox_store(db.sql()),
        idempotency_repository(db.sql()),
        user_service(user_repository),
        session_service(account_repository),
        balance_service(balance_repository),
        product_service(product_repository, sales_repository),
        basket_service(basket_repository),
        order_service(order_repository, payment_repository, outbox_repository, settings.order_ttl_seconds),
        catalog_reads(db, product_service, settings, std::move(notices)),
        account_facade(db, account_repository, session_service, settings.session_ttl_seconds),
        balance_facade(db, user_service, balance_service, session_service),
        product_facade(db, catalog_reads, product_service),
        basket_facade(db, user_service, product_service, basket_service, session_service),
        order_facade(db, user_service, product_service, order_service, basket_service, session_service),
        outbox_facade(db, outbox_store),
        relay(db, outbox_store, settings.relay_max_attempts),
        idempotency_facade(db, idempotency_repository) {
    preparing.reset();
  }

  Database db;
  // The repositories prepare their statements as they are built: round trips bounded like every call.
  std::optional<ClientDeadline::Armed> preparing;

  UserRepository user_repository;
  AccountRepository account_repository;
  BalanceRepository balance_repository;
  ProductRepository product_repository;
  BasketRepository basket_repository;
  SalesRepository sales_repository;
  OrderRepository order_repository;
  PaymentRepository payment_repository;
  OutboxRepository outbox_repository;
  OutboxStore outbox_store;
  IdempotencyRepository idempotency_repository;

  UserService user_service;
  SessionService session_service;
  BalanceService balance_service;
  ProductService product_service;
  BasketService basket_service;
  OrderService order_service;

  CatalogReads catalog_reads;

  AccountFacade account_facade;
  BalanceFacade balance_facade;
  ProductFacade product_facade;
  BasketFacade basket_facade;
  OrderFacade order_facade;
  OutboxFacade outbox_facade;
  OutboxRelay relay;
  IdempotencyFacade idempotency_facade;
};

}  // namespace shop::model
