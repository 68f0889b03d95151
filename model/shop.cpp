#include "model/shop.hpp"

#include "model/shop_parts.hpp"

namespace shop::model {

Shop::Shop(const Settings& settings, Notices notices) {
  try {
    parts_ = std::make_unique<ShopParts>(settings, std::move(notices));
  } catch (const soci::soci_error& e) {
    // Connected, but preparing the statements failed: the server went away or the schema is missing.
    throw DatabaseUnavailable(e.what());
  }
}

Shop::~Shop() = default;

AccountFacade& Shop::accounts() {
  return parts_->account_facade;
}
BalanceFacade& Shop::balance() {
  return parts_->balance_facade;
}
ProductFacade& Shop::products() {
  return parts_->product_facade;
}
BasketFacade& Shop::basket() {
  return parts_->basket_facade;
}
OrderFacade& Shop::orders() {
  return parts_->order_facade;
}
OutboxFacade& Shop::outbox() {
  return parts_->outbox_facade;
}
IdempotencyFacade& Shop::idempotency() {
  return parts_->idempotency_facade;
}
OutboxRelay& Shop::relay() {
  return parts_->relay;
}

void Shop::ping() {
  parts_->db.ping();
}

StandbyUse Shop::catalog_standby() const noexcept {
  return parts_->catalog_reads.standby_use();
}

bool Shop::connection_lost() {
  return parts_->db.connection_lost();
}

}  // namespace shop::model
