// BasketFacade / BasketService / BasketRepository against the real database: an add is an upsert that
// stays within 1..999 (a refused add changes nothing), a set replaces (0 removes), removing an absent line
// of a known product is fine (an unknown product is PRODUCT_NOT_FOUND), and the basket shows its lines in
// first-added order with the products' current names and prices.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_fixture.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

// The order tests' connections and products (a basket is what a checkout orders), and a user of its own.
struct BasketFixture : test::OrderFixture {
  const model::Id user = db.create_user(unique_name("basket"));

  long long quantity(model::Id product_id) { return test::basket_quantity(db.sql(), user, product_id); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(basket, BasketFixture)

BOOST_AUTO_TEST_CASE(a_new_user_has_an_empty_basket) {
  const model::Basket basket = shop.basket().get(user);
  BOOST_TEST(basket.user_id == user);
  BOOST_TEST(basket.lines.empty());
  BOOST_TEST(basket.total_amount == 0);
}

BOOST_AUTO_TEST_CASE(add_creates_the_line_then_adds_to_it) {
  const model::Id p = product(700);
  model::Basket basket = shop.basket().add(user, p, 2);
  BOOST_TEST_REQUIRE(basket.lines.size() == 1u);
  BOOST_TEST(basket.lines[0].quantity == 2);
  basket = shop.basket().add(user, p, 3);
  BOOST_TEST_REQUIRE(basket.lines.size() == 1u);
  BOOST_TEST(basket.lines[0].product_id == p);
  BOOST_TEST(basket.lines[0].quantity == 5);
  BOOST_TEST(basket.lines[0].amount == 3500);
  BOOST_TEST(basket.total_amount == 3500);
  BOOST_TEST(quantity(p) == 5);
  BOOST_TEST(test::basket_line_count(db.sql(), user) == 1);
}

BOOST_AUTO_TEST_CASE(an_add_past_999_is_invalid_request_and_leaves_the_line_as_it_was) {
  const model::Id p = product();
  shop.basket().add(user, p, 990);
  check_domain_error([&] { shop.basket().add(user, p, 10); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(quantity(p) == 990);
  BOOST_TEST(shop.basket().add(user, p, 9).lines.at(0).quantity == 999);
  check_domain_error([&] { shop.basket().add(user, p, 1); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(quantity(p) == 999);
}

BOOST_AUTO_TEST_CASE(an_add_of_0_or_1000_units_is_invalid_request_and_makes_no_line) {
  const model::Id p = product();
  check_domain_error([&] { shop.basket().add(user, p, 0); }, "INVALID_REQUEST", "quantity");
  check_domain_error([&] { shop.basket().add(user, p, 1000); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(test::basket_line_count(db.sql(), user) == 0);
}

BOOST_AUTO_TEST_CASE(set_creates_a_missing_line_and_replaces_the_quantity_of_an_existing_one) {
  const model::Id p = product();
  BOOST_TEST(shop.basket().set(user, p, 4).lines.at(0).quantity == 4);
  BOOST_TEST(shop.basket().set(user, p, 999).lines.at(0).quantity == 999);
  BOOST_TEST(shop.basket().set(user, p, 1).lines.at(0).quantity == 1);
  BOOST_TEST(quantity(p) == 1);
  check_domain_error([&] { shop.basket().set(user, p, 1000); }, "INVALID_REQUEST", "quantity");
  check_domain_error([&] { shop.basket().set(user, p, -1); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(quantity(p) == 1);
}

BOOST_AUTO_TEST_CASE(set_to_0_removes_the_line) {
  const model::Id p = product();
  const model::Id q = product();
  shop.basket().add(user, p, 3);
  shop.basket().add(user, q, 1);
  const model::Basket basket = shop.basket().set(user, p, 0);
  BOOST_TEST_REQUIRE(basket.lines.size() == 1u);
  BOOST_TEST(basket.lines[0].product_id == q);
  BOOST_TEST(test::basket_line_count(db.sql(), user) == 1);
}

BOOST_AUTO_TEST_CASE(remove_deletes_the_line_and_removing_an_absent_line_is_fine) {
  const model::Id p = product();
  const model::Id absent = product();
  shop.basket().add(user, p, 3);
  BOOST_TEST(shop.basket().remove(user, absent).lines.size() == 1u);
  BOOST_TEST(shop.basket().remove(user, p).lines.empty());
  BOOST_TEST(shop.basket().remove(user, p).lines.empty());
  BOOST_TEST(test::basket_line_count(db.sql(), user) == 0);
}

BOOST_AUTO_TEST_CASE(lines_come_in_first_added_order_with_current_names_and_prices) {
  const model::Id a = product(100);
  const model::Id b = product(200);
  const model::Id c = product(300);
  // First added: c, a, b. Adding to or setting an existing line keeps its place.
  shop.basket().add(user, c, 1);
  shop.basket().add(user, a, 2);
  shop.basket().add(user, b, 3);
  shop.basket().add(user, c, 1);
  shop.basket().set(user, a, 4);

  const std::string renamed = unique_name("renamed");
  db.sql() << "UPDATE products SET price = 250, name = :name WHERE id = :id", soci::use(renamed), soci::use(b);

  const model::Basket basket = shop.basket().get(user);
  BOOST_TEST_REQUIRE(basket.lines.size() == 3u);
  BOOST_TEST(basket.lines[0].product_id == c);
  BOOST_TEST(basket.lines[0].quantity == 2);
  BOOST_TEST(basket.lines[0].price == 300);
  BOOST_TEST(basket.lines[0].amount == 600);
  BOOST_TEST(basket.lines[1].product_id == a);
  BOOST_TEST(basket.lines[1].quantity == 4);
  BOOST_TEST(basket.lines[1].amount == 400);
  BOOST_TEST(basket.lines[2].product_id == b);
  BOOST_TEST(basket.lines[2].name == renamed);
  BOOST_TEST(basket.lines[2].price == 250);
  BOOST_TEST(basket.lines[2].amount == 750);
  BOOST_TEST(basket.total_amount == 600 + 400 + 750);
}

BOOST_AUTO_TEST_CASE(a_line_removed_and_added_again_goes_last) {
  const model::Id a = product();
  const model::Id b = product();
  shop.basket().add(user, a, 1);
  shop.basket().add(user, b, 1);
  shop.basket().remove(user, a);
  const model::Basket basket = shop.basket().add(user, a, 1);
  BOOST_TEST_REQUIRE(basket.lines.size() == 2u);
  BOOST_TEST(basket.lines[0].product_id == b);
  BOOST_TEST(basket.lines[1].product_id == a);
}

BOOST_AUTO_TEST_CASE(a_basket_reserves_no_stock) {
  const model::Id p = product(1000, 3);
  shop.basket().add(user, p, 5);
  BOOST_TEST(test::stock_of(db.sql(), p) == 3);
  BOOST_TEST(quantity(p) == 5);
}

BOOST_AUTO_TEST_CASE(every_basket_call_of_an_unknown_user_is_user_not_found) {
  const model::Id missing = db.missing_user_id();
  const model::Id p = product();
  check_domain_error([&] { shop.basket().get(missing); }, "USER_NOT_FOUND");
  check_domain_error([&] { shop.basket().add(missing, p, 1); }, "USER_NOT_FOUND");
  check_domain_error([&] { shop.basket().set(missing, p, 1); }, "USER_NOT_FOUND");
  check_domain_error([&] { shop.basket().remove(missing, p); }, "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(every_line_change_of_an_unknown_product_is_product_not_found) {
  const model::Id missing = test::missing_product_id(db.sql());
  check_domain_error([&] { shop.basket().add(user, missing, 1); }, "PRODUCT_NOT_FOUND");
  check_domain_error([&] { shop.basket().set(user, missing, 1); }, "PRODUCT_NOT_FOUND");
  check_domain_error([&] { shop.basket().set(user, missing, 0); }, "PRODUCT_NOT_FOUND");
  check_domain_error([&] { shop.basket().remove(user, missing); }, "PRODUCT_NOT_FOUND");
  BOOST_TEST(test::basket_line_count(db.sql(), user) == 0);
}

BOOST_AUTO_TEST_CASE(baskets_of_two_users_are_separate) {
  const model::Id other = db.create_user(unique_name("other"));
  const model::Id p = product();
  shop.basket().add(user, p, 2);
  shop.basket().add(other, p, 7);
  BOOST_TEST(shop.basket().get(user).lines.at(0).quantity == 2);
  BOOST_TEST(shop.basket().get(other).lines.at(0).quantity == 7);
  shop.basket().remove(other, p);
  BOOST_TEST(quantity(p) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
