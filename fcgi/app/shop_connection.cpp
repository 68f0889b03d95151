#include "fcgi/app/shop_connection.hpp"

namespace shop::fcgi {

model::Shop& ShopConnection::get() {
  // The probe (a poll(), no round trip) finds a connection the server closed while it sat idle, e.g. across a
  // restart. A connection used within the last second is not probed: that saves a system call per request
  // under traffic, and a connection that breaks mid-traffic fails its request with a 503 either way.
  const auto now = std::chrono::steady_clock::now();
  const bool idle = now - last_use_ > std::chrono::seconds(1);
  last_use_ = now;
  if (shop_ && idle && shop_->connection_lost()) shop_.reset();
  if (!shop_) shop_ = std::make_unique<model::Shop>(settings_);
  return *shop_;
}

bool ShopConnection::lost() {
  return shop_ && shop_->connection_lost();
}

}  // namespace shop::fcgi
