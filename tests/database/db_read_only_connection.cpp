// A connection that lands on a standby (after a failover, a multi-host URL may reach the old primary, now a
// standby) refuses every write with SQLSTATE 25006. Reproduced without a standby by a URL whose options make
// every transaction read-only, exactly as a standby does: the model calls that DatabaseUnavailable (never a
// 500), a pool answers 503 with Retry-After, changes nothing, and drops the connection each time, so that the
// next request connects afresh. The URL's own options and the deadlines Shop adds both apply.
#include <boost/test/unit_test.hpp>
#include <string>

#include "model/db/database.hpp"
#include "model/db/database_error.hpp"
#include "tests/pool/private_pool.hpp"
#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace std::chrono_literals;

namespace {

std::string read_only_url() {
  return test::require_env("SHOP_TEST_DATABASE_URL") + " options='-c default_transaction_read_only=on'";
}

std::string show(model::Database& db, const std::string& name) {
  std::string value;
  db.autocommit([&] { db.sql() << "SELECT current_setting(:name)", soci::use(name), soci::into(value); });
  return value;
}

long long users_named(test::TestDatabase& db, const std::string& name) {
  long long count = 0;
  db.sql() << "SELECT count(*) FROM users WHERE name = :name", soci::use(name), soci::into(count);
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_write_refused_as_read_only_is_unavailable_and_the_url_options_join_the_deadlines) {
  model::DatabaseDeadlines deadlines;
  deadlines.statement_timeout = 4321ms;
  model::Database db(read_only_url(), "Asia/Seoul", deadlines);
  BOOST_TEST(show(db, "default_transaction_read_only") == "on");
  BOOST_TEST(show(db, "statement_timeout") == "4321ms");
  BOOST_TEST(show(db, "lock_timeout") == "2s");
  BOOST_CHECK_THROW(db.transact([&] { db.sql() << "UPDATE users SET name = name WHERE false"; }),
                    model::DatabaseUnavailable);
}

BOOST_AUTO_TEST_CASE(a_pool_on_a_read_only_connection_answers_writes_503_and_reconnects_for_each) {
  test::PrivatePool pool(1, {{"SHOP_DATABASE_URL", read_only_url()}});
  test::TestDatabase check;
  // Reads work on it, as on a standby.
  BOOST_TEST(pool.get("/api/v1/products?page=1&size=5") == 200);

  constexpr int kWrites = 3;
  for (int i = 0; i < kWrites; ++i) {
    const std::string name = test::unique_name("ro");
    const std::string body = R"({"name": ")" + name + R"(", "password": "correct horse battery"})";
    test::FastCgiConnection connection(pool.socket());
    const auto answer = connection.request(test::nginx_like_params("POST", "/api/v1/users", body.size()), body, false);
    BOOST_TEST(answer.status() == 503, answer.head << answer.body);
    BOOST_TEST(answer.head.find("Retry-After: ") != std::string::npos, answer.head);
    BOOST_TEST(users_named(check, name) == 0);
  }
  // Each refused write dropped its connection: one line each, naming the refusal.
  BOOST_TEST(pool.wait_for_log("cannot execute INSERT in a read-only transaction", 5s));
  BOOST_TEST(test::wait_until(5s, [&] { return pool.log_lines_with("connection dropped") == kWrites; }),
             pool.log_lines_with("connection dropped"));
  // And the pool still answers, on a fresh connection.
  BOOST_TEST(pool.get("/api/v1/health") == 200);
}
