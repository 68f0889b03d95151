// BalanceFacade::charge (the seed's 잔액 충전): adds to the balance and writes exactly one ledger line in the
// same transaction; never lets a balance pass 1,000,000,000,000; a refused charge changes nothing.
#include <boost/test/unit_test.hpp>

#include "model/limits.hpp"
#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

constexpr model::Won kCap = 1'000'000'000'000;

struct ChargeFixture {
  test::TestDatabase db;
  model::Shop shop{test::test_settings()};

  model::Id new_user(model::Won balance = 0) { return db.create_user(unique_name("charge"), balance); }
};

struct LedgerLine {
  std::string type;
  model::Won amount = 0;
  model::Won balance_after = 0;
  bool has_order = false;
};

LedgerLine last_line(test::TestDatabase& db, model::Id user_id) {
  LedgerLine line;
  long long order_id = 0;
  soci::indicator order_ind = soci::i_null;
  db.sql() << "SELECT type, amount, balance_after, order_id FROM balance_ledger WHERE user_id = :id "
              "ORDER BY id DESC LIMIT 1",
      soci::use(user_id), soci::into(line.type), soci::into(line.amount), soci::into(line.balance_after),
      soci::into(order_id, order_ind);
  line.has_order = order_ind == soci::i_ok;
  return line;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(charge, ChargeFixture)

BOOST_AUTO_TEST_CASE(charge_adds_the_amount_and_returns_the_new_balance) {
  const model::Id id = new_user(15000);
  const model::ChargeResult result = shop.balance().charge(id, 10000);
  BOOST_TEST(result.user_id == id);
  BOOST_TEST(result.balance == 25000);
  BOOST_TEST(result.charged == 10000);
  BOOST_TEST(db.balance(id) == 25000);
  BOOST_TEST(shop.balance().balance(id).balance == 25000);
}

BOOST_AUTO_TEST_CASE(charge_writes_exactly_one_charge_line_with_the_balance_after) {
  const model::Id id = new_user();
  shop.balance().charge(id, 3000);
  BOOST_TEST(db.ledger_count(id) == 1);
  shop.balance().charge(id, 500);
  BOOST_TEST(db.ledger_count(id) == 2);
  const LedgerLine line = last_line(db, id);
  BOOST_TEST(line.type == "CHARGE");
  BOOST_TEST(line.amount == 500);
  BOOST_TEST(line.balance_after == 3500);
  BOOST_TEST(!line.has_order);
  BOOST_TEST(db.ledger_sum(id) == db.balance(id));
}

BOOST_AUTO_TEST_CASE(the_balance_change_and_its_ledger_line_commit_or_roll_back_together) {
  const model::Id id = new_user(100);
  {
    soci::transaction tx(shop.parts().db.sql());
    model::BalanceRepository repository(shop.parts().db.sql());
    BOOST_TEST(repository.charge(id, 50, {}).value() == 150);
    // Not committed: another connection sees neither the new balance nor the line.
    BOOST_TEST(db.balance(id) == 100);
    BOOST_TEST(db.ledger_count(id) == 1);
    tx.rollback();
  }
  BOOST_TEST(db.balance(id) == 100);
  BOOST_TEST(db.ledger_count(id) == 1);
  BOOST_TEST(db.ledger_sum(id) == 100);
}

BOOST_AUTO_TEST_CASE(the_smallest_and_largest_amounts_are_accepted) {
  const model::Id id = new_user();
  shop.balance().charge(id, model::limits::kMinCharge);
  shop.balance().charge(id, model::limits::kMaxCharge);
  BOOST_TEST(db.balance(id) == 10'000'001);
  BOOST_TEST(db.ledger_count(id) == 2);
}

BOOST_AUTO_TEST_CASE(an_amount_out_of_range_is_invalid_and_changes_nothing) {
  const model::Id id = new_user(700);
  for (const model::Won amount : {0LL, -1LL, 10'000'001LL, kCap}) {
    BOOST_TEST_CONTEXT(amount) {
      check_domain_error([&] { shop.balance().charge(id, amount); }, "INVALID_REQUEST", "amount");
    }
  }
  BOOST_TEST(db.balance(id) == 700);
  BOOST_TEST(db.ledger_count(id) == 1);
}

BOOST_AUTO_TEST_CASE(charging_a_missing_user_is_user_not_found) {
  const model::Id missing = db.missing_user_id();
  check_domain_error([&] { shop.balance().charge(missing, 1000); }, "USER_NOT_FOUND");
  BOOST_TEST(db.ledger_count(missing) == 0);
}

BOOST_AUTO_TEST_CASE(a_charge_may_reach_the_cap_exactly) {
  const model::Id id = new_user(kCap - 5000);
  BOOST_TEST(shop.balance().charge(id, 5000).balance == kCap);
  BOOST_TEST(db.balance(id) == kCap);
  BOOST_TEST(db.ledger_sum(id) == kCap);
}

BOOST_AUTO_TEST_CASE(a_charge_past_the_cap_is_balance_limit_exceeded_and_changes_nothing) {
  const model::Id id = new_user(kCap - 5000);
  check_domain_error([&] { shop.balance().charge(id, 5001); }, "BALANCE_LIMIT_EXCEEDED");
  check_domain_error([&] { shop.balance().charge(id, model::limits::kMaxCharge); }, "BALANCE_LIMIT_EXCEEDED");
  BOOST_TEST(db.balance(id) == kCap - 5000);
  BOOST_TEST(db.ledger_count(id) == 1);
  const model::Id full = new_user(kCap);
  check_domain_error([&] { shop.balance().charge(full, 1); }, "BALANCE_LIMIT_EXCEEDED");
  BOOST_TEST(db.balance(full) == kCap);
  BOOST_TEST(db.ledger_count(full) == 1);
}

BOOST_AUTO_TEST_CASE(the_connection_serves_the_next_charge_after_a_refused_one) {
  const model::Id id = new_user(kCap - 10);
  check_domain_error([&] { shop.balance().charge(id, 11); }, "BALANCE_LIMIT_EXCEEDED");
  check_domain_error([&] { shop.balance().charge(db.missing_user_id(), 1); }, "USER_NOT_FOUND");
  BOOST_TEST(shop.balance().charge(id, 10).balance == kCap);
  BOOST_TEST(db.ledger_count(id) == 2);
}

BOOST_AUTO_TEST_CASE(balance_of_a_missing_user_is_user_not_found) {
  check_domain_error([&] { shop.balance().balance(db.missing_user_id()); }, "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(the_balance_equals_the_sum_of_its_ledger_after_charges_and_refusals) {
  const model::Id id = new_user(kCap - 25'000'000);
  int refused = 0;
  for (int i = 0; i < 5; ++i) {
    try {
      shop.balance().charge(id, model::limits::kMaxCharge);
    } catch (const model::DomainError&) {
      ++refused;
    }
  }
  BOOST_TEST(refused == 3);
  BOOST_TEST(db.balance(id) == kCap - 5'000'000);
  BOOST_TEST(db.ledger_count(id) == 3);
  BOOST_TEST(db.ledger_sum(id) == db.balance(id));
}

BOOST_AUTO_TEST_SUITE_END()
