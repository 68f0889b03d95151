// OrderFacade::cancel and OrderFacade::expire_next against the real database: only a PENDING order of that
// user is cancelled, and its stock goes back; a PENDING order past its deadline is expired with its stock
// back, orders before their deadline are left alone, and no closed order ever gives its stock back twice.
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

// The pool's sweeper runs on the same database and may expire an order first: both are this code.
constexpr int kMaxSweeps = 100'000;

struct CloseFixture : test::OrderFixture {
  /// Expires every due order, as the sweep does.
  void sweep() {
    for (int i = 0; i < kMaxSweeps && shop.orders().expire_next(); ++i) {
    }
  }
  void make_due(model::Id order_id) {
    db.sql() << "UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = :id", soci::use(order_id);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cancel_and_expiry, CloseFixture)

BOOST_AUTO_TEST_CASE(cancel_marks_the_order_cancelled_and_gives_its_stock_back) {
  const model::Id a = product(100, 10);
  const model::Id b = product(100, 5);
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{a, 3}, {b, 5}});
  BOOST_TEST(stock(a) == 7);
  const model::Order cancelled = shop.orders().cancel(order.id, buyer);
  BOOST_TEST(cancelled.id == order.id);
  BOOST_TEST((cancelled.status == model::OrderStatus::kCancelled));
  BOOST_TEST(cancelled.lines.size() == 2u);
  BOOST_TEST(cancelled.total_amount == order.total_amount);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "CANCELLED");
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(stock(b) == 5);
  BOOST_TEST(db.balance(buyer) == 1'000'000);
}

BOOST_AUTO_TEST_CASE(cancelling_twice_is_order_not_cancellable_and_gives_nothing_back_again) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{a, 3}});
  shop.orders().cancel(order.id, buyer);
  check_domain_error([&] { shop.orders().cancel(order.id, buyer); }, "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(stock(a) == 10);
}

BOOST_AUTO_TEST_CASE(cancelling_a_paid_order_is_order_not_cancellable_and_keeps_it_paid) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{a, 3}});
  shop.orders().pay(order.id, buyer);
  check_domain_error([&] { shop.orders().cancel(order.id, buyer); }, "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PAID");
  BOOST_TEST(stock(a) == 7);
  BOOST_TEST(db.balance(buyer) == 9'700);
}

BOOST_AUTO_TEST_CASE(cancelling_another_users_or_an_unknown_order_is_order_not_found) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{a, 3}});
  check_domain_error([&] { shop.orders().cancel(order.id, user()); }, "ORDER_NOT_FOUND");
  check_domain_error([&] { shop.orders().cancel(test::missing_order_id(db.sql()), buyer); }, "ORDER_NOT_FOUND");
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
  BOOST_TEST(stock(a) == 7);
}

BOOST_AUTO_TEST_CASE(stock_given_back_may_pass_the_admin_cap) {
  // The cap bounds what an admin sets; units held by orders come back on top of it.
  const model::Id a = product(100, 1'000'000'000);
  const model::Id buyer = user();
  const model::Order cancelled = shop.orders().place(buyer, {{a, 5}});
  const model::Order expired = shop.orders().place(buyer, {{a, 7}});
  db.sql() << "UPDATE products SET stock = 1000000000 WHERE id = :id", soci::use(a);
  shop.orders().cancel(cancelled.id, buyer);
  BOOST_TEST(stock(a) == 1'000'000'005);
  make_due(expired.id);
  sweep();
  BOOST_TEST(test::stored_status(db.sql(), expired.id) == "EXPIRED");
  BOOST_TEST(stock(a) == 1'000'000'012);
}

BOOST_AUTO_TEST_CASE(an_order_past_its_deadline_is_not_cancellable) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Order order = instant.orders().place(buyer, {{a, 3}});
  check_domain_error([&] { instant.orders().cancel(order.id, buyer); }, "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(test::stored_status(db.sql(), order.id) != "CANCELLED");
}

BOOST_AUTO_TEST_CASE(expire_next_expires_a_due_order_and_gives_its_stock_back) {
  const model::Id a = product(100, 10);
  const model::Id b = product(100, 4);
  const model::Order order = instant.orders().place(user(), {{a, 3}, {b, 4}});
  sweep();
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "EXPIRED");
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(stock(b) == 4);
  BOOST_TEST((shop.orders().get(order.id, std::nullopt).status == model::OrderStatus::kExpired));
}

BOOST_AUTO_TEST_CASE(expire_next_leaves_an_order_before_its_deadline_alone) {
  const model::Id a = product(100, 10);
  const model::Order order = shop.orders().place(user(), {{a, 3}});
  sweep();
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
  BOOST_TEST(stock(a) == 7);
}

BOOST_AUTO_TEST_CASE(a_paid_or_cancelled_order_past_its_deadline_is_never_expired_nor_restocked) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Order paid = shop.orders().place(buyer, {{a, 2}});
  shop.orders().pay(paid.id, buyer);
  const model::Order cancelled = shop.orders().place(buyer, {{a, 3}});
  shop.orders().cancel(cancelled.id, buyer);
  make_due(paid.id);
  make_due(cancelled.id);
  sweep();
  BOOST_TEST(test::stored_status(db.sql(), paid.id) == "PAID");
  BOOST_TEST(test::stored_status(db.sql(), cancelled.id) == "CANCELLED");
  BOOST_TEST(stock(a) == 8);
}

BOOST_AUTO_TEST_CASE(an_expired_order_can_be_neither_paid_nor_cancelled_and_its_stock_comes_back_once) {
  const model::Id a = product(100, 10);
  const model::Id buyer = user();
  const model::Order order = instant.orders().place(buyer, {{a, 3}});
  sweep();
  check_domain_error([&] { shop.orders().pay(order.id, buyer); }, "ORDER_NOT_PAYABLE");
  check_domain_error([&] { shop.orders().cancel(order.id, buyer); }, "ORDER_NOT_CANCELLABLE");
  sweep();
  BOOST_TEST(stock(a) == 10);
  BOOST_TEST(db.balance(buyer) == 1'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
