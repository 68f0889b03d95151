#pragma once

#include <memory>

#include "model/account/account_facade.hpp"
#include "model/balance/balance_facade.hpp"
#include "model/basket/basket_facade.hpp"
#include "model/idempotency/idempotency_facade.hpp"
#include "model/notices.hpp"
#include "model/order/order_facade.hpp"
#include "model/outbox/outbox_facade.hpp"
#include "model/outbox/outbox_relay.hpp"
#include "model/product/product_facade.hpp"
#include "model/product/standby_use.hpp"
#include "model/settings.hpp"

namespace shop::model {

struct ShopParts;

/// The whole model over one connection: the facades the front calls. Repositories (with their prepared
/// statements) and services stay inside. A worker builds one after fork and rebuilds it when the connection
/// breaks.
class Shop {
 public:
  /// Connects and prepares every statement; throws DatabaseUnavailable when the database cannot be reached.
  /// What the model works around by itself goes to `notices`.
  explicit Shop(const Settings& settings, Notices notices = {});
  ~Shop();
  Shop(const Shop&) = delete;
  Shop& operator=(const Shop&) = delete;

  AccountFacade& accounts();
  BalanceFacade& balance();
  ProductFacade& products();
  BasketFacade& basket();
  OrderFacade& orders();
  OutboxFacade& outbox();
  OutboxRelay& relay();
  IdempotencyFacade& idempotency();

  /// The health probe: a round trip to the database; throws a DatabaseError when it does not answer.
  void ping();
  /// True when libpq has seen the connection break (a poll(), no round trip): drop this Shop and reconnect.
  bool connection_lost();
  /// Where the catalog's reads go now (the read standby or not), for the pool's status.
  StandbyUse catalog_standby() const noexcept;

  /// The parts behind the facades (model/shop_parts.hpp): for the model's own tests only.
  ShopParts& parts() { return *parts_; }

 private:
  std::unique_ptr<ShopParts> parts_;
};

}  // namespace shop::model
