// SIGHUP to the master under load: every worker is replaced, one by one, and every request still
// succeeds.
#include <signal.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "tests/support/charge_load.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(sighup_replaces_every_worker_without_failing_a_request) {
  TestDatabase db;
  ShopApi api;
  const pid_t master = pool_master_pid();
  const auto workers_before = worker_pids(master);
  BOOST_TEST_REQUIRE(workers_before.size() >= 2u);
  const UserCredentials user = api.create_user(unique_name("hup"));

  ChargeLoad load(user, 8, 250);
  load.start();
  BOOST_TEST_REQUIRE(load.wait_answered(40, 30s), "no load: " << load.summary());

  BOOST_TEST_REQUIRE(::kill(master, SIGHUP) == 0);
  const bool replaced = wait_until(30s, [&] {
    const auto now = worker_pids(master);
    const bool none_old = std::none_of(now.begin(), now.end(), [&](pid_t pid) {
      return std::find(workers_before.begin(), workers_before.end(), pid) != workers_before.end();
    });
    return none_old && now.size() == workers_before.size();
  });
  const long long after_reload = load.answered();
  load.wait_answered(after_reload + 40, 30s);
  load.stop();
  BOOST_TEST_REQUIRE(load.wait(60s), load.summary());
  BOOST_TEST_MESSAGE("charges: " << load.summary());

  BOOST_TEST(replaced, "workers now: " << worker_pids(master).size());
  BOOST_TEST(pool_master_pid() == master);
  BOOST_TEST(load.count(200) == load.sent(), load.summary());
  BOOST_TEST(db.ledger_count(user.id) == load.count(200));
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
}
