// A data platform that answers 500 to the first attempts still gets every event: the relay
// retries each with the same body and Idempotency-Key until a 200; meanwhile the admin list shows the event
// PENDING with its attempts and last error, and the pool log has each failure with the event id.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

namespace {

constexpr int kFailures = 2;  // below SHOP_RELAY_MAX_ATTEMPTS (4), so the third attempt is the delivery

}  // namespace

BOOST_FIXTURE_TEST_CASE(every_event_reaches_a_receiver_failing_the_first_two_attempts_and_the_list_shows_the_errors,
                        RelayFixture) {
  BOOST_TEST_REQUIRE(relay_max_attempts() > kFailures);
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  receiver.answer_failing_first(kFailures);
  const model::Id goods = product(1200, 10);
  const UserCredentials user = buyer(100'000);
  std::vector<PaidOrder> orders;
  for (int i = 0; i < 3; ++i) orders.push_back(place_and_pay(http, user, {{goods, 1 + i}}));

  // Between attempts (1-2 s, then 2-4 s) the list shows each event PENDING with what went wrong.
  std::map<model::Id, ListedEvent> seen_failing;
  const bool delivered = wait_until(seconds(30), [&] {
    for (const auto& order : orders) {
      if (seen_failing.count(order.order_id) > 0) continue;
      // An attempt is counted when it starts: failed means its error is recorded.
      if (auto listed = listed_event(http, "PENDING", order.order_id); listed && listed->last_error) {
        seen_failing.emplace(order.order_id, *std::move(listed));
      }
    }
    return all_answered_ok(receiver, orders) && all_listed_delivered(http, orders);
  });
  BOOST_TEST_REQUIRE(delivered, "not every event was delivered within 30 s");

  for (const auto& order : orders) {
    BOOST_TEST_CONTEXT("order " << order.order_id) {
      const auto requests = requests_for(receiver, order.order_id);
      BOOST_TEST_REQUIRE(requests.size() == static_cast<std::size_t>(kFailures + 1));
      const std::string event_id = json_string(parse_json(requests.front().body), "eventId");
      for (std::size_t i = 0; i < requests.size(); ++i) {
        BOOST_TEST(requests[i].answered == (i < static_cast<std::size_t>(kFailures) ? 500 : 200));
        BOOST_TEST(requests[i].header("Idempotency-Key").value_or("<none>") == event_id);
        BOOST_TEST(requests[i].body == requests.front().body);  // the same event, byte for byte
      }

      const auto failing = seen_failing.find(order.order_id);
      BOOST_TEST_REQUIRE((failing != seen_failing.end()), "never listed PENDING after a failed attempt");
      BOOST_TEST(failing->second.event_id == event_id);
      BOOST_TEST(failing->second.status == "PENDING");
      BOOST_TEST(failing->second.attempts >= 1);
      BOOST_TEST(failing->second.attempts <= kFailures);
      BOOST_TEST(failing->second.last_error.value_or("<none>").starts_with("HTTP 500"),
                 failing->second.last_error.value_or("<none>"));

      const auto listed = listed_event(http, "DELIVERED", order.order_id);
      BOOST_TEST_REQUIRE(listed.has_value());
      BOOST_TEST(listed->event_id == event_id);
      BOOST_TEST(listed->attempts == kFailures + 1);
      BOOST_TEST(!listed->last_error.has_value());  // a delivery clears it

      BOOST_TEST(
          wait_for_log_line("delivery failed event " + event_id + " attempt 1: HTTP 500", seconds(10)).has_value());
      BOOST_TEST(wait_for_log_line("delivered event " + event_id + " attempt 3", seconds(10)).has_value());
    }
  }
}
