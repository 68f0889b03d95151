#pragma once

#include <optional>
#include <string>

#include "model/outbox/outbox_status.hpp"
#include "model/types.hpp"

namespace shop::model {

/// A row of the outbox: an event waiting for, or done with, delivery to the data platform.
struct OutboxEvent {
  Id id = 0;
  std::string event_id;  ///< uuid; the Idempotency-Key of every delivery attempt
  std::string type;
  std::string payload;  ///< the JSON event, sent as it is
  OutboxStatus status = OutboxStatus::kPending;
  int attempts = 0;
  std::optional<std::string> last_error;
  std::string next_attempt_at;
  std::string created_at;
  std::optional<std::string> delivered_at;
};

/// What one delivery attempt came to.
struct DeliveryResult {
  bool delivered = false;
  std::string error;  ///< why not, for the row and the log
};

}  // namespace shop::model
