// Database::transact: one transaction per use case, committed when the work returns, rolled back when it
// throws; serialization failures and deadlocks are retried a few times, other errors are not.
#include <soci/postgresql/soci-postgresql.h>

#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "model/db/database.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::unique_name;

namespace {

struct TransactFixture {
  test::TestDatabase db;
  model::Database model_db{test::test_settings().database_url, "Asia/Seoul"};

  void insert_user(const std::string& name) {
    model_db.sql() << "INSERT INTO users (name) VALUES (:name)", soci::use(name);
  }

  long long users_named(const std::string& name) {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM users WHERE name = :name", soci::use(name), soci::into(count);
    return count;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(transact, TransactFixture)

BOOST_AUTO_TEST_CASE(work_that_returns_is_committed) {
  const std::string name = unique_name("commit");
  const int result = model_db.transact([&] {
    insert_user(name);
    return 42;
  });
  BOOST_TEST(result == 42);
  BOOST_TEST(users_named(name) == 1);
}

BOOST_AUTO_TEST_CASE(work_that_throws_is_rolled_back_and_the_error_propagates) {
  const std::string name = unique_name("rollback");
  BOOST_CHECK_THROW(model_db.transact([&] {
    insert_user(name);
    throw std::runtime_error("fails after the insert");
  }),
                    std::runtime_error);
  BOOST_TEST(users_named(name) == 0);
}

BOOST_AUTO_TEST_CASE(a_serialization_failure_is_retried_and_its_attempts_rolled_back) {
  const std::string name = unique_name("retry");
  int attempts = 0;
  model_db.transact([&] {
    insert_user(name);
    if (++attempts < 3) throw soci::postgresql_soci_error("could not serialize access", "40001");
  });
  BOOST_TEST(attempts == 3);
  BOOST_TEST(users_named(name) == 1);
}

BOOST_AUTO_TEST_CASE(a_deadlock_is_retried_but_not_forever) {
  int attempts = 0;
  BOOST_CHECK_THROW(model_db.transact([&] {
    ++attempts;
    throw soci::postgresql_soci_error("deadlock detected", "40P01");
  }),
                    model::DatabaseError);
  BOOST_TEST(attempts > 1);
  BOOST_TEST(attempts <= 10);
}

BOOST_AUTO_TEST_CASE(other_database_errors_are_not_retried) {
  int attempts = 0;
  BOOST_CHECK_THROW(model_db.transact([&] {
    ++attempts;
    throw soci::postgresql_soci_error("duplicate key", "23505");
  }),
                    model::DatabaseError);
  BOOST_TEST(attempts == 1);
}

BOOST_AUTO_TEST_CASE(a_live_connection_answers_ping_and_is_not_lost) {
  model_db.ping();
  BOOST_TEST(!model_db.connection_lost());
}

BOOST_AUTO_TEST_CASE(the_session_time_zone_is_the_shops) {
  std::string zone;
  model_db.sql() << "SELECT current_setting('TimeZone')", soci::into(zone);
  BOOST_TEST(zone == "Asia/Seoul");
}

BOOST_AUTO_TEST_SUITE_END()
