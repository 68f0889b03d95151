#include <cctype>
#include <string>

#include "fcgi/handlers/routes.hpp"
#include "fcgi/views/json_response.hpp"
#include "fcgi/views/outbox_view.hpp"
#include "fcgi/views/page_view.hpp"
#include "model/domain_error.hpp"

namespace shop::fcgi {
namespace {

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
  const QueryParams query = context.query();
  const auto status = model::parse_enum<model::OutboxStatus>(query.get("status").value_or("PENDING"));
  if (!status) throw model::DomainError(model::ErrorCode::kInvalidRequest, "status");
  return json_response(200, page_of(write_event), context.shop().outbox().list(*status, query.page()));
}

Response retry_event(Context& context) {
  const std::string event_id(context.param("eventId"));
  if (!is_uuid(event_id)) throw model::DomainError(model::ErrorCode::kInvalidRequest, "eventId");
  return json_response(200, write_event, context.shop().outbox().retry(event_id));
}

}  // namespace

void add_outbox_routes(Router& router) {
  router.add("GET", "/api/v1/admin/outbox", list_events, Access::admin());
  router.add("POST", "/api/v1/admin/outbox/{eventId}/retry", retry_event, Access::admin());
}

}  // namespace shop::fcgi
