#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fcgi/http/response.hpp"
#include "fcgi/routing/context.hpp"

namespace shop::fcgi {

using Handler = std::function<Response(Context&)>;

/// Whom a route acts for, declared with the route: the owner of an Idempotency-Key comes from it.
struct Access {
  enum class Kind { kAnyone, kUser, kAdmin };
  enum class Source { kNone, kPath, kBody };

  Kind kind = Kind::kAnyone;
  Source source = Source::kNone;  ///< where a kUser route names its user
  std::string_view name;          ///< the path parameter or body field holding the user's id

  static Access anyone() { return {}; }
  static Access user_in_path(std::string_view param) { return {Kind::kUser, Source::kPath, param}; }
  static Access user_in_body(std::string_view field) { return {Kind::kUser, Source::kBody, field}; }
  static Access admin() { return {Kind::kAdmin, Source::kNone, {}}; }
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
