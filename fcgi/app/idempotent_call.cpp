#include "fcgi/app/idempotent_call.hpp"

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

/// Whose key it is: the caller's (the token's user, or the admin).
std::string key_owner(const Context& context) {
  const auto& caller = context.caller();
  switch (caller.kind) {
    case Context::Caller::Kind::kAdmin:
      return "admin";
    case Context::Caller::Kind::kUser:
      return "user:" + std::to_string(caller.session.user_id);
    case Context::Caller::Kind::kNobody:
    case Context::Caller::Kind::kUnproven:  // a keyed request is always proven first
      break;
  }
  return {};
}

}  // namespace

Response run_idempotent(const Route& route, Context& context) {
  const Request& request = context.request();
  if (!valid_key(*request.idempotency_key)) {
    throw model::DomainError(model::ErrorCode::kInvalidRequest, "Idempotency-Key");
  }
  std::string owner = key_owner(context);
  // Every keyed route is for a signed-in caller; a key without one would have no owner to belong to.
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
