// API.md "Products and ranking", the admin's stockDelta under concurrency: operators adding units by
// PATCH {"stockDelta": 1} while buyers order (taking units), pay, and cancel (giving units back), each in its
// own process. Each delta applies to the stock as it is when its update runs, so none overwrites another
// or an order's change: the stock ends at the initial units plus every delta minus the units of paid orders.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/catalog_api.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr int kRestockers = 10;
constexpr int kDeltasEach = 10;
constexpr int kBuyers = 20;
constexpr long long kInitialStock = 1000;

// The units of buyer i's two orders: the first is paid, the second cancelled.
long long paid_units(int buyer) {
  return buyer % 3 + 1;
}
long long cancelled_units(int buyer) {
  return buyer % 2 + 1;
}

// Holds every process until all have started, so that their requests overlap (forks take a while).
void start_together(std::atomic<int>& started, int count) {
  ++started;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (started.load() < count && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
}

struct Outcome {
  std::atomic<int> deltas_applied;
  std::atomic<bool> paid;
  std::atomic<bool> cancelled;
};

}  // namespace

BOOST_AUTO_TEST_CASE(stock_deltas_racing_orders_and_cancels_are_all_kept) {
  ShopApi api;
  const model::Id product = create_product(api.http(), unique_name("restocked"), 100, kInitialStock);
  std::vector<UserCredentials> buyers;
  for (int i = 0; i < kBuyers; ++i) buyers.push_back(create_funded_user(api.http(), unique_name("buyer"), 1000));
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<Outcome> outcomes(kRestockers + kBuyers);
  SharedArray<std::atomic<int>> started(1);
  const auto codes = run_processes(kRestockers + kBuyers, std::chrono::seconds(60), [&](int index) {
    const auto i = static_cast<std::size_t>(index);
    HttpClient http(base);
    start_together(started[0], kRestockers + kBuyers);
    if (index < kRestockers) {
      for (int n = 0; n < kDeltasEach; ++n) {
        if (admin_patch_product(http, product, R"({"stockDelta": 1})").status == 200) ++outcomes[i].deltas_applied;
      }
      return 0;
    }
    const int buyer = index - kRestockers;
    const UserCredentials& user = buyers[static_cast<std::size_t>(buyer)];
    const model::Id kept = place_order_id(http, user, {{product, paid_units(buyer)}});
    const model::Id dropped = place_order_id(http, user, {{product, cancelled_units(buyer)}});
    outcomes[i].paid = pay_order(http, kept, user).status == 201;
    outcomes[i].cancelled = cancel_order(http, dropped, user).status == 200;
    return 0;
  });

  long long added = 0;
  long long ordered = 0;
  for (int index = 0; index < kRestockers + kBuyers; ++index) {
    const auto i = static_cast<std::size_t>(index);
    BOOST_TEST_CONTEXT("process " << index) {
      BOOST_TEST(codes[i] == 0);
      if (index < kRestockers) {
        BOOST_TEST(outcomes[i].deltas_applied.load() == kDeltasEach);
        added += outcomes[i].deltas_applied.load();
      } else {
        BOOST_TEST(outcomes[i].paid.load());
        BOOST_TEST(outcomes[i].cancelled.load());
        ordered += paid_units(index - kRestockers);
      }
    }
  }
  BOOST_TEST(added == kRestockers * kDeltasEach);
  BOOST_TEST(product_stock(api.http(), product) == kInitialStock + added - ordered);
  TestDatabase db;
  BOOST_TEST(held_units(db.sql(), product) == ordered);
}
