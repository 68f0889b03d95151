#include "model/account/secrets.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "model/sha256.hpp"

namespace shop::model {
namespace {

// OWASP's floor for Argon2id: 19 MiB, 2 passes, one lane (libsodium's argon2id uses one). Measured on this box
// in the README ("Accounts"): a few tens of milliseconds per hash, the memory freed right after.
constexpr unsigned long long kPasswordPasses = 2;
constexpr std::size_t kPasswordMemory = 19 * 1024 * 1024;

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasswordPasses, kPasswordMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return std::string(out.data());
}

bool password_matches(const std::string& hash, std::string_view password) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void check_password_of_nobody(std::string_view password) {
  // A hash made once per process with the same parameters: checking against it costs what a real check does.
  static const std::string nobody = hash_password(new_session_token());
  password_matches(nobody, password);
}

std::string new_session_token() {
  ensure_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  return std::string(text.data());
}

std::string token_hash(std::string_view token) {
  return sha256_hex(token);
}

}  // namespace shop::model
