// API.md "Orders", expiry, through nginx: a PENDING order not paid within SHOP_ORDER_TTL_SECONDS (3 s in the
// test stack, SHOP_TEST_ORDER_TTL) becomes EXPIRED and its stock comes back without any request touching it;
// after the deadline it can be neither paid (409 ORDER_NOT_PAYABLE) nor cancelled.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

/// The deadline plus the sweep's period (1 s) plus a generous slack for a loaded machine.
std::chrono::milliseconds sweep_bound() {
  return std::chrono::seconds(order_ttl_seconds() + 10);
}

void sleep_past_the_deadline() {
  std::this_thread::sleep_for(std::chrono::milliseconds(order_ttl_seconds() * 1000 + 500));
}

struct ExpiryFixture {
  ShopApi api;
  HttpClient& http = api.http();
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(expiry, ExpiryFixture)

BOOST_AUTO_TEST_CASE(a_pending_order_left_alone_expires_and_its_stock_comes_back_to_be_sold_again) {
  const model::Id a = create_product(http, unique_name("perishable"), 100, 10);
  const model::Id b = create_product(http, unique_name("perishable"), 100, 3);
  const UserCredentials buyer = create_funded_user(http, unique_name("forgetful"), 10'000);
  const UserCredentials other = create_funded_user(http, unique_name("patient"), 10'000);
  const model::Id order_id = place_order_id(http, buyer, {{a, 4}, {b, 3}});
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
  BOOST_TEST(product_stock(http, a) == 6);
  check_error(place_order(http, other, {{b, 1}}), "OUT_OF_STOCK");

  // Only the products are read while waiting: nothing touches the order.
  const bool back = wait_until(sweep_bound(), [&] { return product_stock(http, a) == 10; });
  BOOST_TEST(back);
  BOOST_TEST(product_stock(http, b) == 3);
  BOOST_TEST(order_status(http, order_id, buyer) == "EXPIRED");
  BOOST_TEST(api.balance(buyer) == 10'000);

  const model::Id again = place_order_id(http, other, {{b, 3}});
  BOOST_TEST(pay_order(http, again, other).status == 201);
  BOOST_TEST(product_stock(http, b) == 0);
}

BOOST_AUTO_TEST_CASE(after_the_deadline_the_order_is_409_not_payable_nor_cancellable_and_nothing_changes) {
  const model::Id a = create_product(http, unique_name("late"), 100, 10);
  const UserCredentials buyer = create_funded_user(http, unique_name("late"), 10'000);
  const model::Id order_id = place_order_id(http, buyer, {{a, 4}});
  sleep_past_the_deadline();
  check_error(pay_order(http, order_id, buyer), "ORDER_NOT_PAYABLE");
  check_error(cancel_order(http, order_id, buyer), "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(order_status(http, order_id, buyer) == "EXPIRED");
  BOOST_TEST(api.balance(buyer) == 10'000);
  BOOST_TEST(api.history_count(buyer) == 1);
  BOOST_TEST(wait_until(sweep_bound(), [&] { return product_stock(http, a) == 10; }));
}

BOOST_AUTO_TEST_CASE(a_paid_order_never_expires) {
  const model::Id a = create_product(http, unique_name("kept"), 100, 5);
  const model::Id b = create_product(http, unique_name("dropped"), 100, 5);
  const UserCredentials buyer = create_funded_user(http, unique_name("prompt"), 10'000);
  const model::Id paid = place_order_id(http, buyer, {{a, 2}});
  const model::Id unpaid = place_order_id(http, buyer, {{b, 2}});
  BOOST_TEST_REQUIRE(pay_order(http, paid, buyer).status == 201);
  // The sweep takes due orders oldest deadline first: once it has expired the later one, it has been past
  // the paid one's deadline too.
  BOOST_TEST_REQUIRE(wait_until(sweep_bound(), [&] { return product_stock(http, b) == 5; }));
  BOOST_TEST(order_status(http, unpaid, buyer) == "EXPIRED");
  BOOST_TEST(order_status(http, paid, buyer) == "PAID");
  BOOST_TEST(product_stock(http, a) == 3);
}

BOOST_AUTO_TEST_SUITE_END()
