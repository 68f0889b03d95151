// BalanceFacade's balance read and charge given a token still to prove: the one statement checks it, and
// when it finds nothing the reason comes in the access check's order: UNAUTHORIZED (no live session),
// FORBIDDEN (another user's), then USER_NOT_FOUND or the cap. A refused charge changes nothing.
#include <boost/test/unit_test.hpp>

#include "model/limits.hpp"
#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/two_signed_in_users.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

struct TokenFixture : test::TwoSignedInUsers {
  /// The refused charge left the owner's balance and ledger as they were.
  void check_unchanged() {
    BOOST_TEST(db.balance(owner.id) == 5000);
    BOOST_TEST(db.ledger_count(owner.id) == 1);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(token_check, TokenFixture)

BOOST_AUTO_TEST_CASE(the_users_own_token_reads_and_charges) {
  BOOST_TEST(shop.balance().balance(owner.id, owner.token).balance == 5000);
  BOOST_TEST(shop.balance().charge(owner.id, 700, owner.token).balance == 5700);
  BOOST_TEST(db.ledger_count(owner.id) == 2);
}

BOOST_AUTO_TEST_CASE(an_unknown_token_is_unauthorized) {
  check_domain_error([&] { shop.balance().balance(owner.id, "not-a-session"); }, "UNAUTHORIZED");
  check_domain_error([&] { shop.balance().charge(owner.id, 700, "not-a-session"); }, "UNAUTHORIZED");
  check_unchanged();
}

BOOST_AUTO_TEST_CASE(an_expired_or_revoked_token_is_unauthorized) {
  const std::string expired = db.create_session(owner.id);
  db.expire_session(expired);
  check_domain_error([&] { shop.balance().balance(owner.id, expired); }, "UNAUTHORIZED");
  check_domain_error([&] { shop.balance().charge(owner.id, 700, expired); }, "UNAUTHORIZED");

  const std::string revoked = db.create_session(owner.id);
  shop.accounts().sign_out(revoked);
  check_domain_error([&] { shop.balance().balance(owner.id, revoked); }, "UNAUTHORIZED");
  check_domain_error([&] { shop.balance().charge(owner.id, 700, revoked); }, "UNAUTHORIZED");
  check_unchanged();
}

BOOST_AUTO_TEST_CASE(another_users_token_is_forbidden_whether_the_user_exists_or_not) {
  check_domain_error([&] { shop.balance().balance(owner.id, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.balance().charge(owner.id, 700, other.token); }, "FORBIDDEN");
  check_unchanged();
  BOOST_TEST(db.balance(other.id) == 5000);

  const model::Id missing = db.missing_user_id();
  check_domain_error([&] { shop.balance().balance(missing, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.balance().charge(missing, 700, other.token); }, "FORBIDDEN");
}

BOOST_AUTO_TEST_CASE(the_cap_is_told_only_to_the_users_own_token) {
  const model::Won room = model::limits::kMaxBalance - 5000;
  db.sql() << "UPDATE users SET balance = balance + :room WHERE id = :id", soci::use(room), soci::use(owner.id);
  check_domain_error([&] { shop.balance().charge(owner.id, 1, other.token); }, "FORBIDDEN");
  check_domain_error([&] { shop.balance().charge(owner.id, 1, owner.token); }, "BALANCE_LIMIT_EXCEEDED");
  BOOST_TEST(db.balance(owner.id) == model::limits::kMaxBalance);
}

BOOST_AUTO_TEST_SUITE_END()
