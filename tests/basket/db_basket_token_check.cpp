// BasketFacade's add and remove given a token still to prove: the one statement of each checks it, and when
// it refuses for that reason the caller learns UNAUTHORIZED (no live session) or FORBIDDEN (another user's,
// whether the named user exists or not) before anything about the user, the product or the quantity. With the
// user's own token the checks refuse in the seed's order, and the answer is the basket after the change: the
// other lines in first-added order, the changed line in its place (a new one last). A refusal changes nothing.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/two_signed_in_users.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

struct TokenFixture : test::TwoSignedInUsers {
  model::Id first = test::insert_product(db.sql(), unique_name("first"), 100, 1);
  model::Id second = test::insert_product(db.sql(), unique_name("second"), 200, 1);
  model::Id third = test::insert_product(db.sql(), unique_name("third"), 300, 1);

  long long quantity(model::Id product) { return test::basket_quantity(db.sql(), owner.id, product); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(basket_token_check, TokenFixture)

BOOST_AUTO_TEST_CASE(the_users_own_token_adds_and_removes) {
  BOOST_TEST(shop.basket().add(owner.id, first, 2, owner.token).lines.at(0).quantity == 2);
  const model::Basket basket = shop.basket().remove(owner.id, first, owner.token);
  BOOST_TEST(basket.user_id == owner.id);
  BOOST_TEST(basket.lines.empty());
  BOOST_TEST(basket.total_amount == 0);
  BOOST_TEST(test::basket_line_count(db.sql(), owner.id) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_expired_or_revoked_token_is_unauthorized_and_changes_nothing) {
  shop.basket().add(owner.id, first, 3);
  const std::string expired = db.create_session(owner.id);
  db.expire_session(expired);
  const std::string revoked = db.create_session(owner.id);
  shop.accounts().sign_out(revoked);
  for (const std::string& token : {std::string("not-a-session"), expired, revoked}) {
    check_domain_error([&] { shop.basket().add(owner.id, first, 1, token); }, "UNAUTHORIZED");
    check_domain_error([&] { shop.basket().add(owner.id, second, 1, token); }, "UNAUTHORIZED");
    check_domain_error([&] { shop.basket().remove(owner.id, first, token); }, "UNAUTHORIZED");
  }
  BOOST_TEST(quantity(first) == 3);
  BOOST_TEST(test::basket_line_count(db.sql(), owner.id) == 1);
}

BOOST_AUTO_TEST_CASE(another_users_token_is_forbidden_before_any_other_refusal) {
  shop.basket().add(owner.id, first, 3);
  check_domain_error([&] { shop.basket().add(owner.id, first, 1, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.basket().remove(owner.id, first, other.token); }, "FORBIDDEN");
  // What the other checks would refuse is not told either.
  const model::Id missing_product = test::missing_product_id(db.sql());
  const model::Id missing_user = db.missing_user_id();
  check_domain_error([&] { shop.basket().add(owner.id, first, 997, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.basket().add(owner.id, missing_product, 1, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.basket().remove(owner.id, missing_product, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.basket().add(missing_user, first, 1, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.basket().remove(missing_user, first, other.token); }, "FORBIDDEN");
  BOOST_TEST(quantity(first) == 3);
  BOOST_TEST(test::basket_line_count(db.sql(), owner.id) == 1);
  BOOST_TEST(test::basket_line_count(db.sql(), other.id) == 0);
}

BOOST_AUTO_TEST_CASE(the_checks_refuse_in_the_seeds_order_user_then_product_then_quantity) {
  const model::Id missing_product = test::missing_product_id(db.sql());
  const model::Id missing_user = db.missing_user_id();
  check_domain_error([&] { shop.basket().add(missing_user, missing_product, 0); }, "USER_NOT_FOUND");
  check_domain_error([&] { shop.basket().remove(missing_user, missing_product); }, "USER_NOT_FOUND");
  check_domain_error([&] { shop.basket().add(owner.id, missing_product, 1000, owner.token); }, "PRODUCT_NOT_FOUND");
  check_domain_error([&] { shop.basket().remove(owner.id, missing_product, owner.token); }, "PRODUCT_NOT_FOUND");
  check_domain_error([&] { shop.basket().add(owner.id, first, 0, owner.token); }, "INVALID_REQUEST", "quantity");
  check_domain_error([&] { shop.basket().add(owner.id, first, 1000, owner.token); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(shop.basket().add(owner.id, first, 999, owner.token).lines.at(0).quantity == 999);
  check_domain_error([&] { shop.basket().add(owner.id, first, 1, owner.token); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(quantity(first) == 999);
  BOOST_TEST(test::basket_line_count(db.sql(), owner.id) == 1);
}

BOOST_AUTO_TEST_CASE(the_answer_is_the_basket_after_the_change_in_first_added_order) {
  shop.basket().add(owner.id, second, 1, owner.token);
  shop.basket().add(owner.id, first, 1, owner.token);
  // Adding to a line already there keeps its place; a new line goes last.
  model::Basket basket = shop.basket().add(owner.id, second, 4, owner.token);
  BOOST_TEST_REQUIRE(basket.lines.size() == 2u);
  BOOST_TEST(basket.lines[0].product_id == second);
  BOOST_TEST(basket.lines[0].quantity == 5);
  BOOST_TEST(basket.lines[0].amount == 1000);
  BOOST_TEST(basket.lines[1].product_id == first);
  basket = shop.basket().add(owner.id, third, 2, owner.token);
  BOOST_TEST_REQUIRE(basket.lines.size() == 3u);
  BOOST_TEST(basket.lines[2].product_id == third);
  BOOST_TEST(basket.lines[2].price == 300);
  BOOST_TEST(basket.total_amount == 1000 + 100 + 600);

  // A refused add answers nothing and leaves the basket as it was.
  check_domain_error([&] { shop.basket().add(owner.id, second, 995, owner.token); }, "INVALID_REQUEST", "quantity");
  BOOST_TEST(shop.basket().get(owner.id).total_amount == 1000 + 100 + 600);

  // Removing an absent line answers the basket unchanged; removing a present one answers the rest, in order.
  const model::Id absent = test::insert_product(db.sql(), unique_name("absent"), 50, 1);
  basket = shop.basket().remove(owner.id, absent, owner.token);
  BOOST_TEST(basket.lines.size() == 3u);
  BOOST_TEST(basket.total_amount == 1000 + 100 + 600);
  basket = shop.basket().remove(owner.id, first, owner.token);
  BOOST_TEST_REQUIRE(basket.lines.size() == 2u);
  BOOST_TEST(basket.lines[0].product_id == second);
  BOOST_TEST(basket.lines[1].product_id == third);
  BOOST_TEST(basket.total_amount == 1000 + 600);
  BOOST_TEST(test::basket_line_count(db.sql(), owner.id) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
