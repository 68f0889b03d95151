// Routes: an unknown path is 404 NOT_FOUND (inside /api/ from the pool, outside from nginx), a known path
// with another method is 405 with Allow, and a body over 64 KiB is 413 PAYLOAD_TOO_LARGE; all as JSON.
#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;

namespace {

struct RoutesFixture {
  ShopApi api;
  TestDatabase db;
};

/// A charge body of exactly `bytes` bytes: {"amount": 1000, "pad": "xxx..."}.
std::string charge_body_of_size(std::size_t bytes) {
  const std::string head = R"({"amount": 1000, "pad": ")";
  const std::string tail = R"("})";
  return head + std::string(bytes - head.size() - tail.size(), 'x') + tail;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(routes, RoutesFixture)

BOOST_AUTO_TEST_CASE(an_unknown_route_under_api_is_404_not_found) {
  for (const char* path : {"/api/v1/nope", "/api/v1/users/1", "/api/v1/users/1/balance/", "/api/v1/users//balance",
                           "/api/v2/health", "/api/", "/api/v1/users/1/balance/charge/x", "/api/v1/health/"}) {
    BOOST_TEST_CONTEXT(path) {
      check_error(api.http().get(path), "NOT_FOUND");
      check_error(api.http().post(path, "{}"), "NOT_FOUND");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_route_outside_api_is_404_not_found_as_json) {
  for (const char* path : {"/", "/nope", "/index.html", "/api", "/API/v1/health", "/v1/health", "/favicon.ico"}) {
    BOOST_TEST_CONTEXT(path) {
      check_error(api.http().get(path), "NOT_FOUND");
      check_error(api.http().post(path, "{}"), "NOT_FOUND");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_is_405_with_allow) {
  const UserCredentials signed_up = api.create_user(unique_name("405"));
  const std::string user = user_path(signed_up.id);
  const std::tuple<std::string, std::string, std::string> cases[] = {
      {"GET", "/api/v1/users", "POST"},
      {"DELETE", "/api/v1/users", "POST"},
      {"POST", user + "/balance", "GET, HEAD"},
      {"PUT", user + "/balance", "GET, HEAD"},
      {"DELETE", user + "/balance", "GET, HEAD"},
      {"GET", user + "/balance/charge", "POST"},
      {"PATCH", user + "/balance/charge", "POST"},
      {"POST", user + "/balance/history", "GET, HEAD"},
      {"POST", "/api/v1/health", "GET, HEAD"},
  };
  for (const auto& [method, path, allow] : cases) {
    BOOST_TEST_CONTEXT(method << " " << path) {
      const auto response = api.http().send(method, path, method == "GET" ? std::nullopt : std::optional("{}"));
      check_error(response, "METHOD_NOT_ALLOWED");
      BOOST_TEST(response.header("Allow").value_or("<none>") == allow);
    }
  }
  BOOST_TEST(api.balance(signed_up) == 0);
}

BOOST_AUTO_TEST_CASE(a_body_over_64_kib_is_413_payload_too_large_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("413"), 5000);
  const auto response = api.charge_body(user, charge_body_of_size(70 * 1024));
  check_error(response, "PAYLOAD_TOO_LARGE");
  check_error(api.charge_body(user, charge_body_of_size(64 * 1024 + 1)), "PAYLOAD_TOO_LARGE");
  const std::string big_name = R"({"name": "kim", "pad": ")" + std::string(70 * 1024, 'x') + R"("})";
  check_error(api.http().post("/api/v1/users", big_name), "PAYLOAD_TOO_LARGE");
  BOOST_TEST(db.balance(user.id) == 5000);
  BOOST_TEST(db.ledger_count(user.id) == 1);
}

BOOST_AUTO_TEST_CASE(a_body_of_exactly_64_kib_is_accepted) {
  const UserCredentials user = db.create_signed_in_user(unique_name("64k"), 0);
  const auto response = api.charge_body(user, charge_body_of_size(64 * 1024));
  BOOST_TEST(response.status == 200, response.body.substr(0, 200));
  BOOST_TEST(db.balance(user.id) == 1000);
}

BOOST_AUTO_TEST_SUITE_END()
