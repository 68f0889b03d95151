#include "fcgi/app/idempotent_call.hpp"

#include <limits>
#include <string>

#include "fcgi/errors/error_response.hpp"
#include "model/domain_error.hpp"
#include "model/idempotency/idempotent_request.hpp"
#include "model/shop.hpp"

namespace shop::fcgi {
namespace {

constexpr std::size_t kMaxKeyLength = 255;

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (const char c : key) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/// Whose key it is: the user the call is about, or the admin. Empty when the request does not name its user
/// well; the handler then refuses it (400) and there is nothing to keep.
std::string key_owner(const Access& access, Context& context) {
  if (access.kind == Access::Kind::kAdmin) return "admin";
  if (access.kind != Access::Kind::kUser) return {};
  try {
    const model::Id user_id =
        access.source == Access::Source::kPath
            ? context.id_param(access.name)
            : context.body().require_int(std::string(access.name).c_str(), 1, std::numeric_limits<long long>::max());
    return "user:" + std::to_string(user_id);
  } catch (const model::DomainError&) {
    return {};
  }
}

}  // namespace

Response run_idempotent(const Route& route, Context& context) {
  const Request& request = context.request();
  if (!valid_key(*request.idempotency_key)) {
    throw model::DomainError(model::ErrorCode::kInvalidRequest, "Idempotency-Key");
  }
  std::string owner = key_owner(route.access, context);
  if (owner.empty()) return route.handler(context);

  const std::string target = request.query.empty() ? request.path : request.path + "?" + request.query;
  const model::IdempotentRequest keyed{std::move(owner), *request.idempotency_key,
                                       model::request_fingerprint(request.method, target, request.body)};
  // The use case runs inside the key's transaction; its domain failure becomes the answer that is kept.
  const auto work = [&]() -> model::KeptAnswer {
    Response response;
    try {
      response = route.handler(context);
    } catch (const model::DomainError& e) {
      response = error_response(e.code(), e.field());
    }
    return {response.status, std::move(response.body)};
  };
  model::IdempotentResult result = context.shop().idempotency().run(keyed, work);
  Response response{result.answer.status, std::move(result.answer.body), {}};
  if (result.replayed) response.headers.emplace_back("Idempotent-Replayed", "true");
  return response;
}

}  // namespace shop::fcgi
