// OrderFacade::checkout against the real database: an order of all the basket's lines at the current
// prices, the basket emptied in the same transaction; an empty basket is INVALID_REQUEST, and a checkout
// that fails leaves both the basket and the stock as they were. Against other connections: a line added while
// a checkout runs is not ordered and stays in the basket; an add to a line the checkout holds waits for it.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
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

int backend_pid(soci::session& sql) {
  int pid = 0;
  sql << "SELECT pg_backend_pid()", soci::into(pid);
  return pid;
}

// Polls (on a connection of its own) until backend `waiter` waits for a lock that backend `holder` holds.
bool blocked_by(soci::session& observer, int waiter, int holder) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int blocked = 0;
    observer << "SELECT (:holder = ANY(pg_blocking_pids(:waiter)))::int", soci::use(holder, "holder"),
        soci::use(waiter, "waiter"), soci::into(blocked);
    if (blocked == 1) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Checkouts racing other clients, each on a connection of its own: `checkout` runs OrderFacade::checkout,
// `client` changes the same basket (giving up on a lock after a few seconds rather than hanging the test),
// and `blocker` can hold a product's row lock so that a checkout stops after locking its basket lines and
// before removing them.
struct ConcurrentCheckoutFixture : CheckoutFixture {
  model::ShopParts checkout{test::settings_with_ttl(600)};
  model::ShopParts client{test::settings_with_ttl(600)};
  test::TestDatabase blocker;
  const int checkout_pid = backend_pid(checkout.db.sql());
  const int client_pid = backend_pid(client.db.sql());
  const int blocker_pid = backend_pid(blocker.sql());

  ConcurrentCheckoutFixture() { client.db.sql() << "SET lock_timeout = '5s'"; }
};

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

BOOST_FIXTURE_TEST_SUITE(concurrent_checkout, ConcurrentCheckoutFixture)

BOOST_AUTO_TEST_CASE(a_line_added_while_a_checkout_runs_is_not_ordered_and_stays_in_the_basket) {
  const model::Id a = product(100, 10);
  const model::Id b = product(100, 10);
  const model::Id buyer = user();
  shop.basket().add(buyer, a, 2);
  std::future<model::Order> placed;
  {
    soci::transaction hold(blocker.sql());
    blocker.sql() << "SELECT id FROM products WHERE id = :id FOR NO KEY UPDATE", soci::use(a);
    placed = std::async(std::launch::async, [&] { return checkout.order_facade.checkout(buyer); });
    // The checkout has locked its basket line and waits for the product.
    BOOST_TEST_REQUIRE(blocked_by(db.sql(), checkout_pid, blocker_pid));
    // It holds only the lines it read: a line of another product is added and committed at once.
    BOOST_TEST(client.basket_facade.add(buyer, b, 1).lines.size() == 2u);
    hold.commit();
  }
  const model::Order order = placed.get();
  BOOST_TEST_REQUIRE(order.lines.size() == 1u);
  BOOST_TEST(order.lines[0].product_id == a);
  BOOST_TEST(order.lines[0].quantity == 2);
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, a) == 0);
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, b) == 1);
  BOOST_TEST(test::basket_line_count(db.sql(), buyer) == 1);
  BOOST_TEST(stock(a) == 8);
  BOOST_TEST(stock(b) == 10);
}

BOOST_AUTO_TEST_CASE(an_add_to_a_line_the_checkout_holds_waits_and_then_starts_a_new_line) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  shop.basket().add(buyer, a, 2);
  std::future<model::Basket> added;
  const model::Order order = checkout.db.transact([&] {
    // The checkout done and still uncommitted: its locks are held until the transaction ends.
    model::Order placed = checkout.order_facade.checkout(buyer);
    added = std::async(std::launch::async, [&] { return client.basket_facade.add(buyer, a, 3); });
    BOOST_TEST_REQUIRE(blocked_by(db.sql(), client_pid, checkout_pid));
    return placed;
  });
  // The checkout's delete committed first: the waiting add finds no line to add to and inserts its own.
  const model::Basket after = added.get();
  BOOST_TEST_REQUIRE(after.lines.size() == 1u);
  BOOST_TEST(after.lines[0].product_id == a);
  BOOST_TEST(after.lines[0].quantity == 3);
  BOOST_TEST(order.lines.at(0).quantity == 2);
  BOOST_TEST(test::basket_quantity(db.sql(), buyer, a) == 3);
  BOOST_TEST(stock(a) == 8);
}

BOOST_AUTO_TEST_SUITE_END()
