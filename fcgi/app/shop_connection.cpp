#include "fcgi/app/shop_connection.hpp"

namespace shop::fcgi {

model::Shop& ShopConnection::get() {
  if (shop_ && shop_->database().connection_lost()) shop_.reset();
  if (!shop_) {
    try {
      shop_ = std::make_unique<model::Shop>(settings_);
    } catch (const soci::soci_error& e) {
      // Connected, but preparing the statements failed: the server went away or the schema is missing.
      throw model::DatabaseUnavailable(e.what());
    }
  }
  return *shop_;
}

bool ShopConnection::lost() {
  return shop_ && shop_->database().connection_lost();
}

}  // namespace shop::fcgi
