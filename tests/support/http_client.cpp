#include "tests/support/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

namespace shop::test {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<HttpResponse*>(user)->body.append(data, size * count);
  return size * count;
}

extern "C" size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    response->headers.clear();  // a new answer (after a 100 Continue): keep only the final one's headers
    response->status_line = trim(line);
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    response->headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return size * count;
}

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK) throw std::runtime_error(std::string(what) + ": " + curl_easy_strerror(code));
}

const std::string kEmpty;

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return std::nullopt;
}

int HttpResponse::header_count(std::string_view name) const {
  return static_cast<int>(
      std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return same_name(h.first, name); }));
}

HttpClient::HttpClient(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), timeout_(timeout) {
  static CurlGlobal global;
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(curl_);
}

HttpResponse HttpClient::send(const std::string& method, const std::string& path,
                              const std::optional<std::string>& body, const std::vector<std::string>& headers) {
  HttpResponse response;
  curl_easy_reset(curl_);  // keeps the open connection, forgets the previous request's options
  const std::string url = base_url_ + path;
  check(curl_easy_setopt(curl_, CURLOPT_URL, url.c_str()), "CURLOPT_URL");
  check(curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L), "CURLOPT_NOSIGNAL");
  const long timeout_ms = static_cast<long>(timeout_.count());
  check(curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms), "CURLOPT_TIMEOUT_MS");
  check(curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 5000L)), "CURLOPT_CONNECTTIMEOUT_MS");
  check(curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body), "CURLOPT_WRITEFUNCTION");
  check(curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response), "CURLOPT_WRITEDATA");
  check(curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header), "CURLOPT_HEADERFUNCTION");
  check(curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response), "CURLOPT_HEADERDATA");
  const std::string interface = "host!" + source_address_;
  if (!source_address_.empty())
    check(curl_easy_setopt(curl_, CURLOPT_INTERFACE, interface.c_str()), "CURLOPT_INTERFACE");
  // A body goes as `curl -d` sends it (Content-Type: application/x-www-form-urlencoded unless `headers` name
  // one): the API parses it as JSON whatever it says. A POST without a body sends Content-Length: 0.
  const std::string* payload = body ? &*body : (method == "POST" ? &kEmpty : nullptr);
  if (payload != nullptr) {
    check(curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload->size())),
          "CURLOPT_POSTFIELDSIZE_LARGE");
    check(curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, payload->data()), "CURLOPT_POSTFIELDS");
  }
  if (method == "HEAD") {
    check(curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L), "CURLOPT_NOBODY");
  } else if (method != (payload != nullptr ? "POST" : "GET")) {
    check(curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str()), "CURLOPT_CUSTOMREQUEST");
  }

  // No "Expect: 100-continue": every body goes at once.
  curl_slist* list = nullptr;
  list = curl_slist_append(list, "Expect:");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(list, curl_slist_free_all);
  check(curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list), "CURLOPT_HTTPHEADER");

  const CURLcode code = curl_easy_perform(curl_);
  if (code != CURLE_OK) {
    throw std::runtime_error(method + " " + url + " failed: " + curl_easy_strerror(code));
  }
  check(curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status), "CURLINFO_RESPONSE_CODE");
  return response;
}

}  // namespace shop::test
