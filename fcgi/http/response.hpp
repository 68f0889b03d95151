#pragma once

#include <string>
#include <utility>
#include <vector>

namespace shop::fcgi {

/// A JSON response. Content-Type and X-Request-Id are added when it is written.
struct Response {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers: Allow, WWW-Authenticate
};

/// "OK", "Not Found"...: nginx passes the FastCGI Status line through, so it needs the phrase.
const char* reason_phrase(int status) noexcept;

}  // namespace shop::fcgi
