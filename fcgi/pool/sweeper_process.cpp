#include "fcgi/pool/sweeper_process.hpp"

#include <string>

#include "fcgi/app/shop_connection.hpp"
#include "fcgi/log.hpp"
#include "fcgi/pool/scoreboard.hpp"
#include "fcgi/pool/signals.hpp"
#include "model/db/database_usage.hpp"
#include "model/shop.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kInterval{1000};
constexpr milliseconds kRetryAfterError{3000};
constexpr int kMaxPerRound = 1000;  // then pause, so one round never holds the process for long
constexpr int kBatch = 500;         // expired keys or sessions deleted per statement
constexpr int kMaxBatches = 20;     // of each, per round
// The status page's outbox figures are read this often (the master has no database connection).
constexpr std::chrono::seconds kFiguresInterval{5};

/// Runs `delete_batch(kBatch)` until a batch comes back short (or kMaxBatches); how many rows it deleted.
template <class DeleteBatch>
long long sweep(DeleteBatch delete_batch) {
  long long deleted = 0;
  for (int i = 0; i < kMaxBatches && !stop_requested(); ++i) {
    const long long batch = delete_batch(kBatch);
    deleted += batch;
    if (batch < kBatch) break;
  }
  return deleted;
}

}  // namespace

int run_sweeper_process(const model::Settings& settings) {
  install_stop_signals();
  ShopConnection shop(settings);
  log_info({}, "expiry sweeper ready");
  std::chrono::steady_clock::time_point figures_due{};
  while (!stop_requested()) {
    try {
      int expired = 0;
      while (expired < kMaxPerRound && !stop_requested() && shop.get().orders().expire_next()) ++expired;
      count_orders_expired(static_cast<std::uint64_t>(expired));
      if (expired > 0) log_info({}, "expired " + std::to_string(expired) + " orders");
      model::Shop& model = shop.get();
      if (const auto now = std::chrono::steady_clock::now(); now >= figures_due) {
        const model::OutboxBacklog backlog = model.outbox().backlog();
        publish_figures({true, backlog.pending, backlog.failed, backlog.oldest_pending_ms, now});
        figures_due = now + kFiguresInterval;
      }
      const long long keys = sweep([&](int batch) { return model.idempotency().delete_expired(batch); });
      if (keys > 0) log_info({}, "deleted " + std::to_string(keys) + " expired idempotency keys");
      const long long sessions = sweep([&](int batch) { return model.accounts().delete_dead_sessions(batch); });
      if (sessions > 0) log_info({}, "deleted " + std::to_string(sessions) + " expired or revoked sessions");
      // Nobody reads this process's database time: start over each round, so that the count never grows.
      model::take_database_usage();
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
