#pragma once

#include <optional>
#include <string>

namespace shop::fcgi {

/// What a handler needs of one HTTP request, copied out of the FastCGI params.
struct Request {
  std::string method;
  std::string path;   ///< raw path, without the query
  std::string query;  ///< raw query string, without '?'
  std::string body;
  std::string request_id;                      ///< nginx's $request_id
  std::string authorization;                   ///< the Authorization header, if any
  std::optional<std::string> idempotency_key;  ///< the Idempotency-Key header, when sent (even empty)
};

}  // namespace shop::fcgi
