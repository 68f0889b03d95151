// Requests that fail because the database is gone are counted on the status page as database errors (and as
// 5xx), the counts kept by the workers' slots: the master, which has no connection, still answers meanwhile.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/ops/status_checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(requests_failed_by_the_database_are_counted) {
  const auto before = get_status();
  PostgresControl postgres;
  BOOST_TEST_REQUIRE(postgres.stop("SHOP_TEST_PG_STOP"));
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  constexpr int kFailed = 3;
  for (int i = 0; i < kFailed; ++i) BOOST_TEST(http.get("/api/v1/health").status == 503);
  const auto during = get_status();
  BOOST_TEST_REQUIRE(postgres.start());
  BOOST_TEST(status_number(during, "database errors") >= status_number(before, "database errors") + kFailed);
  BOOST_TEST(json_int(json_object(during, "answers"), "5xx") >=
             json_int(json_object(before, "answers"), "5xx") + kFailed);
  // The pool serves again (every worker has reconnected: a run of answers all healthy), and the counts never go
  // back.
  BOOST_TEST(wait_until(20s, [&] {
    for (int i = 0; i < 16; ++i) {
      if (http.get("/api/v1/health").status != 200) return false;
    }
    return true;
  }));
  BOOST_TEST(status_number(get_status(), "database errors") >= status_number(during, "database errors"));
}
