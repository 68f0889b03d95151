// Charges racing at the cap: whatever the interleaving, a balance never passes 1,000,000,000,000; exactly
// the charges that fit succeed, the others are 409 BALANCE_LIMIT_EXCEEDED and write nothing.
#include <boost/test/unit_test.hpp>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

constexpr long long kCap = 1'000'000'000'000;

}  // namespace

BOOST_AUTO_TEST_CASE(charges_racing_at_the_cap_never_pass_it) {
  TestDatabase db;
  const UserCredentials user = db.create_signed_in_user(unique_name("cap-race"), kCap - 35'000);
  const std::string base_url = ShopApi().http().base_url();

  // 10 processes × 5 charges of 10,000: room for exactly 3 of the 50.
  SharedArray<std::atomic<int>> ok(1), refused(1), other(1);
  const auto codes = run_processes(10, 60s, [&](int) {
    ShopApi api(base_url);
    for (int i = 0; i < 5; ++i) {
      const auto response = api.charge(user, 10'000);
      if (response.status == 200) {
        ok[0].fetch_add(1);
      } else if (response.status == 409 && response.body.find("BALANCE_LIMIT_EXCEEDED") != std::string::npos) {
        refused[0].fetch_add(1);
      } else {
        other[0].fetch_add(1);
      }
    }
    return 0;
  });
  for (const int code : codes) BOOST_TEST(code == 0);

  BOOST_TEST(ok[0].load() == 3);
  BOOST_TEST(refused[0].load() == 47);
  BOOST_TEST(other[0].load() == 0);
  BOOST_TEST(db.balance(user.id) == kCap - 5'000);
  BOOST_TEST(db.ledger_count(user.id) == 4);
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
}

BOOST_AUTO_TEST_CASE(charges_filling_the_last_won_exactly_reach_the_cap) {
  TestDatabase db;
  const UserCredentials user = db.create_signed_in_user(unique_name("cap-fill"), kCap - 100);
  const std::string base_url = ShopApi().http().base_url();
  // 20 processes × 10 charges of 1 won: exactly 100 fit.
  SharedArray<std::atomic<int>> ok(1);
  const auto codes = run_processes(20, 60s, [&](int) {
    ShopApi api(base_url);
    for (int i = 0; i < 10; ++i) {
      if (api.charge(user, 1).status == 200) ok[0].fetch_add(1);
    }
    return 0;
  });
  for (const int code : codes) BOOST_TEST(code == 0);
  BOOST_TEST(ok[0].load() == 100);
  BOOST_TEST(db.balance(user.id) == kCap);
  BOOST_TEST(db.ledger_count(user.id) == 101);
}
