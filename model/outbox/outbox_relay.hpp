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

/// Sends an event to the data platform within kDeliveryTimeout; an exception counts as a failed attempt.
using Deliver = std::function<DeliveryResult(const OutboxEvent&)>;

/// The longest one delivery may take (the HTTP client's whole timeout).
inline constexpr std::chrono::milliseconds kDeliveryTimeout{10'000};
/// How long a claimed event stays its relay's: past any delivery, with room to record the result.
inline constexpr std::chrono::milliseconds kDeliveryLease = kDeliveryTimeout + std::chrono::milliseconds{5'000};

/// One attempt, for the log.
struct DeliveryAttempt {
  std::string event_id;
  int attempt = 0;
  bool delivered = false;
  bool gave_up = false;  ///< the event is FAILED now
  std::string error;     ///< valid UTF-8, one line (clean_error_text), as stored
  std::chrono::milliseconds retry_in{0};
};

/// The seed's "주문 정보를 데이터 플랫폼에 전송": delivers outbox events at least once. Each attempt is three
/// steps with no transaction open across the POST: the claim counts it and leases the event (committed), the
/// POST, then its result in a statement of its own. Whatever goes wrong after the claim, the attempt counts:
/// a relay that dies mid-delivery leaves the event to be sent again (same Idempotency-Key) when the lease
/// ends, and an event that fails every time is FAILED after `max_attempts`, never holding back the others.
class OutboxRelay {
 public:
  OutboxRelay(Database& db, OutboxStore& store, int max_attempts);

  /// Subscribes this connection to the notifications sent after each payment.
  void listen();
  /// Attempts one due event with `deliver`; nullopt when none is due. Throws the model's database errors; the
  /// event claimed, if any, is then tried again when its lease ends.
  std::optional<DeliveryAttempt> deliver_next(const Deliver& deliver);
  /// How long until the next PENDING event is due (one being sent, when its lease ends); nullopt when none waits.
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
