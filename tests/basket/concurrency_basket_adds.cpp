// API.md "Basket" under concurrency: an add is one upsert, so adds of the same product
// to one basket from several processes at once never fail and never lose quantity, and the 999 cap holds.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/catalog_api.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr int kProcesses = 20;
constexpr auto kLimit = std::chrono::seconds(30);

/// The quantity of the basket's only line (0 when empty).
long long line_quantity(HttpClient& http, const UserCredentials& user) {
  const auto json = parse_json(get_basket(http, user).body);
  const auto& items = json_array(json, "items");
  if (items.Size() == 0) return 0;
  BOOST_TEST(items.Size() == 1u);
  return json_int(items[0], "quantity");
}

}  // namespace

BOOST_AUTO_TEST_CASE(twenty_processes_adding_the_same_product_at_once_get_the_exact_sum) {
  ShopApi api;
  const UserCredentials user = api.create_user(unique_name("crowd"));
  const model::Id product = create_product(api.http(), unique_name("popular"), 100, 1);
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<std::atomic<long>> statuses(kProcesses);
  // Process i adds i+1 units, onto a line that does not exist yet: 1 + 2 + ... + 20 = 210.
  const auto codes = run_processes(kProcesses, kLimit, [&](int index) {
    HttpClient http(base);
    statuses[static_cast<std::size_t>(index)] = add_to_basket(http, user, product, index + 1).status;
    return 0;
  });
  for (int i = 0; i < kProcesses; ++i) {
    BOOST_TEST(codes[static_cast<std::size_t>(i)] == 0);
    BOOST_TEST(statuses[static_cast<std::size_t>(i)].load() == 200);
  }
  BOOST_TEST(line_quantity(api.http(), user) == kProcesses * (kProcesses + 1) / 2);
}

BOOST_AUTO_TEST_CASE(concurrent_adds_that_would_pass_999_are_refused_exactly_past_the_cap) {
  ShopApi api;
  const UserCredentials user = api.create_user(unique_name("capped"));
  const model::Id product = create_product(api.http(), unique_name("capped"), 100, 1);
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  // 20 adds of 50 units: 19 fit (950), the 20th would make 1000.
  SharedArray<std::atomic<long>> statuses(kProcesses);
  const auto codes = run_processes(kProcesses, kLimit, [&](int index) {
    HttpClient http(base);
    statuses[static_cast<std::size_t>(index)] = add_to_basket(http, user, product, 50).status;
    return 0;
  });
  int ok = 0;
  int refused = 0;
  for (int i = 0; i < kProcesses; ++i) {
    BOOST_TEST(codes[static_cast<std::size_t>(i)] == 0);
    const long status = statuses[static_cast<std::size_t>(i)].load();
    if (status == 200) ++ok;
    if (status == 400) ++refused;
  }
  BOOST_TEST(ok == 19);
  BOOST_TEST(refused == 1);
  BOOST_TEST(line_quantity(api.http(), user) == 950);
}
