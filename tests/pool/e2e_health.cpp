// GET /api/v1/health → 200 {"status": "UP", "database": "UP"} while the database answers.
#include <boost/test/unit_test.hpp>

#include "tests/support/checks.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop::test;

BOOST_AUTO_TEST_CASE(health_is_up_with_the_database_up) {
  ShopApi api;
  const auto response = api.http().get("/api/v1/health");
  BOOST_TEST(response.status == 200, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 2u, response.body);
  BOOST_TEST(json_string(json, "status") == "UP");
  BOOST_TEST(json_string(json, "database") == "UP");
}

BOOST_AUTO_TEST_CASE(health_ignores_a_query_string) {
  ShopApi api;
  BOOST_TEST(api.http().get("/api/v1/health?verbose=1").status == 200);
}
