// App, the whole front of a worker (real routes and handlers), over a database that cannot be reached:
// bad input and calls without a token are refused before any database work, unknown routes are 404/405, and
// what needs the database (a user's token too) answers 503 SERVICE_UNAVAILABLE (health: 503 with "database":
// "DOWN") instead of failing.
#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

#include "fcgi/app/app.hpp"
#include "model/db/database.hpp"
#include "tests/support/checks.hpp"

using shop::fcgi::App;
using shop::fcgi::Request;
using shop::fcgi::Response;
using shop::test::check_error_body;
using shop::test::json_string;
using shop::test::parse_json;

namespace {

/// A header of a front response; empty when there is none.
std::string header_of(const shop::fcgi::Response& response, std::string_view wanted) {
  for (const auto& [name, value] : response.headers) {
    if (name == wanted) return value;
  }
  return {};
}

// libpq fails at once on a unix socket directory that does not exist.
constexpr const char* kUnreachable = "host=/nonexistent/shop-test port=1 user=nobody dbname=none connect_timeout=2";

shop::model::Settings unreachable() {
  shop::model::Settings settings;
  settings.database_url = kUnreachable;
  return settings;
}

// The admin token needs no database to check, so the calls about a user get as far as their input with it.
constexpr const char* kAdmin = "Bearer unit-admin-token";

struct AppFixture {
  App app{unreachable(), "unit-admin-token"};

  Response call(const std::string& method, const std::string& target, const std::string& body = {},
                const std::string& authorization = kAdmin) {
    Request request;
    request.method = method;
    request.authorization = authorization;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    request.query = question == std::string::npos ? "" : target.substr(question + 1);
    request.body = body;
    request.request_id = "unit-test";
    return app.handle(request);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_model_reports_an_unreachable_database_as_unavailable) {
  BOOST_CHECK_THROW(shop::model::Database(kUnreachable, "Asia/Seoul"), shop::model::DatabaseUnavailable);
}

BOOST_FIXTURE_TEST_SUITE(app_without_database, AppFixture)

BOOST_AUTO_TEST_CASE(health_is_503_with_database_down) {
  const auto response = call("GET", "/api/v1/health");
  BOOST_TEST(response.status == 503);
  const auto json = parse_json(response.body);
  BOOST_TEST(json_string(json, "database") == "DOWN");
  BOOST_TEST(json_string(json, "status") == "DOWN");
}

BOOST_AUTO_TEST_CASE(valid_requests_that_need_the_database_are_503_service_unavailable) {
  for (const auto& [method, target, body, authorization] :
       {std::tuple<std::string, std::string, std::string, std::string>{
            "POST", "/api/v1/users", R"({"name":"kim","password":"correct horse"})", ""},
        {"POST", "/api/v1/sessions", R"({"name":"kim","password":"correct horse"})", ""},
        {"GET", "/api/v1/users/1/balance", "", kAdmin},
        {"POST", "/api/v1/users/1/balance/charge", R"({"amount":1000})", kAdmin},
        {"GET", "/api/v1/users/1/balance/history?page=1&size=20", "", kAdmin},
        // A user's token is looked up in the database.
        {"GET", "/api/v1/users/1/balance", "", "Bearer a-users-token"},
        {"GET", "/api/v1/sessions/current", "", "Bearer a-users-token"}}) {
    BOOST_TEST_CONTEXT(method << " " << target << " " << authorization) {
      const auto response = call(method, target, body, authorization);
      BOOST_TEST(response.status == 503);
      check_error_body(response.body, "SERVICE_UNAVAILABLE");
      BOOST_TEST(header_of(response, "Retry-After") == "1");
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_400_naming_the_field_before_any_database_work) {
  struct Case {
    const char* method;
    const char* target;
    const char* body;
    const char* field;
  };
  for (const Case& c : {
           Case{"GET", "/api/v1/users/abc/balance", "", "userId"},
           Case{"GET", "/api/v1/users/0/balance", "", "userId"},
           Case{"GET", "/api/v1/users/-1/balance", "", "userId"},
           Case{"POST", "/api/v1/users/abc/balance/charge", R"({"amount":1000})", "userId"},
           Case{"POST", "/api/v1/users/1/balance/charge", R"({"amount":1000.0})", "amount"},
           Case{"POST", "/api/v1/users/1/balance/charge", R"({"amount":"1000"})", "amount"},
           Case{"POST", "/api/v1/users/1/balance/charge", R"({"amount":0})", "amount"},
           Case{"POST", "/api/v1/users/1/balance/charge", R"({"amount":10000001})", "amount"},
           Case{"POST", "/api/v1/users/1/balance/charge", R"({})", "amount"},
           Case{"POST", "/api/v1/users", R"({"name":"","password":"correct horse"})", "name"},
           Case{"POST", "/api/v1/users",
                R"({"name":"012345678901234567890123456789012345678901234567890","password":"correct horse"})", "name"},
           Case{"POST", "/api/v1/users", R"({"name":7,"password":"correct horse"})", "name"},
           Case{"POST", "/api/v1/users", R"({"name":"kim","password":"short"})", "password"},
           Case{"POST", "/api/v1/users", R"({"name":"kim"})", "password"},
           Case{"POST", "/api/v1/sessions", R"({"name":"kim","password":7})", "password"},
           Case{"POST", "/api/v1/orders", R"({"items":[{"productId":1,"quantity":1}]})", "userId"},
           Case{"GET", "/api/v1/users/1/balance/history?size=0", "", "size"},
           Case{"GET", "/api/v1/users/1/balance/history?page=x", "", "page"},
       }) {
    BOOST_TEST_CONTEXT(c.method << " " << c.target << " " << c.body) {
      const auto response = call(c.method, c.target, c.body);
      BOOST_TEST(response.status == 400);
      check_error_body(response.body, "INVALID_REQUEST", std::string(c.field));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_a_json_object_is_400_without_a_field) {
  for (const char* body : {"", "{", "[]", R"([{"amount":1}])", "amount=1", "\xff"}) {
    BOOST_TEST_CONTEXT(body) {
      const auto response = call("POST", "/api/v1/users/1/balance/charge", body);
      BOOST_TEST(response.status == 400);
      check_error_body(response.body, "INVALID_REQUEST");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_call_about_a_user_without_a_bearer_token_is_401_before_any_database_work) {
  for (const char* authorization : {"", "Bearer", "Basic dXNlcjpwYXNzd29yZA=="}) {
    BOOST_TEST_CONTEXT("Authorization: " << authorization) {
      const auto response = call("POST", "/api/v1/users/1/balance/charge", R"({"amount":1000})", authorization);
      BOOST_TEST(response.status == 401);
      BOOST_TEST(header_of(response, "WWW-Authenticate") == "Bearer");
      check_error_body(response.body, "UNAUTHORIZED");
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_routes_are_404_and_known_paths_with_other_methods_405_with_allow) {
  for (const char* target : {"/api/v1/nope", "/api/v1/users/1", "/api/v2/health", "/api/v1/users/1/balance/",
                             "/api/v1/users//balance", "/"}) {
    BOOST_TEST_CONTEXT(target) {
      const auto response = call("GET", target);
      BOOST_TEST(response.status == 404);
      check_error_body(response.body, "NOT_FOUND");
    }
  }
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"GET", "/api/v1/users", "POST"},
      {"POST", "/api/v1/users/1/balance", "GET, HEAD"},
      {"DELETE", "/api/v1/users/1/balance", "GET, HEAD"},
      {"GET", "/api/v1/users/1/balance/charge", "POST"},
      {"POST", "/api/v1/users/1/balance/history", "GET, HEAD"},
      {"POST", "/api/v1/health", "GET, HEAD"},
  };
  for (const auto& [method, target, allow] : cases) {
    BOOST_TEST_CONTEXT(method << " " << target) {
      const auto response = call(method, target);
      BOOST_TEST(response.status == 405);
      BOOST_TEST(header_of(response, "Allow") == allow);
      check_error_body(response.body, "METHOD_NOT_ALLOWED");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
