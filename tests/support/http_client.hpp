#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shop::test {

/// One HTTP answer as the client saw it.
struct HttpResponse {
  long status = 0;
  std::string status_line;                                   ///< "HTTP/1.1 200 OK", without the line end
  std::vector<std::pair<std::string, std::string>> headers;  ///< in order, names as sent
  std::string body;

  /// The first header of that name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
  /// How many headers of that name came.
  int header_count(std::string_view name) const;
};

/// A small blocking HTTP/1.1 client over libcurl for the end-to-end tests: method, path, raw body bytes and
/// extra headers in; status, headers and body out. One per process (make a new one after fork); it keeps its
/// connection to nginx alive between requests. Transport failures, a timeout among them, throw
/// std::runtime_error.
class HttpClient {
 public:
  /// `base_url` like "http://127.0.0.1:8080"; paths are appended to it as they are. A request without its
  /// whole answer after `timeout` fails; a client that retries sets a short one, so that a request caught
  /// by a fault is sent again instead of waited on.
  explicit HttpClient(std::string base_url, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends `body` byte for byte when given (no Content-Type is added unless in `headers`).
  HttpResponse send(const std::string& method, const std::string& path, const std::optional<std::string>& body = {},
                    const std::vector<std::string>& headers = {});

  HttpResponse get(const std::string& path, const std::vector<std::string>& headers = {}) {
    return send("GET", path, std::nullopt, headers);
  }
  HttpResponse post(const std::string& path, const std::string& body, const std::vector<std::string>& headers = {}) {
    return send("POST", path, body, headers);
  }

  const std::string& base_url() const { return base_url_; }

  /// Connects from this local address (any of 127.0.0.0/8 reaches nginx on 127.0.0.1), so that nginx sees
  /// another client address; set it before the first request (a kept connection keeps its address). Empty: the
  /// system's choice.
  void set_source_address(std::string address) { source_address_ = std::move(address); }

 private:
  std::string base_url_;
  std::string source_address_;
  std::chrono::milliseconds timeout_;
  CURL* curl_ = nullptr;
};

}  // namespace shop::test
