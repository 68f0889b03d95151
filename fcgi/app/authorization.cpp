#include "fcgi/app/authorization.hpp"

#include <cctype>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "fcgi/json/json_body.hpp"
#include "model/domain_error.hpp"
#include "model/shop.hpp"

namespace shop::fcgi {
namespace {

using model::DomainError;
using model::ErrorCode;

/// The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235).
std::optional<std::string_view> bearer_token(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  }
  header.remove_prefix(kScheme.size());
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  if (header.empty()) return std::nullopt;
  return header;
}

/// Takes the same time wherever the two differ, so the admin token cannot be guessed byte by byte.
bool equal_in_constant_time(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    difference = static_cast<unsigned char>(difference | (g ^ expected[i]));
  }
  return difference == 0;
}

/// The user id a kUser route names: its path parameter, or its body field (absent: nullopt). A body may be
/// left out entirely where the field is all it would hold (a cancel).
std::optional<model::Id> named_user(const Access& access, Context& context) {
  if (access.source == Access::Source::kPath) return context.id_param(access.name);
  if (context.request().body.empty()) return std::nullopt;
  const JsonBody body = context.body();
  const std::string field(access.name);
  return body.optional_int(field.c_str(), 1, std::numeric_limits<long long>::max());
}

/// The body field in which a request may name its user (API.md: left out, it is the token's user).
constexpr std::string_view kBodyUserField = "userId";

/// Whether the body may hold that field: it spells the name, or escapes something (which could spell it).
/// A charge's `{"amount":1000}` does neither, and is not parsed twice.
bool body_mentions_user(const Context& context) {
  const std::string& body = context.request().body;
  return body.find(kBodyUserField) != std::string::npos || body.find("\\u") != std::string::npos;
}

std::optional<JsonBody> parsed_or_none(std::string_view text) {
  try {
    return JsonBody::parse(text);
  } catch (const DomainError&) {
    return std::nullopt;
  }
}

/// The user a body names as well, on a route that names its user in the path: given, it must be the same
/// one (checked by the caller). Wrong type or range: INVALID_REQUEST naming it. A body that is not JSON is
/// the handler's to refuse; nullopt when the body names nobody.
std::optional<model::Id> user_also_in_body(const Access& access, const Context& context) {
  if (access.source != Access::Source::kPath || !body_mentions_user(context)) return std::nullopt;
  const auto body = parsed_or_none(context.request().body);
  if (!body) return std::nullopt;
  return body->optional_int(kBodyUserField.data(), 1, std::numeric_limits<long long>::max());
}

/// The user whose rows the route's statement reads or changes, when that statement is to check the token
/// itself: not for a keyed request (its key's owner must be proven first), nor for a request that names no
/// valid id (the token is checked first, so that an unproven one learns nothing from a 400; a body without
/// `userId` means the token's user, whom only the token's lookup can tell).
std::optional<model::Id> user_for_statement_check(const Route& route, Context& context) {
  const Access& access = route.access;
  if (access.kind != Access::Kind::kUser || !access.checked_by_statement || access.source == Access::Source::kNone) {
    return std::nullopt;
  }
  if (route.retry == Retry::kIdempotent && context.request().idempotency_key) return std::nullopt;
  // A body that names a user too is compared with the token's user, whom only the lookup can tell.
  if (access.source == Access::Source::kPath && body_mentions_user(context)) return std::nullopt;
  try {
    return named_user(access, context);
  } catch (const DomainError&) {
    return std::nullopt;
  }
}

}  // namespace

void authorize(const Route& route, Context& context) {
  const Access& access = route.access;
  if (access.kind == Access::Kind::kAnyone) return;
  const auto token = bearer_token(context.request().authorization);
  if (!token) throw DomainError(ErrorCode::kUnauthorized);

  if (!context.admin_token().empty() && equal_in_constant_time(*token, context.admin_token())) {
    // The admin acts for any user, but has no session of its own.
    if (access.kind == Access::Kind::kSession) throw DomainError(ErrorCode::kForbidden);
    context.set_caller({Context::Caller::Kind::kAdmin, {}, *token});
    if (access.kind == Access::Kind::kUser) {
      const auto user = named_user(access, context);
      if (!user) throw DomainError(ErrorCode::kInvalidRequest, std::string(access.name));
      // The admin may act for anyone, but not for two users at once.
      const auto also = user_also_in_body(access, context);
      if (also && *also != *user) throw DomainError(ErrorCode::kInvalidRequest, std::string(kBodyUserField));
      context.set_acting_user(*user);
    }
    return;
  }

  if (const auto user = user_for_statement_check(route, context)) {
    context.set_caller({Context::Caller::Kind::kUnproven, {}, *token});
    context.set_acting_user(*user);
    return;
  }

  auto session = context.shop().accounts().session(*token);
  if (!session) throw DomainError(ErrorCode::kUnauthorized);
  if (access.kind == Access::Kind::kAdmin) throw DomainError(ErrorCode::kForbidden);
  const model::Id token_user = session->user_id;
  context.set_caller({Context::Caller::Kind::kUser, *std::move(session), *token});
  if (access.kind == Access::Kind::kUser) {
    // Another user's id is FORBIDDEN whether that user exists or not: a token never learns who exists.
    const auto user = named_user(access, context).value_or(token_user);
    if (user != token_user) throw DomainError(ErrorCode::kForbidden);
    const auto also = user_also_in_body(access, context);
    if (also && *also != token_user) throw DomainError(ErrorCode::kForbidden);
    context.set_acting_user(user);
  }
}

void prove_caller(Context& context) {
  const Context::Caller& caller = context.caller();
  if (caller.kind != Context::Caller::Kind::kUnproven) return;
  model::Session session = context.shop().accounts().prove(caller.token, context.acting_user());
  context.set_caller({Context::Caller::Kind::kUser, std::move(session), caller.token});
}

}  // namespace shop::fcgi
