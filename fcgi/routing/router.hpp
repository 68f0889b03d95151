#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fcgi/http/response.hpp"
#include "fcgi/routing/context.hpp"

namespace shop::fcgi {

using Handler = std::function<Response(Context&)>;

/// Method + path pattern ("/api/v1/users/{userId}/balance") to handler. A literal segment beats a parameter
/// ("/products/top" before "/products/{productId}"); a known path with another method is a 405 with Allow.
class Router {
 public:
  void add(std::string method, std::string_view pattern, Handler handler);

  /// Runs the matching handler, or answers 404 NOT_FOUND / 405 METHOD_NOT_ALLOWED.
  Response dispatch(Context& context) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  /// Number of literal segments matched, or -1 when `path` does not fit the route.
  static int match(const Route& route, const std::vector<std::string_view>& path, Context::Params& params);

  std::vector<Route> routes_;
};

}  // namespace shop::fcgi
