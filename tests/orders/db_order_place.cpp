// OrderFacade::place (the seed's 주문) against the real database, in one transaction: every product exists
// with enough stock, the user exists and holds the total, the order and its lines are saved at the prices of
// that moment (a snapshot), lines naming the same product are merged, the stock is taken, and any failure
// leaves nothing behind. Also reading orders back: by id (owner checked when asked) and a user's list.
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

using PlaceFixture = test::OrderFixture;

/// RFC 3339 with the shop's offset: "2026-11-24T21:50:49+09:00".
bool is_seoul_timestamp(const std::string& text) {
  return text.size() == 25 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
         text[16] == ':' && text.ends_with("+09:00");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(place, PlaceFixture)

BOOST_AUTO_TEST_CASE(place_saves_a_pending_order_with_lines_by_product_id_and_its_total) {
  const model::Id a = product(1000);
  const model::Id b = product(2500);
  const model::Id buyer = user(100'000);
  const model::Order order = shop.orders().place(buyer, {{b, 2}, {a, 3}});
  BOOST_TEST(order.id > 0);
  BOOST_TEST(order.user_id == buyer);
  BOOST_TEST((order.status == model::OrderStatus::kPending));
  BOOST_TEST(order.total_amount == 3 * 1000 + 2 * 2500);
  BOOST_TEST_REQUIRE(order.lines.size() == 2u);
  BOOST_TEST(order.lines[0].product_id == a);
  BOOST_TEST(order.lines[0].unit_price == 1000);
  BOOST_TEST(order.lines[0].quantity == 3);
  BOOST_TEST(order.lines[0].amount == 3000);
  BOOST_TEST(order.lines[1].product_id == b);
  BOOST_TEST(order.lines[1].amount == 5000);
  BOOST_TEST(is_seoul_timestamp(order.created_at), order.created_at);
  BOOST_TEST(is_seoul_timestamp(order.expires_at), order.expires_at);
  BOOST_TEST(!order.paid_at.has_value());

  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
  const model::Order read = shop.orders().get(order.id, buyer);
  BOOST_TEST(read.total_amount == 8000);
  BOOST_TEST(read.lines.size() == 2u);
  BOOST_TEST(read.created_at == order.created_at);
}

BOOST_AUTO_TEST_CASE(place_takes_the_stock_and_leaves_the_balance) {
  const model::Id a = product(1000, 10);
  const model::Id b = product(500, 4);
  const model::Id buyer = user(50'000);
  shop.orders().place(buyer, {{a, 3}, {b, 4}});
  BOOST_TEST(stock(a) == 7);
  BOOST_TEST(stock(b) == 0);
  BOOST_TEST(db.balance(buyer) == 50'000);
}

BOOST_AUTO_TEST_CASE(the_lines_keep_the_name_and_price_of_the_moment_of_ordering) {
  const std::string name = unique_name("snapshot");
  const model::Id a = test::insert_product(db.sql(), name, 1000, 10);
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{a, 2}});
  model::ProductChanges changes;
  changes.name = unique_name("renamed");
  changes.price = 9999;
  shop.products().update(a, changes);
  const model::Order read = shop.orders().get(order.id, std::nullopt);
  BOOST_TEST_REQUIRE(read.lines.size() == 1u);
  BOOST_TEST(read.lines[0].name == name);
  BOOST_TEST(read.lines[0].unit_price == 1000);
  BOOST_TEST(read.lines[0].amount == 2000);
  BOOST_TEST(read.total_amount == 2000);
}

BOOST_AUTO_TEST_CASE(lines_naming_the_same_product_are_merged) {
  const model::Id a = product(100, 20);
  const model::Id b = product(300, 20);
  const model::Order order = shop.orders().place(user(), {{a, 2}, {b, 1}, {a, 3}});
  BOOST_TEST_REQUIRE(order.lines.size() == 2u);
  BOOST_TEST(order.lines[0].product_id == a);
  BOOST_TEST(order.lines[0].quantity == 5);
  BOOST_TEST(order.lines[1].quantity == 1);
  BOOST_TEST(order.total_amount == 800);
  BOOST_TEST(stock(a) == 15);
  long long item_rows = 0;
  db.sql() << "SELECT count(*) FROM order_items WHERE order_id = :id", soci::use(order.id), soci::into(item_rows);
  BOOST_TEST(item_rows == 2);
}

BOOST_AUTO_TEST_CASE(exactly_the_stock_and_exactly_the_balance_are_enough) {
  const model::Id a = product(1000, 3);
  const model::Id buyer = user(3000);
  BOOST_TEST(shop.orders().place(buyer, {{a, 3}}).total_amount == 3000);
  BOOST_TEST(stock(a) == 0);
}

BOOST_AUTO_TEST_CASE(out_of_stock_on_any_line_leaves_nothing_behind) {
  const model::Id a = product(100, 10);
  const model::Id b = product(100, 1);
  const model::Id buyer = user();
  check_domain_error([&] { shop.orders().place(buyer, {{a, 2}, {b, 2}}); }, "OUT_OF_STOCK");
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(stock(b) == 1);
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_product_is_product_not_found_and_leaves_nothing_behind) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  check_domain_error(
      [&] {
        shop.orders().place(buyer, {{a, 2}, {test::missing_product_id(db.sql()), 1}});
      },
      "PRODUCT_NOT_FOUND");
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_user_is_user_not_found_and_leaves_the_stock) {
  const model::Id a = product(100, 10);
  check_domain_error([&] { shop.orders().place(db.missing_user_id(), {{a, 2}}); }, "USER_NOT_FOUND");
  BOOST_TEST(stock(a) == 10);
}

BOOST_AUTO_TEST_CASE(a_balance_below_the_total_is_insufficient_balance_and_leaves_nothing_behind) {
  const model::Id a = product(1000, 10);
  const model::Id buyer = user(2999);
  check_domain_error([&] { shop.orders().place(buyer, {{a, 3}}); }, "INSUFFICIENT_BALANCE");
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
  BOOST_TEST(db.balance(buyer) == 2999);
}

BOOST_AUTO_TEST_CASE(lines_must_be_1_to_50_of_1_to_999_units_after_merging) {
  const model::Id a = product(1, 10'000);
  const model::Id buyer = user();
  check_domain_error([&] { shop.orders().place(buyer, {}); }, "INVALID_REQUEST", "items");
  check_domain_error([&] { shop.orders().place(buyer, {{a, 0}}); }, "INVALID_REQUEST", "items");
  check_domain_error([&] { shop.orders().place(buyer, {{a, 1000}}); }, "INVALID_REQUEST", "items");
  check_domain_error([&] { shop.orders().place(buyer, {{a, 500}, {a, 500}}); }, "INVALID_REQUEST", "items");
  BOOST_TEST(test::order_count(db.sql(), buyer) == 0);
  BOOST_TEST(stock(a) == 10'000);
  BOOST_TEST(shop.orders().place(buyer, {{a, 500}, {a, 499}}).lines.at(0).quantity == 999);
}

BOOST_AUTO_TEST_CASE(fifty_lines_are_accepted_and_fifty_one_are_invalid_request) {
  std::vector<model::OrderRequestLine> lines;
  for (int i = 0; i < 51; ++i) lines.push_back({product(10, 5), 1});
  const model::Id buyer = user();
  check_domain_error([&] { shop.orders().place(buyer, lines); }, "INVALID_REQUEST", "items");
  lines.pop_back();
  const model::Order order = shop.orders().place(buyer, lines);
  BOOST_TEST(order.lines.size() == 50u);
  BOOST_TEST(order.total_amount == 500);
}

BOOST_AUTO_TEST_CASE(the_deadline_is_the_creation_time_plus_the_ttl) {
  model::Shop short_lived(test::settings_with_ttl(120));
  const model::Order order = short_lived.orders().place(user(), {{product(), 1}});
  double seconds = 0;
  db.sql() << "SELECT extract(epoch FROM expires_at - created_at)::float8 FROM orders WHERE id = :id",
      soci::use(order.id), soci::into(seconds);
  BOOST_TEST(seconds == 120.0);
}

BOOST_AUTO_TEST_CASE(get_of_another_users_or_an_unknown_order_is_order_not_found) {
  const model::Id buyer = user();
  const model::Id other = user();
  const model::Order order = shop.orders().place(buyer, {{product(), 1}});
  BOOST_TEST(shop.orders().get(order.id, std::nullopt).user_id == buyer);
  BOOST_TEST(shop.orders().get(order.id, buyer).id == order.id);
  check_domain_error([&] { shop.orders().get(order.id, other); }, "ORDER_NOT_FOUND");
  check_domain_error([&] { shop.orders().get(test::missing_order_id(db.sql()), std::nullopt); }, "ORDER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(a_users_orders_are_listed_newest_first_with_their_lines) {
  const model::Id buyer = user();
  const model::Id a = product(100);
  const model::Id b = product(200);
  const model::Order first = shop.orders().place(buyer, {{a, 1}});
  const model::Order second = shop.orders().place(buyer, {{a, 1}, {b, 2}});
  const model::Order third = shop.orders().place(buyer, {{b, 1}});
  shop.orders().place(user(), {{a, 1}});  // someone else's

  const auto page = shop.orders().list(buyer, model::PageRequest{1, 2});
  BOOST_TEST(page.total_count == 3);
  BOOST_TEST(page.page == 1);
  BOOST_TEST(page.size == 2);
  BOOST_TEST_REQUIRE(page.items.size() == 2u);
  BOOST_TEST(page.items[0].id == third.id);
  BOOST_TEST(page.items[1].id == second.id);
  BOOST_TEST(page.items[1].lines.size() == 2u);
  BOOST_TEST(page.items[1].total_amount == 500);
  const auto rest = shop.orders().list(buyer, model::PageRequest{2, 2});
  BOOST_TEST_REQUIRE(rest.items.size() == 1u);
  BOOST_TEST(rest.items[0].id == first.id);
  BOOST_TEST(rest.items[0].lines.size() == 1u);
  check_domain_error([&] { shop.orders().list(db.missing_user_id(), model::PageRequest{}); }, "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_SUITE_END()
