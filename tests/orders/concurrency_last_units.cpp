// 40 buyers at once, 10 units in stock, one unit each, each in its own process: exactly
// 10 orders are placed (201), the 30 others are 409 OUT_OF_STOCK, and the stock ends at 0 (each buyer pays at
// once, so that no order expires and hands its unit to a late buyer).
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

constexpr int kBuyers = 40;
constexpr long long kStock = 10;

struct Outcome {
  std::atomic<long> order_status;
  std::atomic<bool> out_of_stock;
  std::atomic<long> pay_status;
};

}  // namespace

BOOST_AUTO_TEST_CASE(forty_buyers_of_ten_units_get_exactly_ten_orders_and_thirty_out_of_stock) {
  ShopApi api;
  const model::Id product = create_product(api.http(), unique_name("last units"), 100, kStock);
  std::vector<UserCredentials> buyers;
  for (int i = 0; i < kBuyers; ++i) buyers.push_back(create_funded_user(api.http(), unique_name("buyer"), 1000));
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<Outcome> outcomes(kBuyers);
  const auto codes = run_processes(kBuyers, std::chrono::seconds(60), [&](int index) {
    const auto i = static_cast<std::size_t>(index);
    HttpClient http(base);
    const auto placed = place_order(http, buyers[i], {{product, 1}});
    outcomes[i].order_status = placed.status;
    outcomes[i].out_of_stock = error_code_of(placed.body) == "OUT_OF_STOCK";
    if (placed.status == 201) {
      const model::Id order_id = json_int(parse_json(placed.body), "orderId");
      outcomes[i].pay_status = pay_order(http, order_id, buyers[i]).status;
    }
    return 0;
  });

  int placed = 0;
  int out_of_stock = 0;
  int paid = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    BOOST_TEST(codes[i] == 0);
    const long status = outcomes[i].order_status.load();
    if (status == 201) ++placed;
    if (status == 409 && outcomes[i].out_of_stock.load()) ++out_of_stock;
    if (outcomes[i].pay_status.load() == 201) ++paid;
  }
  BOOST_TEST(placed == kStock);
  BOOST_TEST(out_of_stock == kBuyers - kStock);
  BOOST_TEST(paid == kStock);
  BOOST_TEST(product_stock(api.http(), product) == 0);
  TestDatabase db;
  BOOST_TEST(held_units(db.sql(), product) == kStock);
}
