// An event the data platform missed SHOP_RELAY_MAX_ATTEMPTS times is FAILED and
// stays for an operator; POST /api/v1/admin/outbox/{eventId}/retry (admin token) puts it back PENDING with
// its attempts reset, and it is then delivered. An unknown event is 404 EVENT_NOT_FOUND, a malformed id 400,
// an event that is not FAILED 409 EVENT_NOT_RETRYABLE. (401 without the token: e2e_relay_admin_auth.)
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/checks.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

namespace {

/// An error of the admin outbox (README "Admin outbox"; its codes are not in API.md's table): the status, the
/// contract's headers and an error body with that code and a message.
void check_outbox_error(const HttpResponse& response, long status, const std::string& code) {
  BOOST_TEST(response.status == status, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  const auto& error = json_object(json, "error");
  BOOST_TEST(json_string(error, "code") == code, response.body);
  BOOST_TEST(!json_string(error, "message").empty());
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(failed_events, RelayFixture)

BOOST_AUTO_TEST_CASE(an_event_missed_max_attempts_times_is_failed_and_a_retry_puts_it_back_and_delivers_it) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  receiver.stop();  // down for longer than the attempts last: 1-2 s, 2-4 s, 4-8 s apart with 4 attempts
  const PaidOrder paid = place_and_pay(http, buyer(), {{product(), 1}});

  const auto failed = wait_for_listed(http, "FAILED", paid.order_id, seconds(40));
  BOOST_TEST_REQUIRE(failed.has_value(), "the event is not FAILED 40 s after the payment");
  BOOST_TEST(failed->status == "FAILED");
  BOOST_TEST(failed->attempts == relay_max_attempts());
  BOOST_TEST(!failed->last_error.value_or("").empty());
  BOOST_TEST(!failed->delivered_at.has_value());
  BOOST_TEST(!listed_event(http, "PENDING", paid.order_id).has_value());
  BOOST_TEST(wait_for_log_line("FAILED event " + failed->event_id + " attempt " + std::to_string(relay_max_attempts()),
                               seconds(10))
                 .has_value());

  receiver.start();
  receiver.answer_ok();
  const auto retried = retry_event(http, failed->event_id);
  BOOST_TEST_REQUIRE(retried.status == 200, retried.body);
  check_contract_headers(retried);
  const auto json = parse_json(retried.body);
  BOOST_TEST(json_string(json, "eventId") == failed->event_id);
  BOOST_TEST(json_string(json, "status") == "PENDING");
  BOOST_TEST(json_int(json, "attempts") == 0);
  BOOST_TEST(json_int(json_object(json_object(json, "event"), "order"), "orderId") == paid.order_id);

  // Back in line and due now: the retry's NOTIFY wakes the relay, which delivers it at its first new attempt.
  BOOST_TEST_REQUIRE(
      wait_until(seconds(20), [&] { return all_answered_ok(receiver, {paid}) && all_listed_delivered(http, {paid}); }),
      "the retried event was not delivered within 20 s");
  const auto requests = requests_for(receiver, paid.order_id);
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests.front().header("Idempotency-Key").value_or("<none>") == failed->event_id);
  BOOST_TEST(json_string(parse_json(requests.front().body), "eventId") == failed->event_id);
  const auto delivered = listed_event(http, "DELIVERED", paid.order_id);
  BOOST_TEST_REQUIRE(delivered.has_value());
  BOOST_TEST(delivered->event_id == failed->event_id);
  BOOST_TEST(delivered->attempts == 1);
  BOOST_TEST(!listed_event(http, "FAILED", paid.order_id).has_value());

  // Delivered is not retryable.
  check_outbox_error(retry_event(http, failed->event_id), 409, "EVENT_NOT_RETRYABLE");
  BOOST_TEST(listed_event(http, "DELIVERED", paid.order_id).has_value());
}

BOOST_AUTO_TEST_CASE(a_pending_event_is_not_retryable) {
  // Down: the event stays PENDING between its attempts.
  const PaidOrder paid = place_and_pay(http, buyer(), {{product(), 1}});
  const auto pending = wait_for_listed(http, "PENDING", paid.order_id, seconds(10));
  BOOST_TEST_REQUIRE(pending.has_value());
  check_outbox_error(retry_event(http, pending->event_id), 409, "EVENT_NOT_RETRYABLE");

  // Leave nothing behind: up, the event is delivered at its next attempt.
  receiver.start();
  receiver.answer_ok();
  BOOST_TEST(wait_until(seconds(30), [&] { return all_listed_delivered(http, {paid}); }));
}

BOOST_AUTO_TEST_CASE(retry_of_an_unknown_event_is_404_event_not_found) {
  check_outbox_error(retry_event(http, "7d0e0a5c-1c3b-4e7e-9a54-5f8ef0c2b7a1"), 404, "EVENT_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(retry_of_a_malformed_event_id_is_400_invalid_request) {
  for (const std::string id : {"12345", "not-a-uuid", "7d0e0a5c1c3b4e7e9a545f8ef0c2b7a1",
                               "7d0e0a5c-1c3b-4e7e-9a54-5f8ef0c2b7a1x", "zd0e0a5c-1c3b-4e7e-9a54-5f8ef0c2b7a1"}) {
    BOOST_TEST_CONTEXT(id) {
      check_error(retry_event(http, id), "INVALID_REQUEST", std::string("eventId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_outbox_list_of_an_unknown_status_is_400_invalid_request) {
  check_error(admin_outbox(http, "LOST"), "INVALID_REQUEST", std::string("status"));
}

BOOST_AUTO_TEST_SUITE_END()
