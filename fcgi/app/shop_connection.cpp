#include "fcgi/app/shop_connection.hpp"

#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

// Not a request's doing, so no request id: a trouble notice is written at once, like an error.
void log_notice(model::NoticeLevel level, std::string_view message) {
  if (level == model::NoticeLevel::kTrouble) {
    log_error({}, message);
  } else {
    log_info({}, message);
  }
}

}  // namespace

model::Shop& ShopConnection::get() {
  // The probe (a poll(), no round trip) finds a connection the server closed while it sat idle, e.g. across a
  // restart. A connection used within the last second is not probed: that saves a system call per request
  // under traffic, and a connection that breaks mid-traffic fails its request with a 503 either way.
  const auto now = std::chrono::steady_clock::now();
  const bool idle = now - last_use_ > std::chrono::seconds(1);
  last_use_ = now;
  if (shop_ && idle && shop_->connection_lost()) shop_.reset();
  if (!shop_) shop_ = std::make_unique<model::Shop>(settings_, log_notice);
  return *shop_;
}

bool ShopConnection::lost() {
  return shop_ && shop_->connection_lost();
}

}  // namespace shop::fcgi
