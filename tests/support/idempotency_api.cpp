#include "tests/support/idempotency_api.hpp"

#include <stdexcept>
#include <thread>

#include "tests/support/json.hpp"

namespace shop::test {

HttpResponse send_keyed(HttpClient& http, const std::string& method, const std::string& path, const std::string& body,
                        const std::string& key, std::vector<std::string> headers) {
  headers.push_back("Idempotency-Key: " + key);
  return http.send(method, path, body, headers);
}

bool replayed(const HttpResponse& response) {
  return response.header("Idempotent-Replayed").value_or("") == "true";
}

bool key_in_use(const HttpResponse& response) {
  return response.status == 409 && error_code_of(response.body) == "IDEMPOTENCY_KEY_IN_USE";
}

RetriedCall send_until_answered(HttpClient& http, const std::string& method, const std::string& path,
                                const std::string& body, const std::string& key, std::chrono::milliseconds pause,
                                std::chrono::steady_clock::time_point deadline,
                                const std::vector<std::string>& headers) {
  RetriedCall call;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      HttpResponse response = send_keyed(http, method, path, body, key, headers);
      if (response.status >= 500) {
        ++call.server_errors;
        if (response.status == 500) ++call.internal_errors;
        call.last_problem = std::to_string(response.status) + " " + response.body;
      } else if (key_in_use(response)) {
        ++call.in_use;
        call.last_problem = "409 " + response.body;
      } else {
        call.answer = std::move(response);
        return call;
      }
    } catch (const std::runtime_error& e) {
      ++call.transport_errors;
      call.last_problem = e.what();
    }
    std::this_thread::sleep_for(pause);
  }
  return call;
}

}  // namespace shop::test
