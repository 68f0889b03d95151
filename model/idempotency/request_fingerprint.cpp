#include <string>

#include "model/idempotency/idempotent_request.hpp"
#include "model/sha256.hpp"

namespace shop::model {

std::string request_fingerprint(std::string_view method, std::string_view target, std::string_view body) {
  // NUL separates the parts: neither the method nor the target can hold one.
  std::string request;
  request.reserve(method.size() + target.size() + body.size() + 2);
  request.append(method).append(1, '\0').append(target).append(1, '\0').append(body);
  return sha256_hex(request);
}

}  // namespace shop::model
