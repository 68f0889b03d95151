// Several pools on one database (here the test stack's pool and a second one with its own
// relay, both delivering to the test's receiver) claim events with FOR UPDATE SKIP LOCKED: an event one relay
// is sending is never sent by the other at the same time, and the other relay, finding the only due event
// taken, waits (for a notification or its poll) instead of asking the database again and again.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

namespace {

/// Transactions the test database has finished so far (pg_stat_database; a backend reports its own at most
/// once a second, when it goes idle between statements).
long long finished_transactions(TestDatabase& db) {
  long long count = 0;
  db.sql() << "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()",
      soci::into(count);
  return count;
}

struct TwoPoolsFixture : RelayFixture {
  SecondPool second;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(two_pools, TwoPoolsFixture)

BOOST_AUTO_TEST_CASE(an_event_one_relay_is_sending_is_not_sent_by_the_other_at_the_same_time) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  receiver.hang();
  const PaidOrder paid = place_and_pay(http, buyer(), {{product(), 1}});
  // Both relays hear the payment's NOTIFY; one takes the event and its POST is held.
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, paid.order_id).empty(); }));
  std::this_thread::sleep_for(seconds(3));  // the other relay has had its notification and a poll's worth of time
  BOOST_TEST(requests_for(receiver, paid.order_id).size() == 1u);

  receiver.answer_ok();
  BOOST_TEST_REQUIRE(wait_until(seconds(20), [&] { return all_listed_delivered(http, {paid}); }));
  const auto requests = requests_for(receiver, paid.order_id);
  BOOST_TEST(requests.size() == 1u);
  BOOST_TEST(requests.front().answered == 200);
}

BOOST_AUTO_TEST_CASE(a_relay_finding_the_only_due_event_taken_by_the_other_waits_instead_of_spinning) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  TestDatabase db;
  receiver.hang();
  const PaidOrder paid = place_and_pay(http, buyer(), {{product(), 1}});
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, paid.order_id).empty(); }));

  // For 3 s one relay is blocked in its POST and the other has nothing it can claim. Both pools' sweepers (one
  // transaction a second each), the other relay's poll (every 5 s) and this test's reads make a handful of
  // transactions; a relay asking again and again without waiting makes thousands.
  std::this_thread::sleep_for(seconds(1));  // statistics are reported up to a second late
  const long long before = finished_transactions(db);
  std::this_thread::sleep_for(seconds(3));
  const long long during = finished_transactions(db) - before;
  BOOST_TEST_MESSAGE(during << " transactions in 3 s while one relay held the only due event");
  BOOST_TEST(during < 100);

  receiver.answer_ok();
  BOOST_TEST(wait_until(seconds(20), [&] { return all_listed_delivered(http, {paid}); }));
}

BOOST_AUTO_TEST_SUITE_END()
