// 200 charges of one user at once (20 processes × 10 through nginx) give the exact sum and exactly 200 new
// ledger lines, each line's balanceAfter following the one before: charges of one user are serialized.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <numeric>

#include "tests/support/charge_load.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(two_hundred_concurrent_charges_give_the_exact_sum_and_200_ledger_lines) {
  TestDatabase db;
  ShopApi api;
  const UserCredentials user = api.create_user(unique_name("conc"));
  const long long start_balance = 5000;
  BOOST_TEST_REQUIRE(api.charge(user, start_balance).status == 200);

  ChargeLoad load(user, 20, 10);
  load.start();
  BOOST_TEST_REQUIRE(load.wait(90s), "the load did not finish: " << load.summary());

  BOOST_TEST(load.count(200) == 200, load.summary());
  auto amounts = load.amounts_with(200);
  const long long charged = std::accumulate(amounts.begin(), amounts.end(), 0LL);
  BOOST_TEST(charged == 200 * 201 / 2);  // amounts 1..200
  BOOST_TEST(db.balance(user.id) == start_balance + charged);
  BOOST_TEST(api.balance(user) == start_balance + charged);
  BOOST_TEST(db.ledger_count(user.id) == 201);
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));

  // Exactly the amounts that were sent, each once.
  auto written = db.charge_amounts(user.id);
  written.erase(written.begin());  // the first charge, before the load
  std::sort(written.begin(), written.end());
  std::sort(amounts.begin(), amounts.end());
  BOOST_TEST(written == amounts, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_ledger_line_follows_the_one_before_it) {
  TestDatabase db;
  ShopApi api;
  const UserCredentials user = api.create_user(unique_name("chain"));
  ChargeLoad load(user, 10, 10);
  load.start();
  BOOST_TEST_REQUIRE(load.wait(90s), load.summary());
  BOOST_TEST(load.count(200) == 100, load.summary());

  // In id order, balance_after(n) = balance_after(n-1) + amount(n): no two charges read the same balance.
  long long amount = 0, after = 0, previous = 0, lines = 0, broken = 0;
  soci::statement st = (db.sql().prepare << "SELECT amount, balance_after FROM balance_ledger WHERE user_id = :id "
                                            "ORDER BY id",
                        soci::use(user.id), soci::into(amount), soci::into(after));
  st.execute();
  while (st.fetch()) {
    if (after != previous + amount) ++broken;
    previous = after;
    ++lines;
  }
  BOOST_TEST(lines == 100);
  BOOST_TEST(broken == 0);
  BOOST_TEST(previous == db.balance(user.id));
}
