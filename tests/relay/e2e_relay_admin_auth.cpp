// The outbox's admin endpoints want the admin token: without it, or with another one, they
// answer 401 UNAUTHORIZED (with WWW-Authenticate: Bearer) whatever the event or status asked for.
#include <boost/test/unit_test.hpp>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr const char* kSomeEvent = "7d0e0a5c-1c3b-4e7e-9a54-5f8ef0c2b7a1";

}  // namespace

BOOST_AUTO_TEST_CASE(the_outbox_list_and_retry_without_the_admin_token_are_401) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  check_unauthorized(http.get("/api/v1/admin/outbox"));
  check_unauthorized(http.get("/api/v1/admin/outbox?status=FAILED"));
  check_unauthorized(retry_event(http, kSomeEvent, /*with_token=*/false));
  check_unauthorized(http.send("POST", "/api/v1/admin/outbox/not-a-uuid/retry", std::string()));
}

BOOST_AUTO_TEST_CASE(the_outbox_list_and_retry_with_another_token_are_401) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  const std::string wrong = "Authorization: Bearer not-" + require_env("SHOP_TEST_ADMIN_TOKEN");
  check_unauthorized(http.send("GET", "/api/v1/admin/outbox?status=PENDING", std::nullopt, {wrong}));
  check_unauthorized(
      http.send("POST", std::string("/api/v1/admin/outbox/") + kSomeEvent + "/retry", std::string(), {wrong}));
}
