#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fcgi/http/response.hpp"
#include "fcgi/routing/context.hpp"
#include "fcgi/routing/route.hpp"

namespace shop::fcgi {

/// Method + path pattern ("/api/v1/users/{userId}/balance") to handler. A literal segment beats a parameter
/// ("/products/top" before "/products/{productId}"); a known path with another method is a 405 with Allow.
class Router {
 public:
  void add(std::string method, std::string_view pattern, Handler handler, Access access = Access::anyone(),
           Retry retry = Retry::kPlain);

  /// The route of the request, with its path parameters set in `context`; or the 404 NOT_FOUND / 405
  /// METHOD_NOT_ALLOWED answer when there is none.
  struct Match {
    const Route* route = nullptr;
    Response error;
  };
  Match find(Context& context) const;

  /// Runs the matching handler, or answers 404 / 405.
  Response dispatch(Context& context) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  /// Number of literal segments matched, or -1 when `path` does not fit the route.
  static int match(const Route& route, const std::vector<std::string_view>& path, Context::Params& params);

  std::vector<Route> routes_;
};

}  // namespace shop::fcgi
