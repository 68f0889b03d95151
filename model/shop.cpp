#include "model/shop.hpp"

namespace shop::model {

Shop::Shop(const Settings& settings)
    : db_(settings.database_url, settings.timezone),
      user_repository_(db_.sql()),
      balance_repository_(db_.sql()),
      product_repository_(db_.sql()),
      basket_repository_(db_.sql()),
      sales_repository_(db_.sql()),
      order_repository_(db_.sql()),
      payment_repository_(db_.sql()),
      outbox_repository_(db_.sql()),
      outbox_store_(db_.sql()),
      user_service_(user_repository_),
      balance_service_(balance_repository_),
      product_service_(product_repository_, sales_repository_),
      basket_service_(basket_repository_),
      order_service_(order_repository_, payment_repository_, outbox_repository_, settings.order_ttl_seconds),
      user_facade_(db_, user_service_),
      balance_facade_(user_service_, balance_service_),
      product_facade_(db_, product_service_),
      basket_facade_(db_, user_service_, product_service_, basket_service_),
      order_facade_(db_, user_service_, product_service_, order_service_, balance_service_, basket_service_),
      outbox_facade_(db_, outbox_store_) {}

}  // namespace shop::model
