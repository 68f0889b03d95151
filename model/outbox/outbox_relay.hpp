#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "model/outbox/outbox_event.hpp"

namespace shop::model {

class Database;
class OutboxStore;

/// Sends an event to the data platform; never throws.
using Deliver = std::function<DeliveryResult(const OutboxEvent&)>;

/// One attempt, for the log.
struct DeliveryAttempt {
  std::string event_id;
  int attempt = 0;
  bool delivered = false;
  bool gave_up = false;  ///< the event is FAILED now
  std::string error;
  std::chrono::milliseconds retry_in{0};
};

/// The seed's "주문 정보를 데이터 플랫폼에 전송": delivers outbox events at least once. Each event is claimed,
/// sent and recorded in one transaction, so a relay that dies mid-delivery leaves it PENDING (and another
/// relay sends it again, with the same Idempotency-Key).
class OutboxRelay {
 public:
  OutboxRelay(Database& db, OutboxStore& store, int max_attempts);

  /// Subscribes this connection to the notifications sent after each payment.
  void listen();
  /// Attempts one due event with `deliver`; nullopt when none is due.
  std::optional<DeliveryAttempt> deliver_next(const Deliver& deliver);
  /// How long until the next PENDING event is due; nullopt when there is none this relay could take.
  std::optional<std::chrono::milliseconds> next_due_in();
  /// Waits up to `timeout` for a payment's notification; true when one arrived.
  bool wait_for_notification(std::chrono::milliseconds timeout);

 private:
  Database& db_;
  OutboxStore& store_;
  int max_attempts_;
  std::mt19937_64 random_;
};

}  // namespace shop::model
