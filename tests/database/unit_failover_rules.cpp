// The rules of failover, without a database: which SQLSTATEs make a connection useless (dropped, 503, the next
// request reconnects, maybe to another host), and when catalog reads may go to a read standby (ReplicaHealth:
// a lag check at most once a second, a rest after a failure, never a standby further behind than the limit).
#include <boost/test/unit_test.hpp>

#include "model/db/replica_health.hpp"
#include "model/db/sqlstate.hpp"

using namespace std::chrono_literals;
using shop::model::classify_sqlstate;
using shop::model::Failure;
using shop::model::ReplicaHealth;

BOOST_AUTO_TEST_CASE(a_connection_on_a_standby_or_a_server_going_away_is_unavailable) {
  for (const char* state : {"25006", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001"}) {
    BOOST_TEST((classify_sqlstate(state) == Failure::kUnavailable), state);
  }
}

BOOST_AUTO_TEST_CASE(retries_timeouts_and_the_rest_keep_their_meaning) {
  BOOST_TEST((classify_sqlstate("40001") == Failure::kTransient));
  BOOST_TEST((classify_sqlstate("40P01") == Failure::kTransient));
  BOOST_TEST((classify_sqlstate("57014") == Failure::kTimeout));
  BOOST_TEST((classify_sqlstate("55P03") == Failure::kTimeout));
  // A lost connection often carries no SQLSTATE: Database asks libpq then, not this table.
  for (const char* state : {"", "23505", "42P01", "25001", "25P02", "57000", "P0001"}) {
    BOOST_TEST((classify_sqlstate(state) == Failure::kOther), state);
  }
}

BOOST_AUTO_TEST_CASE(a_standby_serves_only_once_its_lag_was_seen_within_the_limit) {
  const auto t0 = ReplicaHealth::Clock::time_point{} + 1h;
  ReplicaHealth health(5000ms);
  BOOST_TEST(health.may_try(t0));
  BOOST_TEST(!health.usable(t0));
  BOOST_TEST(health.lag_check_due(t0));
  health.lag_seen(200ms, t0);
  BOOST_TEST(health.usable(t0));
  // At most one check a second.
  BOOST_TEST(!health.lag_check_due(t0 + 999ms));
  BOOST_TEST(health.lag_check_due(t0 + 1s));
  health.lag_seen(5001ms, t0 + 1s);
  BOOST_TEST(!health.usable(t0 + 1s));
  BOOST_TEST(health.may_try(t0 + 1s));  // still checked, to come back once it caught up
  health.lag_seen(5000ms, t0 + 2s);
  BOOST_TEST(health.usable(t0 + 2s));
}

BOOST_AUTO_TEST_CASE(a_standby_that_failed_rests_then_is_checked_again_before_it_serves) {
  const auto t0 = ReplicaHealth::Clock::time_point{} + 1h;
  ReplicaHealth health(5000ms, 1s, 5s);
  health.lag_seen(0ms, t0);
  health.failed(t0 + 100ms);
  BOOST_TEST(!health.may_try(t0 + 5s));
  BOOST_TEST(!health.usable(t0 + 5s));
  BOOST_TEST(health.may_try(t0 + 5100ms));
  BOOST_TEST(!health.usable(t0 + 5100ms));
  BOOST_TEST(health.lag_check_due(t0 + 5100ms));
  health.lag_seen(0ms, t0 + 5100ms);
  BOOST_TEST(health.usable(t0 + 5100ms));
}

BOOST_AUTO_TEST_CASE(failures_in_a_row_rest_longer_up_to_a_minute_and_a_good_check_forgets_them) {
  const auto t0 = ReplicaHealth::Clock::time_point{} + 1h;
  ReplicaHealth health(5000ms, 1s, 5s);
  auto now = t0;
  for (const auto rest : {5s, 10s, 20s, 40s, 60s, 60s}) {
    health.failed(now);
    BOOST_TEST(!health.may_try(now + rest - 1ms));
    BOOST_TEST(health.may_try(now + rest));
    now += rest;
  }
  health.lag_seen(0ms, now);
  health.failed(now);
  BOOST_TEST(health.may_try(now + 5s));
}
