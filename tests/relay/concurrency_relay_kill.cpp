// The relay process killed (SIGKILL) in the middle of a delivery — its POST is in the
// receiver's hands, unanswered — loses nothing: the pool master forks a new relay, which sends the event again
// once its lease runs out (no result was recorded), and every event reaches the receiver. A duplicate is the same event
// with the same Idempotency-Key, so the data platform can tell.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

BOOST_FIXTURE_TEST_CASE(killing_the_relay_mid_delivery_loses_no_event_and_duplicates_carry_the_same_key, RelayFixture) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  const std::optional<pid_t> relay = relay_pid();
  BOOST_TEST_REQUIRE(relay.has_value(), "no live relay process (no \"outbox relay ready\" line of a pool child)");

  receiver.hang();
  const model::Id goods = product(500, 20);
  const UserCredentials user = buyer(100'000);
  std::vector<PaidOrder> orders;
  for (int i = 0; i < 3; ++i) orders.push_back(place_and_pay(http, user, {{goods, 1}}));

  // The relay takes the oldest event first; wait until its POST is held by the receiver.
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, orders[0].order_id).empty(); }),
                     "the relay did not POST the first event within 10 s");
  BOOST_TEST(requests_for(receiver, orders[0].order_id).front().answered == 0);  // still held: mid-delivery

  BOOST_TEST_REQUIRE(::kill(*relay, SIGKILL) == 0);
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !process_alive(*relay); }));
  receiver.answer_ok();  // the platform recovers too; the dead relay's request goes unanswered

  std::optional<pid_t> respawned;
  BOOST_TEST_REQUIRE(wait_until(seconds(20),
                                [&] {
                                  respawned = relay_pid();
                                  return respawned.has_value() && *respawned != *relay;
                                }),
                     "the master did not start a new relay within 20 s");
  BOOST_TEST(process_alive(*respawned));

  BOOST_TEST_REQUIRE(
      wait_until(seconds(30), [&] { return all_answered_ok(receiver, orders) && all_listed_delivered(http, orders); }),
      "not every event was delivered within 30 s of the kill");
  for (const auto& order : orders) {
    BOOST_TEST_CONTEXT("order " << order.order_id) {
      const auto requests = requests_for(receiver, order.order_id);
      BOOST_TEST_REQUIRE(!requests.empty());
      const std::string event_id = json_string(parse_json(requests.front().body), "eventId");
      for (const auto& request : requests) {
        BOOST_TEST(request.header("Idempotency-Key").value_or("<none>") == event_id);
        BOOST_TEST(request.body == requests.front().body);
      }
      const auto listed = listed_event(http, "DELIVERED", order.order_id);
      BOOST_TEST_REQUIRE(listed.has_value());
      BOOST_TEST(listed->event_id == event_id);
    }
  }
  // The event in flight when the relay died was sent again: at least twice, by two connections.
  const auto first = requests_for(receiver, orders[0].order_id);
  BOOST_TEST(first.size() >= 2u);
  if (first.size() >= 2u) BOOST_TEST(first.front().connection != first.back().connection);
}

BOOST_FIXTURE_TEST_CASE(a_relay_killed_during_the_last_attempt_leaves_the_event_failed_without_another_post,
                        RelayFixture) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  const std::optional<pid_t> relay = relay_pid();
  BOOST_TEST_REQUIRE(relay.has_value(), "no live relay process (no \"outbox relay ready\" line of a pool child)");

  receiver.hang();
  const PaidOrder paid = place_and_pay(http, buyer(), {{product(), 1}});
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, paid.order_id).empty(); }),
                     "the relay did not POST the event within 10 s");
  const std::string key = requests_for(receiver, paid.order_id).front().header("Idempotency-Key").value_or("");
  BOOST_TEST_REQUIRE(!key.empty());
  // As if every attempt before this one had failed: the POST now held is the event's last.
  const int last = relay_max_attempts();
  TestDatabase db;
  db.sql() << "UPDATE outbox_events SET attempts = :attempts WHERE event_id = :event_id::uuid", soci::use(last),
      soci::use(key);

  BOOST_TEST_REQUIRE(::kill(*relay, SIGKILL) == 0);
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !process_alive(*relay); }));
  receiver.answer_ok();

  const auto failed = wait_for_listed(http, "FAILED", paid.order_id, seconds(40));
  BOOST_TEST_REQUIRE(failed.has_value(), "the event is not FAILED 40 s after its relay was killed");
  BOOST_TEST(failed->attempts == last);
  BOOST_TEST(failed->last_error.value_or("<none>").find("no result recorded") != std::string::npos,
             failed->last_error.value_or("<none>"));
  BOOST_TEST(requests_for(receiver, paid.order_id).size() == 1u);

  const auto retried = retry_event(http, key);
  BOOST_TEST_REQUIRE(retried.status == 200, retried.body);
  BOOST_TEST(
      wait_until(seconds(20), [&] { return all_answered_ok(receiver, {paid}) && all_listed_delivered(http, {paid}); }),
      "the retried event was not delivered within 20 s");
}
