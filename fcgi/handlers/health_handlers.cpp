#include "fcgi/handlers/routes.hpp"
#include "fcgi/json/json_writer.hpp"
#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

Response health(Context& context) {
  bool database_up = false;
  try {
    context.shop().database().ping();
    database_up = true;
  } catch (const std::exception& e) {
    log_error(context.request().request_id, std::string("health: database down: ") + e.what());
  }
  JsonWriter json;
  json.begin_object().field("status", database_up ? "UP" : "DOWN").field("database", database_up ? "UP" : "DOWN");
  json.end_object();
  return Response{database_up ? 200 : 503, json.str(), {}};
}

}  // namespace

void add_health_routes(Router& router) {
  router.add("GET", "/api/v1/health", health);
}

}  // namespace shop::fcgi
