#pragma once

#include "fcgi/json/json_writer.hpp"
#include "model/outbox/outbox_event.hpp"

namespace shop::fcgi {

/// `{"eventId", "type", "status", "attempts", "lastError", "nextAttemptAt", "createdAt", "deliveredAt",
/// "event"}` where "event" is the event as the data platform receives it.
void write_event(JsonWriter& json, const model::OutboxEvent& event);

}  // namespace shop::fcgi
