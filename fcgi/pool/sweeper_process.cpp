#include "fcgi/pool/sweeper_process.hpp"

#include <string>

#include "fcgi/app/shop_connection.hpp"
#include "fcgi/log.hpp"
#include "model/shop.hpp"
#include "fcgi/pool/signals.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kInterval{1000};
constexpr milliseconds kRetryAfterError{3000};
constexpr int kMaxPerRound = 1000;  // then pause, so one round never holds the process for long
constexpr int kKeyBatch = 500;      // expired idempotency keys deleted per statement
constexpr int kMaxKeyBatches = 20;  // per round

/// Deletes expired idempotency keys, a batch at a time; how many.
long long sweep_keys(model::Shop& shop) {
  long long deleted = 0;
  for (int i = 0; i < kMaxKeyBatches && !stop_requested(); ++i) {
    const long long batch = shop.idempotency().delete_expired(kKeyBatch);
    deleted += batch;
    if (batch < kKeyBatch) break;
  }
  return deleted;
}

}  // namespace

int run_sweeper_process(const model::Settings& settings) {
  install_stop_signals();
  ShopConnection shop(settings);
  log_info({}, "expiry sweeper ready");
  while (!stop_requested()) {
    try {
      int expired = 0;
      while (expired < kMaxPerRound && !stop_requested() && shop.get().orders().expire_next()) ++expired;
      if (expired > 0) log_info({}, "expired " + std::to_string(expired) + " orders");
      const long long keys = sweep_keys(shop.get());
      if (keys > 0) log_info({}, "deleted " + std::to_string(keys) + " expired idempotency keys");
      pause_for(kInterval);
    } catch (const std::exception& e) {
      log_error({}, std::string("expiry sweep failed: ") + e.what());
      shop.drop();
      pause_for(kRetryAfterError);
    }
  }
  log_info({}, "expiry sweeper stopped");
  return 0;
}

}  // namespace shop::fcgi
