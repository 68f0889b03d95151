// A user whose balance covers 5 of 10 pending orders pays all 10 at once, each payment
// from its own process: exactly 5 are paid (201), 5 are 409 INSUFFICIENT_BALANCE, the balance ends at 0 and
// was never below it (every ledger line's balance after is >= 0), and it equals its ledger.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/catalog_api.hpp"
#include "tests/support/env.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr int kOrders = 10;
constexpr model::Won kPrice = 1000;

struct Outcome {
  std::atomic<long> status;
  std::atomic<bool> insufficient;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_balance_for_five_of_ten_orders_pays_exactly_five_of_them_at_once) {
  ShopApi api;
  const model::Id product = create_product(api.http(), unique_name("half"), kPrice, 100);
  const UserCredentials buyer = create_funded_user(api.http(), unique_name("stretched"), 5 * kPrice);
  std::vector<model::Id> orders;
  for (int i = 0; i < kOrders; ++i) orders.push_back(place_order_id(api.http(), buyer, {{product, 1}}));
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<Outcome> outcomes(kOrders);
  const auto codes = run_processes(kOrders, std::chrono::seconds(60), [&](int index) {
    const auto i = static_cast<std::size_t>(index);
    HttpClient http(base);
    const auto response = pay_order(http, orders[i], buyer);
    outcomes[i].status = response.status;
    outcomes[i].insufficient = error_code_of(response.body) == "INSUFFICIENT_BALANCE";
    return 0;
  });

  int paid = 0;
  int refused = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    BOOST_TEST(codes[i] == 0);
    if (outcomes[i].status.load() == 201) {
      ++paid;
      BOOST_TEST(order_status(api.http(), orders[i], buyer) == "PAID");
    } else if (outcomes[i].status.load() == 409 && outcomes[i].insufficient.load()) {
      ++refused;
      BOOST_TEST(order_status(api.http(), orders[i], buyer) != "PAID");
    }
  }
  BOOST_TEST(paid == 5);
  BOOST_TEST(refused == 5);
  BOOST_TEST(api.balance(buyer) == 0);

  TestDatabase db;
  BOOST_TEST(db.ledger_sum(buyer.id) == 0);
  long long payments = 0;
  model::Won lowest = -1;
  db.sql() << "SELECT count(*) FILTER (WHERE type = 'PAYMENT'), min(balance_after) FROM balance_ledger "
              "WHERE user_id = :id",
      soci::use(buyer.id), soci::into(payments), soci::into(lowest);
  BOOST_TEST(payments == 5);
  BOOST_TEST(lowest == 0);
}
