#include <sodium.h>

#include <array>
#include <stdexcept>

#include "model/idempotency/idempotent_request.hpp"

namespace shop::model {

std::string request_fingerprint(std::string_view method, std::string_view target, std::string_view body) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  // NUL separates the parts: none of them can hold one where it matters (method and target never do).
  const auto add = [&state](std::string_view part) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
    const unsigned char separator = 0;
    crypto_hash_sha256_update(&state, &separator, 1);
  };
  add(method);
  add(target);
  add(body);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace shop::model
