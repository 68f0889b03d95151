// Payments made while the data platform is down (nothing listens on its port) all succeed,
// their events wait PENDING with the connection error, and every one of them arrives once the platform is up.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

BOOST_FIXTURE_TEST_CASE(events_of_payments_made_while_the_receiver_is_down_all_arrive_once_it_is_up, RelayFixture) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  receiver.stop();  // down: connections to its port are refused
  const model::Id goods = product(900, 20);
  const UserCredentials user = buyer(100'000);
  std::vector<PaidOrder> orders;
  for (int i = 0; i < 4; ++i) orders.push_back(place_and_pay(http, user, {{goods, 1}}));

  // The first attempt follows the payment's NOTIFY at once; it fails and the event waits for its retry.
  std::map<model::Id, ListedEvent> failed_once;
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] {
    for (const auto& order : orders) {
      // An attempt is counted when it starts: failed means its error is recorded.
      if (auto listed = listed_event(http, "PENDING", order.order_id); listed && listed->last_error) {
        failed_once.insert_or_assign(order.order_id, *std::move(listed));
      }
    }
    return failed_once.size() == orders.size();
  }));
  for (const auto& [order_id, listed] : failed_once) {
    BOOST_TEST_CONTEXT("order " << order_id) {
      BOOST_TEST(listed.status == "PENDING");
      BOOST_TEST(!listed.last_error.value_or("").empty());
      BOOST_TEST(!listed.delivered_at.has_value());
    }
  }

  // Up again, well before SHOP_RELAY_MAX_ATTEMPTS (4) runs out: the next retry of each event gets through.
  receiver.start();
  receiver.answer_ok();
  BOOST_TEST_REQUIRE(
      wait_until(seconds(30), [&] { return all_answered_ok(receiver, orders) && all_listed_delivered(http, orders); }),
      "not every event arrived within 30 s of the receiver coming up");
  for (const auto& order : orders) {
    BOOST_TEST_CONTEXT("order " << order.order_id) {
      const auto requests = requests_for(receiver, order.order_id);
      BOOST_TEST_REQUIRE(requests.size() == 1u);  // the attempts before it never reached a listener
      const std::string event_id = json_string(parse_json(requests.front().body), "eventId");
      BOOST_TEST(requests.front().header("Idempotency-Key").value_or("<none>") == event_id);
      const auto listed = listed_event(http, "DELIVERED", order.order_id);
      BOOST_TEST_REQUIRE(listed.has_value());
      BOOST_TEST(listed->event_id == event_id);
      BOOST_TEST(listed->attempts >= 2);
      BOOST_TEST(listed->attempts <= relay_max_attempts());
    }
  }
}
