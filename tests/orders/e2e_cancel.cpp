// API.md "Orders", cancellation, through nginx: POST /api/v1/orders/{id}/cancel {"userId"} answers 200 with
// the CANCELLED order and gives its stock back; only a PENDING order of that user (404 ORDER_NOT_FOUND,
// 409 ORDER_NOT_CANCELLABLE otherwise).
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr model::Id kMissing = 9223372036854775807;

struct CancelFixture {
  ShopApi api;
  HttpClient& http = api.http();

  UserCredentials user(model::Won balance = 1'000'000) {
    return create_funded_user(http, unique_name("canceller"), balance);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cancel, CancelFixture)

BOOST_AUTO_TEST_CASE(cancel_answers_200_with_the_cancelled_order_and_gives_the_stock_back) {
  const std::string name_a = unique_name("kept");
  const std::string name_b = unique_name("kept");
  const model::Id a = create_product(http, name_a, 300, 10);
  const model::Id b = create_product(http, name_b, 200, 5);
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{a, 3}, {b, 5}});
  BOOST_TEST(product_stock(http, b) == 0);
  const auto response = cancel_order(http, order_id, buyer);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  BOOST_TEST(check_order(parse_json(response.body), buyer.id, "CANCELLED",
                         {{a, name_a, 300, 3}, {b, name_b, 200, 5}}) == order_id);
  BOOST_TEST(order_status(http, order_id, buyer) == "CANCELLED");
  BOOST_TEST(product_stock(http, a) == 10);
  BOOST_TEST(product_stock(http, b) == 5);
  BOOST_TEST(api.balance(buyer) == 1'000'000);
}

BOOST_AUTO_TEST_CASE(cancelling_twice_is_409_order_not_cancellable_and_gives_nothing_back_again) {
  const model::Id a = create_product(http, unique_name("twice"), 300, 10);
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{a, 3}});
  BOOST_TEST_REQUIRE(cancel_order(http, order_id, buyer).status == 200);
  check_error(cancel_order(http, order_id, buyer), "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(product_stock(http, a) == 10);
}

BOOST_AUTO_TEST_CASE(cancelling_a_paid_order_is_409_order_not_cancellable_and_it_stays_paid) {
  const model::Id a = create_product(http, unique_name("paid"), 300, 10);
  const UserCredentials buyer = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{a, 3}});
  BOOST_TEST_REQUIRE(pay_order(http, order_id, buyer).status == 201);
  check_error(cancel_order(http, order_id, buyer), "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(order_status(http, order_id, buyer) == "PAID");
  BOOST_TEST(product_stock(http, a) == 7);
  BOOST_TEST(api.balance(buyer) == 9100);
}

BOOST_AUTO_TEST_CASE(cancelling_another_users_or_an_unknown_order_is_404_order_not_found) {
  const model::Id a = create_product(http, unique_name("theirs"), 300, 10);
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{a, 3}});
  check_error(cancel_order(http, order_id, user()), "ORDER_NOT_FOUND");
  // The admin may cancel for anyone, but only an order of the user it names.
  check_error(cancel_order(http, order_id, as_admin(kMissing)), "ORDER_NOT_FOUND");
  check_error(cancel_order(http, kMissing, buyer), "ORDER_NOT_FOUND");
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
  BOOST_TEST(product_stock(http, a) == 7);
}

BOOST_AUTO_TEST_CASE(a_bad_cancel_request_is_400_naming_the_field) {
  const model::Id a = create_product(http, unique_name("strict"), 300, 10);
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{a, 1}});
  const std::string path = order_path(order_id) + "/cancel";
  // Each with the buyer's own token and with the admin's.
  for (const std::string& token : {buyer.token, admin_token()}) {
    const std::vector<std::string> headers = {authorization(token)};
    for (const char* body : {R"({"userId":0})", R"({"userId":"1"})", R"({"userId":2.5})"}) {
      BOOST_TEST_CONTEXT(body) {
        check_error(http.post(path, body, headers), "INVALID_REQUEST", std::string("userId"));
      }
    }
    for (const char* bad : {"0", "-1", "abc"}) {
      BOOST_TEST_CONTEXT(bad) {
        check_error(http.post(std::string("/api/v1/orders/") + bad + "/cancel",
                              "{\"userId\":" + std::to_string(buyer.id) + "}", headers),
                    "INVALID_REQUEST", std::string("orderId"));
      }
    }
  }
  // The admin must name the user, with or without a body; a user's token without userId (or without a body) is
  // its own (e2e_accounts).
  check_error(http.post(path, "{}", {admin_authorization()}), "INVALID_REQUEST", std::string("userId"));
  check_error(http.post(path, "", {admin_authorization()}), "INVALID_REQUEST", std::string("userId"));
  check_error(http.post(path, "{", {authorization(buyer.token)}), "INVALID_REQUEST");
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
}

BOOST_AUTO_TEST_SUITE_END()
