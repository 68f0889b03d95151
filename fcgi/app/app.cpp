#include "fcgi/app/app.hpp"

#include <string>

#include "fcgi/app/authorization.hpp"
#include "fcgi/app/idempotent_call.hpp"
#include "fcgi/errors/error_response.hpp"
#include "fcgi/handlers/routes.hpp"
#include "fcgi/log.hpp"
#include "model/db/database_error.hpp"
#include "model/domain_error.hpp"

namespace shop::fcgi {

App::App(model::Settings settings, std::string admin_token)
    : router_(make_router()), shop_(std::move(settings)), admin_token_(std::move(admin_token)) {}

// A caller whose token the handler's statement was to check is proven before any other answer: an unproven
// token learns nothing from a 400 or a 404, and a handler that never handed the token on answers nobody.
Response App::run_handler(const Route& route, Context& context) {
  try {
    Response response = route.handler(context);
    if (!context.token_handed_on()) prove_caller(context);
    return response;
  } catch (const model::DomainError& e) {
    if (e.code() != model::ErrorCode::kUnauthorized && e.code() != model::ErrorCode::kForbidden) {
      prove_caller(context);
    }
    throw;
  }
}

Response App::dispatch(const Request& request) {
  const std::string& rid = request.request_id;
  try {
    Context context(request, shop_, admin_token_);
    Router::Match match = router_.find(context);
    if (match.route == nullptr) return std::move(match.error);
    const Route& route = *match.route;
    // Who may call it is settled before anything runs, a key's lookup included.
    authorize(route, context);
    if (route.retry == Retry::kIdempotent && request.idempotency_key) return run_idempotent(route, context);
    return run_handler(route, context);
  } catch (const model::DomainError& e) {
    return error_response(e.code(), e.field());
  } catch (const model::DatabaseUnavailable& e) {
    // Broken, shutting down, or a standby since a failover (read-only): the next request connects afresh, and
    // a multi-host URL with target_session_attrs=read-write finds the primary.
    log_error(rid, std::string("database unavailable, connection dropped: ") + e.what());
    shop_.drop();
    return error_response(HttpError::kUnavailable);
  } catch (const model::DatabaseTimeout& e) {
    log_error(rid, std::string("database timeout: ") + e.what());
    return error_response(HttpError::kUnavailable);
  } catch (const model::DatabaseError& e) {
    log_error(rid, std::string("database error: ") + e.what());
    return error_response(HttpError::kInternal);
  } catch (const std::exception& e) {
    log_error(rid, std::string("unexpected error: ") + e.what());
    return error_response(HttpError::kInternal);
  }
}

Response App::handle(const Request& request) noexcept {
  try {
    Response response = dispatch(request);
    // A handler may have swallowed a broken connection (health does, answering 503): never keep one. A 2xx-4xx
    // answer means the connection worked or was not needed, so only a 5xx is worth the extra poll().
    if (response.status >= 500 && shop_.lost()) shop_.drop();
    return response;
  } catch (...) {
    // Only allocation failures can get here.
    return Response{500, R"({"error":{"code":"INTERNAL_ERROR","message":"서버 오류 입니다."}})", {}};
  }
}

}  // namespace shop::fcgi
