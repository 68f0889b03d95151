// GET /api/v1/users/{userId}/balance and POST /api/v1/users/{userId}/balance/charge {"amount"}: amounts
// 1..10,000,000, a balance never past 1,000,000,000,000 (409 BALANCE_LIMIT_EXCEEDED), unknown users 404.
#include <boost/test/unit_test.hpp>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;

namespace {

constexpr long long kCap = 1'000'000'000'000;

struct BalanceFixture {
  ShopApi api;
  TestDatabase db;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(balance, BalanceFixture)

BOOST_AUTO_TEST_CASE(get_balance_answers_the_user_id_and_balance) {
  const UserCredentials user = db.create_signed_in_user(unique_name("get"), 15000);
  const auto response = api.http().get(user_path(user.id, "/balance"), {authorization(user.token)});
  BOOST_TEST(response.status == 200, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 2u, response.body);
  BOOST_TEST(json_int(json, "userId") == user.id);
  BOOST_TEST(json_int(json, "balance") == 15000);
}

BOOST_AUTO_TEST_CASE(charge_answers_the_new_balance_and_the_amount_charged) {
  const UserCredentials user = db.create_signed_in_user(unique_name("charge"), 15000);
  const auto response = api.charge(user, 10000);
  BOOST_TEST(response.status == 200, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 3u, response.body);
  BOOST_TEST(json_int(json, "userId") == user.id);
  BOOST_TEST(json_int(json, "balance") == 25000);
  BOOST_TEST(json_int(json, "charged") == 10000);
  BOOST_TEST(api.balance(user) == 25000);
  BOOST_TEST(db.ledger_count(user.id) == 2);
}

BOOST_AUTO_TEST_CASE(charges_add_up) {
  const UserCredentials user = api.create_user(unique_name("add"));
  long long expected = 0;
  for (const long long amount : {1LL, 10'000'000LL, 12345LL, 1000LL}) {
    expected += amount;
    const auto response = api.charge(user, amount);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(json_int(parse_json(response.body), "balance") == expected);
  }
  BOOST_TEST(api.balance(user) == expected);
  BOOST_TEST(db.ledger_count(user.id) == 4);
  BOOST_TEST(db.ledger_sum(user.id) == expected);
}

BOOST_AUTO_TEST_CASE(a_charge_may_bring_the_balance_exactly_to_the_cap) {
  const UserCredentials user = db.create_signed_in_user(unique_name("to-cap"), kCap - 5000);
  const auto response = api.charge(user, 5000);
  BOOST_TEST(response.status == 200, response.body);
  BOOST_TEST(api.balance(user) == kCap);
}

BOOST_AUTO_TEST_CASE(a_charge_past_the_cap_is_409_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("past-cap"), kCap - 5000);
  check_error(api.charge(user, 5001), "BALANCE_LIMIT_EXCEEDED");
  check_error(api.charge(user, 10'000'000), "BALANCE_LIMIT_EXCEEDED");
  BOOST_TEST(api.balance(user) == kCap - 5000);
  BOOST_TEST(db.ledger_count(user.id) == 1);
  const UserCredentials full = db.create_signed_in_user(unique_name("full"), kCap);
  check_error(api.charge(full, 1), "BALANCE_LIMIT_EXCEEDED");
  BOOST_TEST(api.balance(full) == kCap);
}

BOOST_AUTO_TEST_CASE(an_unknown_user_is_404_user_not_found_everywhere) {
  // Only the admin may learn that a user does not exist; a user's token gets 403 (e2e_accounts).
  const UserCredentials missing = as_admin(db.missing_user_id());
  check_error(api.http().get(user_path(missing.id, "/balance"), {admin_authorization()}), "USER_NOT_FOUND");
  check_error(api.charge(missing, 1000), "USER_NOT_FOUND");
  check_error(api.http().get(user_path(missing.id, "/balance/history"), {admin_authorization()}), "USER_NOT_FOUND");
  check_error(api.http().get(user_path(9223372036854775807LL, "/balance"), {admin_authorization()}), "USER_NOT_FOUND");
  BOOST_TEST(db.ledger_count(missing.id) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
