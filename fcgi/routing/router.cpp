#include "fcgi/routing/router.hpp"

#include <algorithm>

#include "fcgi/errors/error_response.hpp"

namespace shop::fcgi {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.starts_with('{') && segment.ends_with('}');
}

}  // namespace

void Router::add(std::string method, std::string_view pattern, Handler handler, Access access, Retry retry) {
  std::vector<std::string> segments;
  for (const auto segment : split_path(pattern)) segments.emplace_back(segment);
  routes_.push_back(Route{std::move(method), std::move(segments), std::move(handler), access, retry});
}

int Router::match(const Route& route, const std::vector<std::string_view>& path, Context::Params& params) {
  if (route.segments.size() != path.size()) return -1;
  params.clear();
  int literals = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string_view want = route.segments[i];
    if (is_parameter(want)) {
      if (path[i].empty()) return -1;
      params.emplace_back(want.substr(1, want.size() - 2), path[i]);
    } else if (want == path[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

Router::Match Router::find(Context& context) const {
  const auto path = split_path(context.request().path);
  // HEAD is answered as GET; nginx drops the body.
  const std::string_view method =
      context.request().method == "HEAD" ? std::string_view("GET") : context.request().method;
  const Route* best = nullptr;
  int best_literals = -1;
  Context::Params best_params;
  std::string allow;
  Context::Params params;
  for (const auto& route : routes_) {
    const int literals = match(route, path, params);
    if (literals < 0) continue;
    if (route.method == method) {
      if (literals > best_literals) {
        best = &route;
        best_literals = literals;
        best_params = params;
      }
    } else if (allow.find(route.method) == std::string::npos) {
      allow += allow.empty() ? route.method : ", " + route.method;
      if (route.method == "GET") allow += ", HEAD";  // answered like GET, so allowed wherever GET is
    }
  }
  if (best != nullptr) {
    context.set_params(std::move(best_params));
    return Match{best, {}};
  }
  if (allow.empty()) return Match{nullptr, error_response(HttpError::kNotFound)};
  Response response = error_response(HttpError::kMethodNotAllowed);
  response.headers.emplace_back("Allow", std::move(allow));
  return Match{nullptr, std::move(response)};
}

Response Router::dispatch(Context& context) const {
  Match match = find(context);
  return match.route != nullptr ? match.route->handler(context) : std::move(match.error);
}

}  // namespace shop::fcgi
