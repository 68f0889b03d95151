#include "fcgi/background/outbox_relay_process.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "fcgi/background/http_delivery.hpp"
#include "fcgi/background/stop_flag.hpp"
#include "fcgi/log.hpp"
#include "model/outbox/outbox_relay.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kPollInterval{5'000};
// Never query in a tight loop, whatever the clock says is due.
constexpr milliseconds kMinWait{100};
constexpr milliseconds kRetryAfterError{3'000};

/// What the relay needs of the database: its own connection, LISTENing.
struct RelayConnection {
  RelayConnection(const model::Settings& settings, model::Deliver deliver)
      : db(settings.database_url, settings.timezone),
        store(db.sql()),
        relay(db, store, std::move(deliver), settings.relay_max_attempts) {
    store.listen();
  }

  model::Database db;
  model::OutboxStore store;
  model::OutboxRelay relay;
};

void log_attempt(const model::DeliveryAttempt& attempt) {
  const std::string what = "event " + attempt.event_id + " attempt " + std::to_string(attempt.attempt);
  if (attempt.delivered) {
    log_info({}, "delivered " + what);
  } else if (attempt.gave_up) {
    log_error({}, "FAILED " + what + ": " + attempt.error + "; left for an operator");
  } else {
    log_error({}, "delivery failed " + what + ": " + attempt.error + "; retry in " +
                      std::to_string(attempt.retry_in.count()) + " ms");
  }
}

}  // namespace

int run_outbox_relay(const model::Settings& settings) {
  install_stop_handlers();
  curl_global_init(CURL_GLOBAL_DEFAULT);
  HttpDelivery delivery(settings.data_platform_url);
  std::unique_ptr<RelayConnection> connection;
  log_info({}, "outbox relay ready, delivering to " + settings.data_platform_url);
  while (!stop_requested()) {
    try {
      if (!connection) {
        connection = std::make_unique<RelayConnection>(
            settings, [&](const model::OutboxEvent& event) { return delivery(event); });
      }
      while (!stop_requested()) {
        const auto attempt = connection->relay.deliver_next();
        if (!attempt) break;
        log_attempt(*attempt);
      }
      const milliseconds wait =
          std::clamp(connection->store.next_due_in().value_or(kPollInterval), kMinWait, kPollInterval);
      // Short slices keep a stop prompt; a notification ends the wait at once.
      const auto deadline = std::chrono::steady_clock::now() + wait;
      while (!stop_requested() && std::chrono::steady_clock::now() < deadline) {
        if (connection->db.wait_for_notification(std::min(wait, milliseconds(500)))) break;
      }
    } catch (const std::exception& e) {
      log_error({}, std::string("outbox relay: ") + e.what());
      connection.reset();
      pause_for(kRetryAfterError);
    }
  }
  curl_global_cleanup();
  log_info({}, "outbox relay stopped");
  return 0;
}

}  // namespace shop::fcgi
