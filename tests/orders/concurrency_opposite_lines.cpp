// Multi-line orders naming the same products in opposite orders, placed at once
// by several processes (and each cancelled or paid right away, which gives stock back or counts the sales),
// never deadlock each other: every answer is a success, PostgreSQL detects no deadlock meanwhile (the model
// retries deadlocks, which would hide them from clients), and stock + units held = start for each product.
#include <algorithm>
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
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr int kProcesses = 16;
constexpr int kOrdersPerProcess = 25;
constexpr long long kStartStock = 100'000;

struct Counters {
  std::atomic<long> successes;
  std::atomic<long> failures;
};

}  // namespace

BOOST_AUTO_TEST_CASE(orders_naming_the_same_products_in_opposite_orders_never_deadlock) {
  ShopApi api;
  std::vector<model::Id> products;
  for (int i = 0; i < 4; ++i) products.push_back(create_product(api.http(), unique_name("crossed"), 1, kStartStock));
  std::vector<UserCredentials> users;
  for (int i = 0; i < kProcesses; ++i)
    users.push_back(create_funded_user(api.http(), unique_name("crossing"), 100'000));
  const std::string base = require_env("SHOP_TEST_BASE_URL");
  TestDatabase db;
  const long long deadlocks_before = deadlocks_detected(db.sql());

  SharedArray<Counters> counters(1);
  const auto codes = run_processes(kProcesses, std::chrono::seconds(90), [&](int index) {
    HttpClient http(base);
    const UserCredentials& user = users[static_cast<std::size_t>(index)];
    std::vector<LineRequest> lines;
    for (const model::Id product : products) lines.push_back({product, 1 + index % 3});
    if (index % 2 == 1) std::reverse(lines.begin(), lines.end());
    for (int n = 0; n < kOrdersPerProcess; ++n) {
      const auto placed = place_order(http, user, lines);
      if (placed.status != 201) {
        ++counters[0].failures;
        std::fprintf(stderr, "child %d: order %ld %s\n", index, placed.status, placed.body.c_str());
        continue;
      }
      const model::Id order_id = json_int(parse_json(placed.body), "orderId");
      const auto closed = n % 2 == 0 ? cancel_order(http, order_id, user) : pay_order(http, order_id, user);
      if (closed.status == 200 || closed.status == 201) {
        ++counters[0].successes;
      } else {
        ++counters[0].failures;
        std::fprintf(stderr, "child %d: close %ld %s\n", index, closed.status, closed.body.c_str());
      }
    }
    return 0;
  });

  for (std::size_t i = 0; i < codes.size(); ++i) BOOST_TEST(codes[i] == 0);
  BOOST_TEST(counters[0].failures.load() == 0);
  BOOST_TEST(counters[0].successes.load() == kProcesses * kOrdersPerProcess);
  for (const model::Id product : products) {
    BOOST_TEST(stock_and_held_units(db.sql(), product) == kStartStock);
  }

  // Backends report their statistics when they go idle, at most once a second: wait a little, then have
  // every worker answer a request so that a deadlock one of them saw gets counted.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  run_processes(8, std::chrono::seconds(30), [&](int) {
    HttpClient http(base);
    for (int i = 0; i < 10; ++i) http.get(product_path(products[0]));
    return 0;
  });
  long long deadlocks_after = deadlocks_before;
  wait_until(std::chrono::milliseconds(1500), [&] {
    deadlocks_after = deadlocks_detected(db.sql());
    return deadlocks_after != deadlocks_before;
  });
  BOOST_TEST(deadlocks_after == deadlocks_before);
}
