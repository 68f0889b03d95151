#include "model/outbox/outbox_relay.hpp"

#include <string>

#include "model/db/database.hpp"
#include "model/outbox/outbox_store.hpp"
#include "model/outbox/retry_backoff.hpp"

namespace shop::model {

OutboxRelay::OutboxRelay(Database& db, OutboxStore& store, int max_attempts)
    : db_(db), store_(store), max_attempts_(max_attempts), random_(std::random_device{}()) {}

void OutboxRelay::listen() {
  db_.autocommit([&] { store_.listen(); });
}

std::optional<DeliveryAttempt> OutboxRelay::deliver_next(const Deliver& deliver) {
  return db_.transact([&]() -> std::optional<DeliveryAttempt> {
    const auto event = store_.claim_next();
    if (!event) return std::nullopt;
    DeliveryAttempt attempt;
    attempt.event_id = event->event_id;
    attempt.attempt = event->attempts + 1;
    const DeliveryResult result = deliver(*event);
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

std::optional<std::chrono::milliseconds> OutboxRelay::next_due_in() {
  return db_.autocommit([&] { return store_.next_due_in(); });
}

bool OutboxRelay::wait_for_notification(std::chrono::milliseconds timeout) {
  return db_.wait_for_notification(timeout);
}

}  // namespace shop::model
