#include "fcgi/handlers/routes.hpp"
#include "fcgi/log.hpp"
#include "fcgi/views/json_response.hpp"

namespace shop::fcgi {
namespace {

void write_health(JsonWriter& json, bool database_up) {
  const char* state = database_up ? "UP" : "DOWN";
  json.begin_object().field("status", state).field("database", state).end_object();
}

Response health(Context& context) {
  bool database_up = false;
  try {
    context.shop().ping();
    database_up = true;
  } catch (const std::exception& e) {
    log_error(context.request().request_id, std::string("health: database down: ") + e.what());
  }
  Response response = json_response(database_up ? 200 : 503, write_health, database_up);
  // As every other 503: a load balancer or a client knows when to look again.
  if (!database_up) response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace

void add_health_routes(Router& router) {
  router.add("GET", "/api/v1/health", health);
}

}  // namespace shop::fcgi
