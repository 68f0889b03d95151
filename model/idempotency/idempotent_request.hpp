#pragma once

#include <string>
#include <string_view>

namespace shop::model {

/// How long a key is kept: a retry within this time gets the first answer again.
inline constexpr int kIdempotencyKeyTtlSeconds = 24 * 60 * 60;

/// A request that carries an Idempotency-Key.
struct IdempotentRequest {
  std::string owner;        ///< whose key: "user:<id>" or "admin"; another owner's key is another key
  std::string key;          ///< as the client sent it (1..255 printable ASCII, checked by the front)
  std::string fingerprint;  ///< request_fingerprint() of the method, path and body
};

/// An answer as the client got it. Only 2xx and 4xx answers are kept; a 5xx is never kept, so that a retry
/// runs the request again.
struct KeptAnswer {
  int status = 0;
  std::string body;
};

/// What a keyed request came to: its own answer, or the first one's again.
struct IdempotentResult {
  KeptAnswer answer;
  bool replayed = false;
};

/// SHA-256 (hex) of the method, the path with its query, and the body, byte for byte: the same key with
/// another fingerprint is another request (IDEMPOTENCY_KEY_REUSED).
std::string request_fingerprint(std::string_view method, std::string_view target, std::string_view body);

}  // namespace shop::model
