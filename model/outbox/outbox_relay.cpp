#include "model/outbox/outbox_relay.hpp"

#include <string>

#include "model/outbox/retry_backoff.hpp"

namespace shop::model {

OutboxRelay::OutboxRelay(Database& db, OutboxStore& store, Deliver deliver, int max_attempts)
    : db_(db),
      store_(store),
      deliver_(std::move(deliver)),
      max_attempts_(max_attempts),
      random_(std::random_device{}()) {}

std::optional<DeliveryAttempt> OutboxRelay::deliver_next() {
  return db_.transact([&]() -> std::optional<DeliveryAttempt> {
    const auto event = store_.claim_next();
    if (!event) return std::nullopt;
    DeliveryAttempt attempt;
    attempt.event_id = event->event_id;
    attempt.attempt = event->attempts + 1;
    const DeliveryResult result = deliver_(*event);
    attempt.delivered = result.delivered;
    if (result.delivered) {
      store_.mark_delivered(event->id);
      return attempt;
    }
    attempt.error = result.error;
    attempt.gave_up = attempt.attempt >= max_attempts_;
    attempt.retry_in = retry_backoff(attempt.attempt, random_);
    store_.mark_attempt_failed(event->id, result.error, attempt.retry_in, attempt.gave_up);
    return attempt;
  });
}

}  // namespace shop::model
