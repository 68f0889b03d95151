#include "fcgi/pool/http_delivery.hpp"

#include <stdexcept>

#include "fcgi/pool/curl_library.hpp"
#include "fcgi/pool/signals.hpp"
#include "model/outbox/error_text.hpp"
#include "model/outbox/outbox_relay.hpp"

namespace shop::fcgi {
namespace {

constexpr long kConnectTimeoutMs = 3'000;
// Within the relay's lease of the event, so that no other relay sends it meanwhile.
constexpr long kTotalTimeoutMs = model::kDeliveryTimeout.count();
// More of an answer could never be stored with the event.
constexpr size_t kKeptAnswerBytes = model::kMaxErrorTextBytes;

struct HeaderListFree {
  void operator()(curl_slist* list) const { CurlLibrary::get().slist_free_all(list); }
};

/// Ends a transfer when the pool is stopping, so that a hanging platform never holds up a graceful stop.
extern "C" int abort_on_stop(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return stop_requested() ? 1 : 0;
}

/// Keeps the first bytes of the answer, for the error of a non-2xx.
extern "C" size_t keep_some(char* data, size_t size, size_t count, void* target) {
  auto* body = static_cast<std::string*>(target);
  const size_t bytes = size * count;
  if (body->size() < kKeptAnswerBytes) body->append(data, std::min(bytes, kKeptAnswerBytes - body->size()));
  return bytes;
}

}  // namespace

void HttpDelivery::CurlCleanup::operator()(CURL* curl) const {
  CurlLibrary::get().easy_cleanup(curl);
}

HttpDelivery::HttpDelivery(std::string url) : url_(std::move(url)), curl_(CurlLibrary::get().easy_init()) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

model::DeliveryResult HttpDelivery::operator()(const model::OutboxEvent& event) {
  const CurlLibrary& lib = CurlLibrary::get();
  CURL* curl = curl_.get();
  const std::string idempotency_key = "Idempotency-Key: " + event.event_id;
  std::unique_ptr<curl_slist, HeaderListFree> headers;
  for (const char* header : {"Content-Type: application/json; charset=utf-8", idempotency_key.c_str(), "Expect:"}) {
    // curl_slist_append returns the list's head (the same one once it exists), or null on failure.
    curl_slist* head = lib.slist_append(headers.get(), header);
    if (head == nullptr) return {false, "out of memory"};
    static_cast<void>(headers.release());
    headers.reset(head);
  }
  std::string answer;
  lib.easy_reset(curl);
  lib.easy_setopt(curl, CURLOPT_URL, url_.c_str());
  lib.easy_setopt(curl, CURLOPT_POST, 1L);
  lib.easy_setopt(curl, CURLOPT_POSTFIELDS, event.payload.c_str());
  lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(event.payload.size()));
  lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, kTotalTimeoutMs);
  lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_some);
  lib.easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  lib.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  lib.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abort_on_stop);

  const CURLcode code = lib.easy_perform(curl);
  if (code != CURLE_OK) return {false, lib.easy_strerror(code)};
  long status = 0;
  lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, {}};
  return {false, "HTTP " + std::to_string(status) + (answer.empty() ? "" : ": " + answer)};
}

}  // namespace shop::fcgi
