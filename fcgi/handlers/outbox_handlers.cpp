#include <cctype>
#include <string>

#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/page_view.hpp"
#include "model/domain_error.hpp"

namespace shop::fcgi {
namespace {

void write_event(JsonWriter& json, const model::OutboxEvent& event) {
  json.begin_object().field("eventId", event.event_id).field("type", event.type);
  json.field("status", model::to_string(event.status));
  json.field("attempts", event.attempts).field("lastError", event.last_error);
  json.field("nextAttemptAt", event.next_attempt_at).field("createdAt", event.created_at);
  json.field("deliveredAt", event.delivered_at).key("event").raw(event.payload).end_object();
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Response list_events(Context& context) {
  context.require_admin();
  const QueryParams query = context.query();
  const auto status = model::parse_enum<model::OutboxStatus>(query.get("status").value_or("PENDING"));
  if (!status) throw model::DomainError(model::ErrorCode::kInvalidRequest, "status");
  const auto page = context.shop().outbox().list(*status, query.page());
  JsonWriter json;
  write_page(json, page, write_event);
  return Response{200, json.str(), {}};
}

Response retry_event(Context& context) {
  context.require_admin();
  const std::string event_id(context.param("eventId"));
  if (!is_uuid(event_id)) throw model::DomainError(model::ErrorCode::kInvalidRequest, "eventId");
  JsonWriter json;
  write_event(json, context.shop().outbox().retry(event_id));
  return Response{200, json.str(), {}};
}

}  // namespace

void add_outbox_routes(Router& router) {
  router.add("GET", "/api/v1/admin/outbox", list_events);
  router.add("POST", "/api/v1/admin/outbox/{eventId}/retry", retry_event);
}

}  // namespace shop::fcgi
