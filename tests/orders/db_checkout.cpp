// OrderFacade::checkout against the real database: an order of all the basket's lines at the current
// prices, the basket emptied in the same transaction; an empty basket is INVALID_REQUEST, and a checkout
// that fails leaves both the basket and the stock as they were.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_fixture.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

using CheckoutFixture = test::OrderFixture;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(checkout, CheckoutFixture)

BOOST_AUTO_TEST_CASE(checkout_orders_every_basket_line_and_empties_the_basket) {
  const model::Id a = product(100, 10);
  const model::Id b = product(250, 10);
  const model::Id buyer = user();
  shop.basket().add(buyer, b, 2);
  shop.basket().add(buyer, a, 3);
  const model::Order order = shop.orders().checkout(buyer);
  BOOST_TEST((order.status == model::OrderStatus::kPending));
  BOOST_TEST(order.user_id == buyer);
  BOOST_TEST_REQUIRE(order.lines.size() == 2u);
  BOOST_TEST(order.lines[0].product_id == a);
  BOOST_TEST(order.lines[0].quantity == 3);
  BOOST_TEST(order.lines[1].product_id == b);
  BOOST_TEST(order.lines[1].quantity == 2);
  BOOST_TEST(order.total_amount == 800);
  BOOST_TEST(shop.basket().get(buyer).lines.empty());
  BOOST_TEST(test::basket_line_count(db.sql(), buyer) == 0);
  BOOST_TEST(stock(a) == 7);
  BOOST_TEST(stock(b) == 8);
  BOOST_TEST(shop.orders().get(order.id, buyer).lines.size() == 2u);
}

BOOST_AUTO_TEST_CASE(checkout_uses_the_prices_at_checkout_time) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  shop.basket().add(buyer, a, 2);
  model::ProductChanges changes;
  changes.price = 130;
  shop.products().update(a, changes);
  const model::Order order = shop.orders().checkout(buyer);
  BOOST_TEST(order.lines.at(0).unit_price == 130);
  BOOST_TEST(order.total_amount == 260);
}

BOOST_AUTO_TEST_CASE(checkout_of_an_empty_basket_is_invalid_request_and_makes_no_order) {
  const model::Id buyer = user();
  check_domain_error([&] { shop.orders().checkout(buyer); }, "INVALID_REQUEST");
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
}

BOOST_AUTO_TEST_CASE(a_checkout_out_of_stock_leaves_the_basket_and_the_stock_as_they_were) {
  const model::Id a = product(100, 10);
  const model::Id b = product(100, 1);
  const model::Id buyer = user();
  shop.basket().add(buyer, a, 2);
  shop.basket().add(buyer, b, 2);
  check_domain_error([&] { shop.orders().checkout(buyer); }, "OUT_OF_STOCK");
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, a) == 2);
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, b) == 2);
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
}

BOOST_AUTO_TEST_CASE(a_checkout_beyond_the_balance_leaves_the_basket_as_it_was) {
  const model::Id a = product(1000, 10);
  const model::Id buyer = user(1999);
  shop.basket().add(buyer, a, 2);
  check_domain_error([&] { shop.orders().checkout(buyer); }, "INSUFFICIENT_BALANCE");
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, a) == 2);
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
}

BOOST_AUTO_TEST_CASE(checkout_of_an_unknown_user_is_user_not_found) {
  check_domain_error([&] { shop.orders().checkout(db.missing_user_id()); }, "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(checkout_leaves_other_users_baskets_alone) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Id other = user();
  shop.basket().add(buyer, a, 1);
  shop.basket().add(other, a, 4);
  shop.orders().checkout(buyer);
  BOOST_TEST(test::basket_quantity(db.sql(), other, a) == 4);
}

BOOST_AUTO_TEST_SUITE_END()
