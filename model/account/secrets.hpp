#pragma once

#include <string>
#include <string_view>

namespace shop::model {

/// Argon2id through libsodium (crypto_pwhash_str: salt and parameters inside the string).
std::string hash_password(std::string_view password);
/// True when `password` matches `hash`. Takes as long as hash_password.
bool password_matches(const std::string& hash, std::string_view password);
/// Spends the time of one password check for a name that has no account, so that a sign-in does not tell
/// an unknown name from a wrong password by its duration.
void check_password_of_nobody(std::string_view password);

/// A new session token: 256 bits from the kernel's CSPRNG, URL-safe base64 without padding (43 characters).
std::string new_session_token();
/// What the database keeps of a token: its SHA-256, hex. A random 256-bit token needs no slow hash.
std::string token_hash(std::string_view token);

}  // namespace shop::model
