// API.md "Basket", checkout, through nginx: POST /api/v1/users/{id}/basket/checkout answers 201 with an order
// of all the basket's lines and empties the basket in the same transaction; an empty basket is 400, and the
// order rules apply (stock, balance, at most 50 lines), a refused checkout keeping the basket.
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

struct CheckoutFixture {
  ShopApi api;
  HttpClient& http = api.http();

  UserCredentials user(model::Won balance = 1'000'000) {
    return create_funded_user(http, unique_name("checkout"), balance);
  }
  std::size_t basket_lines(const UserCredentials& user) {
    return json_array(parse_json(get_basket(http, user).body), "items").Size();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(checkout, CheckoutFixture)

BOOST_AUTO_TEST_CASE(checkout_answers_201_with_an_order_of_the_basket_and_empties_the_basket) {
  const std::string name_a = unique_name("first");
  const std::string name_b = unique_name("second");
  const model::Id a = create_product(http, name_a, 100, 10);
  const model::Id b = create_product(http, name_b, 250, 10);
  const UserCredentials buyer = user();
  BOOST_TEST_REQUIRE(add_to_basket(http, buyer, b, 2).status == 200);
  BOOST_TEST_REQUIRE(add_to_basket(http, buyer, a, 3).status == 200);
  const auto response = checkout_basket(http, buyer);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  const model::Id order_id =
      check_order(parse_json(response.body), buyer.id, "PENDING", {{a, name_a, 100, 3}, {b, name_b, 250, 2}});
  BOOST_TEST(basket_lines(buyer) == 0u);
  BOOST_TEST(product_stock(http, a) == 7);
  BOOST_TEST(product_stock(http, b) == 8);
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
  BOOST_TEST(pay_order(http, order_id, buyer).status == 201);
}

BOOST_AUTO_TEST_CASE(checkout_of_an_empty_basket_is_400) {
  const UserCredentials buyer = user();
  check_error(checkout_basket(http, buyer), "INVALID_REQUEST");
  BOOST_TEST(order_count(http, buyer) == 0);
}

BOOST_AUTO_TEST_CASE(a_checkout_out_of_stock_is_409_and_keeps_the_basket_and_the_stock) {
  const model::Id a = create_product(http, unique_name("plenty"), 100, 10);
  const model::Id b = create_product(http, unique_name("scarce"), 100, 1);
  const UserCredentials buyer = user();
  add_to_basket(http, buyer, a, 2);
  add_to_basket(http, buyer, b, 2);
  check_error(checkout_basket(http, buyer), "OUT_OF_STOCK");
  BOOST_TEST(basket_lines(buyer) == 2u);
  BOOST_TEST(product_stock(http, a) == 10);
}

BOOST_AUTO_TEST_CASE(a_checkout_beyond_the_balance_is_409_and_keeps_the_basket) {
  const model::Id a = create_product(http, unique_name("dear"), 1000, 10);
  const UserCredentials buyer = user(1999);
  add_to_basket(http, buyer, a, 2);
  check_error(checkout_basket(http, buyer), "INSUFFICIENT_BALANCE");
  BOOST_TEST(basket_lines(buyer) == 1u);
  BOOST_TEST(product_stock(http, a) == 10);
}

BOOST_AUTO_TEST_CASE(a_basket_of_more_than_50_lines_is_400_naming_items_and_is_kept) {
  const UserCredentials buyer = user();
  for (int i = 0; i < 51; ++i) {
    BOOST_TEST_REQUIRE(add_to_basket(http, buyer, create_product(http, unique_name("many"), 1, 5), 1).status == 200);
  }
  check_error(checkout_basket(http, buyer), "INVALID_REQUEST", std::string("items"));
  BOOST_TEST(basket_lines(buyer) == 51u);
}

BOOST_AUTO_TEST_CASE(checkout_of_an_unknown_or_bad_user_is_404_or_400) {
  // Only the admin may learn that a user does not exist; a user's token gets 403 (e2e_accounts).
  check_error(checkout_basket(http, as_admin(kMissing)), "USER_NOT_FOUND");
  const UserCredentials buyer = user(0);
  check_error(http.post("/api/v1/users/0/basket/checkout", "", {authorization(buyer.token)}), "INVALID_REQUEST",
              std::string("userId"));
}

BOOST_AUTO_TEST_SUITE_END()
