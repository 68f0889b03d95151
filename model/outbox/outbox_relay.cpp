#include "model/outbox/outbox_relay.hpp"

#include <exception>
#include <string>

#include "model/db/database.hpp"
#include "model/outbox/error_text.hpp"
#include "model/outbox/outbox_store.hpp"
#include "model/outbox/retry_backoff.hpp"

namespace shop::model {

OutboxRelay::OutboxRelay(Database& db, OutboxStore& store, int max_attempts)
    : db_(db), store_(store), max_attempts_(max_attempts), random_(std::random_device{}()) {}

void OutboxRelay::listen() {
  db_.autocommit([&] { store_.listen(); });
}

std::optional<DeliveryAttempt> OutboxRelay::deliver_next(const Deliver& deliver) {
  const auto event = db_.autocommit([&] { return store_.claim_next(kDeliveryLease); });
  if (!event) return std::nullopt;
  DeliveryAttempt attempt;
  attempt.event_id = event->event_id;
  attempt.attempt = event->attempts;
  if (event->attempts > max_attempts_) {
    attempt.attempt = event->attempts - 1;
    attempt.gave_up = true;
    attempt.error = "attempt " + std::to_string(attempt.attempt) +
                    " ended with no result recorded (its relay stopped mid-delivery)";
    db_.autocommit([&] { store_.give_up_unfinished(event->id, event->attempts, attempt.error); });
    return attempt;
  }

  DeliveryResult result;
  try {
    result = deliver(*event);
  } catch (const std::exception& e) {
    result = {false, std::string("delivery failed: ") + e.what()};
  }
  attempt.delivered = result.delivered;
  if (result.delivered) {
    db_.autocommit([&] { store_.mark_delivered(event->id); });
    return attempt;
  }
  // The platform's answer is any bytes; PostgreSQL (and the log) take only text.
  attempt.error = clean_error_text(result.error);
  attempt.gave_up = attempt.attempt >= max_attempts_;
  attempt.retry_in = retry_backoff(attempt.attempt, random_);
  db_.autocommit([&] {
    store_.mark_attempt_failed(event->id, event->attempts, attempt.error, attempt.retry_in, attempt.gave_up);
  });
  return attempt;
}

std::optional<std::chrono::milliseconds> OutboxRelay::next_due_in() {
  return db_.autocommit([&] { return store_.next_due_in(); });
}

bool OutboxRelay::wait_for_notification(std::chrono::milliseconds timeout) {
  return db_.wait_for_notification(timeout);
}

}  // namespace shop::model
