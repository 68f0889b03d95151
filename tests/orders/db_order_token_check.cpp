// OrderFacade's place and pay given a token still to prove: the one statement of each checks it, and when
// it refuses for that reason the caller learns UNAUTHORIZED (no live session) or FORBIDDEN (another user's,
// whether the named user exists or not) before anything about products, stock, balance or the order. A
// refused order or payment changes nothing.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/two_signed_in_users.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

struct TokenFixture : test::TwoSignedInUsers {
  model::Id product = test::insert_product(db.sql(), unique_name("token"), 1000, 10);

  /// The owner's balance, the product's stock and the owner's orders are as they were.
  void check_unchanged(long long orders) {
    BOOST_TEST(db.balance(owner.id) == 5000);
    BOOST_TEST(test::stock_of(db.sql(), product) == 10 - orders);
    BOOST_TEST(test::order_count(db.sql(), owner.id) == orders);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(order_token_check, TokenFixture)

BOOST_AUTO_TEST_CASE(the_users_own_token_places_and_pays) {
  const model::Order order = shop.orders().place(owner.id, {{product, 2}}, owner.token);
  BOOST_TEST(order.total_amount == 2000);
  BOOST_TEST(order.lines.size() == 1u);
  const model::Payment payment = shop.orders().pay(order.id, owner.id, owner.token);
  BOOST_TEST(payment.balance == 3000);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PAID");
}

BOOST_AUTO_TEST_CASE(an_unknown_expired_or_revoked_token_is_unauthorized_and_changes_nothing) {
  const model::Order order = shop.orders().place(owner.id, {{product, 1}});
  const std::string expired = db.create_session(owner.id);
  db.expire_session(expired);
  const std::string revoked = db.create_session(owner.id);
  shop.accounts().sign_out(revoked);
  for (const std::string& token : {std::string("not-a-session"), expired, revoked}) {
    check_domain_error([&] { shop.orders().place(owner.id, {{product, 1}}, token); }, "UNAUTHORIZED");
    check_domain_error([&] { shop.orders().pay(order.id, owner.id, token); }, "UNAUTHORIZED");
  }
  check_unchanged(1);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
}

BOOST_AUTO_TEST_CASE(another_users_token_is_forbidden_before_any_other_refusal) {
  const model::Order order = shop.orders().place(owner.id, {{product, 1}});
  check_domain_error([&] { shop.orders().place(owner.id, {{product, 1}}, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.orders().pay(order.id, owner.id, other.token); }, "FORBIDDEN");
  // What the other checks would refuse is not told either.
  check_domain_error([&] { shop.orders().place(owner.id, {{product, 11}}, other.token); }, "FORBIDDEN");
  check_domain_error(
      [&] {
        shop.orders().place(owner.id, {{test::missing_product_id(db.sql()), 1}}, other.token);
      },
      "FORBIDDEN");
  check_domain_error([&] { shop.orders().pay(test::missing_order_id(db.sql()), owner.id, other.token); }, "FORBIDDEN");
  const model::Id missing = db.missing_user_id();
  check_domain_error([&] { shop.orders().place(missing, {{product, 1}}, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.orders().pay(order.id, missing, other.token); }, "FORBIDDEN");
  check_unchanged(1);
  BOOST_TEST(db.balance(other.id) == 5000);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
}

BOOST_AUTO_TEST_CASE(with_the_users_own_token_the_checks_refuse_in_the_seeds_order) {
  check_domain_error([&] { shop.orders().place(owner.id, {{product, 11}}, owner.token); }, "OUT_OF_STOCK");
  check_domain_error([&] { shop.orders().place(owner.id, {{product, 6}}, owner.token); }, "INSUFFICIENT_BALANCE");
  const model::Order order = shop.orders().place(other.id, {{product, 1}}, other.token);
  check_domain_error([&] { shop.orders().pay(order.id, owner.id, owner.token); }, "ORDER_NOT_FOUND");
  BOOST_TEST(db.balance(owner.id) == 5000);
  BOOST_TEST(test::order_count(db.sql(), owner.id) == 0);
  BOOST_TEST(test::stock_of(db.sql(), product) == 9);
}

BOOST_AUTO_TEST_SUITE_END()
