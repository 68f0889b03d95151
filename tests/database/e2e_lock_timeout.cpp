// A row lock held elsewhere (an operator's psql session: here a connection of the test's own, in an open
// transaction with SELECT ... FOR UPDATE on a product) never holds a request past the pool's lock timeout:
// an order of that product answers 503 SERVICE_UNAVAILABLE with Retry-After and changes nothing, while health
// and orders of other products go on; once the lock goes, the same order succeeds.
#include <soci/soci.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <string>

#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

/// The pool's SHOP_DB_LOCK_TIMEOUT_MS, as scripts/test sets it.
std::chrono::milliseconds pool_lock_timeout() {
  return std::chrono::milliseconds(std::stoll(require_env("SHOP_TEST_DB_LOCK_TIMEOUT_MS")));
}

struct Timed {
  HttpResponse response;
  std::chrono::milliseconds took;
};

Timed timed_order(const UserCredentials& user, shop::model::Id product) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  const auto started = Clock::now();
  HttpResponse response = place_order(http, user, {{product, 1}});
  return {std::move(response), std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_order_of_a_locked_product_is_503_within_the_lock_timeout_and_changes_nothing) {
  const auto lock_timeout = pool_lock_timeout();
  TestDatabase db;
  const UserCredentials buyer = db.create_signed_in_user(unique_name("locked"), 50'000);
  const shop::model::Id locked = insert_product(db.sql(), unique_name("locked"), 1000, 10);
  const shop::model::Id free = insert_product(db.sql(), unique_name("free"), 1000, 10);
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));

  TestDatabase operator_session;  // the psql session
  {
    soci::transaction hold(operator_session.sql());
    operator_session.sql() << "SELECT id FROM products WHERE id = :id FOR UPDATE", soci::use(locked);

    auto blocked = std::async(std::launch::async, [&] { return timed_order(buyer, locked); });
    // Meanwhile the other workers serve: health, and an order of a product nobody holds.
    const auto health = http.get("/api/v1/health");
    BOOST_TEST(health.status == 200, health.body);
    const auto other = place_order(http, buyer, {{free, 2}});
    BOOST_TEST(other.status == 201, other.body);

    const Timed answer = blocked.get();
    check_error(answer.response, "SERVICE_UNAVAILABLE");
    BOOST_TEST(answer.response.header("Retry-After").value_or("<none>") == "1");
    // It waited for the lock, and not much longer: the margin is generous, for a loaded machine.
    BOOST_TEST(answer.took.count() >= (lock_timeout - 100ms).count(), answer.took.count() << " ms");
    BOOST_TEST(answer.took.count() < (lock_timeout + 3s).count(), answer.took.count() << " ms");
    const auto line = wait_for_log_line(answer.response.header("X-Request-Id").value_or("?"), 5s);
    BOOST_TEST_REQUIRE(line.has_value());
    BOOST_TEST(line->find("lock timeout") != std::string::npos, *line);

    // Nothing of it was written; the other order was.
    BOOST_TEST(stock_of(db.sql(), locked) == 10);
    BOOST_TEST(stock_of(db.sql(), free) == 8);
    BOOST_TEST(db.balance(buyer.id) == 50'000);
    BOOST_TEST(db.ledger_count(buyer.id) == 1);
    BOOST_TEST(order_count(db.sql(), buyer.id) == 1);
    hold.rollback();
  }

  const auto after = place_order(http, buyer, {{locked, 1}});
  BOOST_TEST(after.status == 201, after.body);
  BOOST_TEST(stock_of(db.sql(), locked) == 9);
  BOOST_TEST(order_count(db.sql(), buyer.id) == 2);
  BOOST_TEST(db.balance(buyer.id) == 50'000);  // an order reserves stock; only its payment takes the balance
}

BOOST_AUTO_TEST_CASE(every_worker_carries_on_after_lock_timeouts) {
  TestDatabase db;
  const UserCredentials buyer = db.create_signed_in_user(unique_name("carry"), 50'000);
  const shop::model::Id product = insert_product(db.sql(), unique_name("carry"), 1000, 100);
  const pid_t master = pool_master_pid();
  const auto workers = worker_pids(master);
  TestDatabase operator_session;
  {
    soci::transaction hold(operator_session.sql());
    operator_session.sql() << "SELECT id FROM products WHERE id = :id FOR UPDATE", soci::use(product);
    // As many blocked orders at once as there are workers: every one of them meets the lock timeout.
    std::vector<std::future<Timed>> blocked;
    for (std::size_t i = 0; i < workers.size(); ++i) {
      blocked.push_back(std::async(std::launch::async, [&] { return timed_order(buyer, product); }));
    }
    for (auto& future : blocked) {
      const Timed answer = future.get();
      BOOST_TEST(answer.response.status == 503, answer.response.body);
      BOOST_TEST(answer.took.count() < (pool_lock_timeout() + 3s).count(), answer.took.count() << " ms");
    }
    hold.rollback();
  }
  // The same workers, each with its connection still good: a round of orders all succeed.
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  for (std::size_t i = 0; i < 2 * workers.size(); ++i) {
    const auto placed = place_order(http, buyer, {{product, 1}});
    BOOST_TEST(placed.status == 201, placed.body);
  }
  BOOST_TEST(worker_pids(master) == workers, boost::test_tools::per_element());
  BOOST_TEST(stock_of(db.sql(), product) == 100 - 2 * static_cast<long long>(workers.size()));
}
