#pragma once

#include "model/db/row.hpp"
#include "model/outbox/outbox_event.hpp"

namespace shop::model {

/// An outbox_events row, as outbox/claim, outbox/list and outbox/find return it.
inline void read_row(const soci::values& row, OutboxEvent& event) {
  event.id = row.get<long long>("id");
  event.event_id = row.get<std::string>("event_id");
  event.type = row.get<std::string>("type");
  event.payload = row.get<std::string>("payload");
  event.status = enum_column<OutboxStatus>(row, "status");
  event.attempts = row.get<int>("attempts");
  event.last_error = optional_column<std::string>(row, "last_error");
  event.next_attempt_at = row.get<std::string>("next_attempt_at");
  event.created_at = row.get<std::string>("created_at");
  event.delivered_at = optional_column<std::string>(row, "delivered_at");
}

}  // namespace shop::model
