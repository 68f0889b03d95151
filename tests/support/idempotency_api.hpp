#pragma once

// Requests with an Idempotency-Key (API.md "Retrying safely") over HttpClient, and a client that retries one
// as API.md tells a client to: the same request with the same key until a 2xx or a 4xx.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/http_client.hpp"

namespace shop::test {

/// `method path body` with "Idempotency-Key: <key>" and `headers`.
HttpResponse send_keyed(HttpClient& http, const std::string& method, const std::string& path, const std::string& body,
                        const std::string& key, std::vector<std::string> headers = {});

/// True when the answer is the key's first answer again (Idempotent-Replayed: true).
bool replayed(const HttpResponse& response);

/// True when the answer is 409 IDEMPOTENCY_KEY_IN_USE: the key's first request was still running.
bool key_in_use(const HttpResponse& response);

/// What a retrying client went through for one key.
struct RetriedCall {
  std::optional<HttpResponse> answer;  ///< the answer that ended it; none when the deadline came first
  int server_errors = 0;               ///< 5xx answers, retried
  int internal_errors = 0;             ///< of them, 500 INTERNAL_ERROR
  int transport_errors = 0;            ///< timeouts, refused and dropped connections, retried
  int in_use = 0;                      ///< 409 IDEMPOTENCY_KEY_IN_USE, retried
  std::string last_problem;            ///< the last retried failure, for messages
};

/// Sends the keyed request until the answer is a 2xx or a 4xx other than IDEMPOTENCY_KEY_IN_USE, `pause`
/// between tries; gives up at `deadline`.
RetriedCall send_until_answered(HttpClient& http, const std::string& method, const std::string& path,
                                const std::string& body, const std::string& key, std::chrono::milliseconds pause,
                                std::chrono::steady_clock::time_point deadline,
                                const std::vector<std::string>& headers = {});

}  // namespace shop::test
