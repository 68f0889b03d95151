// PostgreSQL stopped under the pool: requests answer 503 SERVICE_UNAVAILABLE and health 503 with
// "database": "DOWN"; once it is back, requests succeed again with the same master and the same workers
// (each worker reconnects by itself), and no refused charge was written.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_postgresql_restart_gives_503s_then_success_without_a_pool_restart) {
  PostgresControl postgres;
  ShopApi api;
  const pid_t master = pool_master_pid();
  const auto workers_before = worker_pids(master);
  UserCredentials user;
  {
    TestDatabase db;  // closed before the stop: a fast shutdown would end it anyway
    user = api.create_user(unique_name("pg"));
    BOOST_TEST_REQUIRE(api.charge(user, 1000).status == 200);
    // Every worker holds an open connection now.
    for (std::size_t i = 0; i < 4 * workers_before.size(); ++i) BOOST_TEST_REQUIRE(api.balance(user) == 1000);
  }

  BOOST_TEST_REQUIRE(postgres.stop("SHOP_TEST_PG_STOP"), "SHOP_TEST_PG_STOP failed");

  // Enough requests for every worker to meet its broken connection, and then to fail to reconnect.
  for (std::size_t i = 0; i < 3 * workers_before.size(); ++i) {
    check_error(api.charge(user, 1), "SERVICE_UNAVAILABLE");
    check_error(api.http().get(user_path(user.id, "/balance"), {authorization(user.token)}), "SERVICE_UNAVAILABLE");
    const auto health = api.http().get("/api/v1/health");
    BOOST_TEST(health.status == 503, health.body);
    check_contract_headers(health);
    BOOST_TEST(json_string(parse_json(health.body), "database") == "DOWN");
    BOOST_TEST(health.header("Retry-After").value_or("<none>") == "1");
  }
  BOOST_TEST(pool_master_pid() == master);

  BOOST_TEST_REQUIRE(postgres.start(), "SHOP_TEST_PG_START failed: " << postgres.start_command());

  // Back within a bounded time: 20 answers in a row, from all workers, are successes.
  long long charged_after = 0;
  int in_a_row = 0;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (in_a_row < 20 && std::chrono::steady_clock::now() < deadline) {
    const auto charge = api.charge(user, 10);
    const auto health = api.http().get("/api/v1/health");
    if (charge.status == 200) ++charged_after;
    if (charge.status == 200 && health.status == 200) {
      ++in_a_row;
    } else {
      BOOST_TEST_MESSAGE("not yet: charge " << charge.status << ", health " << health.status);
      in_a_row = 0;
      std::this_thread::sleep_for(100ms);
    }
  }
  BOOST_TEST(in_a_row == 20, "requests did not succeed again within 20 s");
  BOOST_TEST(pool_master_pid() == master);
  BOOST_TEST(worker_pids(master) == workers_before, boost::test_tools::per_element());

  TestDatabase db;
  BOOST_TEST(db.ledger_count(user.id) == 1 + charged_after);
  BOOST_TEST(db.balance(user.id) == 1000 + 10 * charged_after);
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
}
