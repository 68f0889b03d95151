#pragma once

#include <utility>

#include "fcgi/http/response.hpp"
#include "fcgi/json/json_writer.hpp"

namespace shop::fcgi {

/// A handler's answer in one call: `view(json, args...)` (a write_* function of views/) renders the body.
template <class View, class... Args>
Response json_response(int status, View&& view, const Args&... args) {
  JsonWriter json;
  std::forward<View>(view)(json, args...);
  return Response{status, json.str(), {}};
}

}  // namespace shop::fcgi
