#pragma once

#include <string>

namespace shop::fcgi {

/// A JSON response. Content-Type and X-Request-Id are added when it is written.
struct Response {
  int status = 200;
  std::string body;
  std::string allow;  ///< the Allow header of a 405
};

/// "OK", "Not Found"...: nginx passes the FastCGI Status line through, so it needs the phrase.
const char* reason_phrase(int status) noexcept;

}  // namespace shop::fcgi
