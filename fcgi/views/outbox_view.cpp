#include "fcgi/views/outbox_view.hpp"

namespace shop::fcgi {

void write_event(JsonWriter& json, const model::OutboxEvent& event) {
  json.begin_object().field("eventId", event.event_id).field("type", event.type);
  json.field("status", model::to_string(event.status));
  json.field("attempts", event.attempts).field("lastError", event.last_error);
  json.field("nextAttemptAt", event.next_attempt_at).field("createdAt", event.created_at);
  json.field("deliveredAt", event.delivered_at).key("event").raw(event.payload).end_object();
}

}  // namespace shop::fcgi
