// The Authorization header of the calls about a user, through nginx: none, or one that is not
// `Bearer <token>`, is 401 UNAUTHORIZED with `WWW-Authenticate: Bearer` and changes nothing; the scheme is
// case-insensitive (RFC 9110). Not run through prism's proxy (no_proxy): it answers these requests itself.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

struct AuthHeaderFixture {
  ShopApi api;
  HttpClient& http = api.http();
  TestDatabase db;
  UserCredentials user = db.create_signed_in_user(unique_name("header"), 5000);
  model::Id product = insert_product(db.sql(), unique_name("header"), 1000, 10);

  /// One call of each kind about the user (path, body, signed-in, session), sent with `headers`.
  std::vector<HttpResponse> calls_with(const std::vector<std::string>& headers) {
    return {
        http.get(user_path(user.id, "/balance"), headers),
        http.post(user_path(user.id, "/balance/charge"), R"({"amount": 1000})", headers),
        http.post(user_path(user.id, "/basket/items"), "{\"productId\":" + std::to_string(product) + ",\"quantity\":1}",
                  headers),
        http.post("/api/v1/orders", order_body(user.id, {{product, 1}}), headers),
        http.get(order_path(missing_order_id(db.sql())), headers),
        http.get("/api/v1/sessions/current", headers),
        http.send("DELETE", "/api/v1/sessions/current", std::nullopt, headers),
    };
  }

  void check_unchanged() {
    BOOST_TEST(db.balance(user.id) == 5000);
    BOOST_TEST(db.ledger_count(user.id) == 1);
    BOOST_TEST(basket_line_count(db.sql(), user.id) == 0);
    BOOST_TEST(stock_of(db.sql(), product) == 10);
    BOOST_TEST(api.balance(user) == 5000);  // and the session was not ended
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_header, AuthHeaderFixture)

BOOST_AUTO_TEST_CASE(no_token_is_401_unauthorized_with_www_authenticate_bearer_and_changes_nothing) {
  for (const auto& response : calls_with({})) check_unauthorized(response);
  check_unauthorized(http.post("/api/v1/payments", "{\"orderId\":1,\"userId\":" + std::to_string(user.id) + "}"));
  check_unauthorized(http.post(order_path(1) + "/cancel", "{\"userId\":" + std::to_string(user.id) + "}"));
  check_unauthorized(http.post(user_path(user.id, "/basket/checkout"), ""));
  check_unauthorized(http.get(user_path(user.id, "/orders")));
  check_unauthorized(http.get(user_path(user.id, "/balance/history")));
  check_unauthorized(http.get(user_path(user.id, "/basket")));
  check_unauthorized(http.send("PUT", basket_item_path(user.id, product), R"({"quantity":1})"));
  check_unauthorized(http.send("DELETE", basket_item_path(user.id, product)));
  check_unchanged();
}

BOOST_AUTO_TEST_CASE(a_malformed_authorization_header_is_401_unauthorized_and_changes_nothing) {
  for (const std::string& header : {
           std::string("Authorization: Bearer"),
           std::string("Authorization: Bearer    "),
           std::string("Authorization: ") + user.token,
           std::string("Authorization: Basic dXNlcjpwYXNzd29yZA=="),
           std::string("Authorization: Token ") + user.token,
           std::string("Authorization: Bearer") + user.token,
           std::string("Authorization: Bearer ") + user.token + " extra",
           std::string("Authorization: Bearer \"") + user.token + "\"",
       }) {
    BOOST_TEST_CONTEXT(header) {
      for (const auto& response : calls_with({header})) check_unauthorized(response);
    }
  }
  check_unchanged();
}

BOOST_AUTO_TEST_CASE(the_bearer_scheme_is_case_insensitive) {
  for (const char* scheme : {"bearer", "BEARER", "bEaReR"}) {
    BOOST_TEST_CONTEXT(scheme) {
      const auto response =
          http.get(user_path(user.id, "/balance"), {"Authorization: " + std::string(scheme) + " " + user.token});
      BOOST_TEST(response.status == 200, response.body);
    }
  }
}

// Balance read and charge check the token inside their one statement; a refusal still comes before a 400.
BOOST_AUTO_TEST_CASE(a_refused_token_is_told_before_a_bad_request_and_changes_nothing) {
  const UserCredentials other = db.create_signed_in_user(unique_name("header-other"), 0);
  const std::string bad_amount = R"({"amount": 0})";
  check_unauthorized(http.post(user_path(user.id, "/balance/charge"), bad_amount, {"Authorization: Bearer unknown"}));
  check_error(http.post(user_path(user.id, "/balance/charge"), bad_amount, {"Authorization: Bearer " + other.token}),
              "FORBIDDEN");
  check_unauthorized(http.get("/api/v1/users/x/balance", {"Authorization: Bearer unknown"}));
  check_error(http.post(user_path(user.id, "/balance/charge"), bad_amount, {"Authorization: Bearer " + user.token}),
              "INVALID_REQUEST", "amount");
  check_error(http.post(user_path(user.id, "/balance/charge"), bad_amount, {admin_authorization()}), "INVALID_REQUEST",
              "amount");
  check_unchanged();
}

BOOST_AUTO_TEST_SUITE_END()
