// A worker killed with SIGKILL while charges run: the master respawns it (a new worker appears and the
// count is back), and no committed charge is lost: every charge answered 200 is in the ledger, and the
// balance still equals the ledger's sum.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <numeric>
#include <set>

#include "tests/support/charge_load.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_killed_worker_is_respawned_and_no_committed_charge_is_lost) {
  TestDatabase db;
  ShopApi api;
  const pid_t master = pool_master_pid();
  const auto workers_before = worker_pids(master);
  BOOST_TEST_REQUIRE(workers_before.size() >= 2u, "the pool has " << workers_before.size() << " workers");
  const UserCredentials user = api.create_user(unique_name("kill"));

  ChargeLoad load(user, 8, 250);
  load.start();
  BOOST_TEST_REQUIRE(load.wait_answered(40, 30s), "no load: " << load.summary());

  const bool respawned = kill_worker_and_wait_for_respawn(master, workers_before.front(), 10s);
  // Some more load on the respawned pool, then stop.
  const long long after_respawn = load.answered();
  load.wait_answered(after_respawn + 40, 30s);
  load.stop();
  BOOST_TEST_REQUIRE(load.wait(60s), load.summary());
  BOOST_TEST_MESSAGE("charges: " << load.summary());

  BOOST_TEST(respawned, "workers before " << workers_before.size() << ", now " << worker_pids(master).size());
  const auto workers_after = worker_pids(master);
  BOOST_TEST(workers_after.size() == workers_before.size());
  std::vector<pid_t> fresh;
  std::set_difference(workers_after.begin(), workers_after.end(), workers_before.begin(), workers_before.end(),
                      std::back_inserter(fresh));
  BOOST_TEST(fresh.size() == 1u, "new worker pids: " << fresh.size());
  BOOST_TEST(pool_master_pid() == master);

  // Only the request the victim held may have failed, as nginx's 503; never a transport error.
  BOOST_TEST(load.count(-1) == 0, load.summary());
  BOOST_TEST(load.count(200) + load.count(503) == load.sent(), load.summary());

  // No committed charge lost: every 200 is a ledger line; lines beyond them can only be requests whose
  // answer was lost with the victim.
  const auto written = db.charge_amounts(user.id);
  const std::set<long long> in_ledger(written.begin(), written.end());
  long long missing = 0;
  for (const long long amount : load.amounts_with(200)) missing += in_ledger.count(amount) == 0 ? 1 : 0;
  BOOST_TEST(missing == 0);
  BOOST_TEST(static_cast<long long>(written.size()) >= load.count(200));
  BOOST_TEST(static_cast<long long>(written.size()) <= load.sent());
  BOOST_TEST(in_ledger.size() == written.size());  // no request written twice
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
  BOOST_TEST(std::accumulate(written.begin(), written.end(), 0LL) == db.balance(user.id));

  // The respawned pool serves.
  for (int i = 0; i < 2 * static_cast<int>(workers_before.size()); ++i) {
    BOOST_TEST(api.http().get("/api/v1/health").status == 200);
  }
}
