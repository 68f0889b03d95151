#include "fcgi/pool/relay_process.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "fcgi/log.hpp"
#include "fcgi/pool/http_delivery.hpp"
#include "fcgi/pool/signals.hpp"
#include "model/shop.hpp"

namespace shop::fcgi {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kPollInterval{5'000};
// Never query in a tight loop, whatever the clock says is due.
constexpr milliseconds kMinWait{100};
constexpr milliseconds kRetryAfterError{3'000};

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

int run_relay_process(const model::Settings& settings) {
  install_stop_signals();
  HttpDelivery delivery(settings.data_platform_url);
  const model::Deliver deliver = [&](const model::OutboxEvent& event) { return delivery(event); };
  // A connection of its own, LISTENing; rebuilt (and LISTENing again) after any failure.
  std::unique_ptr<model::Shop> shop;
  log_info({}, "outbox relay ready, delivering to " + settings.data_platform_url);
  while (!stop_requested()) {
    try {
      if (!shop) {
        shop = std::make_unique<model::Shop>(settings);
        shop->relay().listen();
      }
      model::OutboxRelay& relay = shop->relay();
      while (!stop_requested()) {
        const auto attempt = relay.deliver_next(deliver);
        if (!attempt) break;
        log_attempt(*attempt);
      }
      const milliseconds wait = std::clamp(relay.next_due_in().value_or(kPollInterval), kMinWait, kPollInterval);
      // Short slices keep a stop prompt; a notification ends the wait at once.
      const auto deadline = std::chrono::steady_clock::now() + wait;
      while (!stop_requested() && std::chrono::steady_clock::now() < deadline) {
        if (relay.wait_for_notification(std::min(wait, milliseconds(500)))) break;
      }
    } catch (const std::exception& e) {
      log_error({}, std::string("outbox relay: ") + e.what());
      shop.reset();
      pause_for(kRetryAfterError);
    }
  }
  log_info({}, "outbox relay stopped");
  return 0;
}

}  // namespace shop::fcgi
