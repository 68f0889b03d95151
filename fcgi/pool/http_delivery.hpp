#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "model/outbox/outbox_event.hpp"

namespace shop::fcgi {

/// POSTs outbox events to the data platform with libcurl (curl_library.hpp): the JSON event as the body,
/// `Idempotency-Key: <eventId>`, bounded connect and total timeouts. A 2xx answer is a delivery; anything else is an
/// error to retry. One handle is kept, so the connection to the platform is reused.
class HttpDelivery {
 public:
  explicit HttpDelivery(std::string url);

  model::DeliveryResult operator()(const model::OutboxEvent& event);

 private:
  struct CurlCleanup {
    void operator()(CURL* curl) const;
  };

  std::string url_;
  std::unique_ptr<CURL, CurlCleanup> curl_;
};

}  // namespace shop::fcgi
