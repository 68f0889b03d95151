#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fcgi/http/response.hpp"
#include "fcgi/routing/context.hpp"

namespace shop::fcgi {

using Handler = std::function<Response(Context&)>;

/// Who may call a route, declared with it and checked before anything runs (fcgi/app/authorization.cpp):
/// - kAnyone: no token needed;
/// - kUser: about one user, named in the path or the body: that user's token, or the admin token;
/// - kSignedIn: any user's token (what it reaches is the token's user's own), or the admin token;
/// - kSession: a user's token, about that token's own session;
/// - kAdmin: the admin token; a user's token is FORBIDDEN.
struct Access {
  enum class Kind { kAnyone, kUser, kSignedIn, kSession, kAdmin };
  enum class Source { kNone, kPath, kBody };

  Kind kind = Kind::kAnyone;
  Source source = Source::kNone;  ///< where a kUser route names its user
  std::string_view name;          ///< the path parameter or body field holding the user's id
  /// A kUser route whose one statement checks a user's token itself (the handler hands it
  /// Context::unproven_token()): the check reads nothing first, and the request keeps its single round trip.
  /// A request with an Idempotency-Key is still checked first (its key's owner must be proven), and so is
  /// one whose body names no valid user id.
  bool checked_by_statement = false;

  static Access anyone() { return {}; }
  static Access user_in_path(std::string_view param) { return {Kind::kUser, Source::kPath, param}; }
  static Access user_in_body(std::string_view field) { return {Kind::kUser, Source::kBody, field}; }
  static Access signed_in() { return {Kind::kSignedIn, Source::kNone, {}}; }
  static Access session() { return {Kind::kSession, Source::kNone, {}}; }
  static Access admin() { return {Kind::kAdmin, Source::kNone, {}}; }
  Access with_token_checked_by_statement() const {
    Access access = *this;
    access.checked_by_statement = true;
    return access;
  }
};

/// Whether a retried request may carry an Idempotency-Key that makes it apply once.
enum class Retry { kPlain, kIdempotent };

/// What the routing table says of one method + path pattern.
struct Route {
  std::string method;
  std::vector<std::string> segments;
  Handler handler;
  Access access;
  Retry retry = Retry::kPlain;
};

}  // namespace shop::fcgi
