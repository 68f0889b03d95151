// API.md "Basket" under concurrency: an add is one statement with one upsert, so adds of the same product
// to one basket from several processes at once never fail and never lose quantity, and the 999 cap holds;
// adds and removals of the same lines at once keep every answer a consistent basket (each line once, 1..999,
// amounts and total adding up, the changed line there after an add and gone after a removal).
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

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

namespace {

/// Why a 200 answer of a line change is not a consistent basket after that change; empty when it is.
std::string basket_fault(const std::string& body, const std::set<model::Id>& products, model::Id changed, bool added) {
  const auto json = parse_json(body);
  const auto& items = json_array(json, "items");
  std::set<model::Id> seen;
  long long total = 0;
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    const model::Id product = json_int(items[i], "productId");
    const long long quantity = json_int(items[i], "quantity");
    if (!products.contains(product)) return "a line of another product: " + body;
    if (!seen.insert(product).second) return "a line twice: " + body;
    if (quantity < 1 || quantity > 999) return "a quantity out of 1..999: " + body;
    if (json_int(items[i], "amount") != json_int(items[i], "price") * quantity) return "a wrong amount: " + body;
    total += json_int(items[i], "amount");
  }
  if (json_int(json, "totalAmount") != total) return "a wrong total: " + body;
  if (seen.contains(changed) != added)
    return added ? "the added line missing: " + body : "the removed line there: " + body;
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(processes_adding_and_removing_the_same_lines_at_once_keep_every_basket_consistent) {
  constexpr int kRounds = 15;
  ShopApi api;
  const UserCredentials user = api.create_user(unique_name("churn"));
  // `counted` is only ever added to, 1 unit at a time: its final quantity is the number of adds answered
  // 200. `churned` lines are added 400 units at a time (the third add in a row passes 999) and removed.
  const model::Id counted = create_product(api.http(), unique_name("counted"), 10, 1);
  const model::Id churned_a = create_product(api.http(), unique_name("churned"), 20, 1);
  const model::Id churned_b = create_product(api.http(), unique_name("churned"), 30, 1);
  const std::set<model::Id> products{counted, churned_a, churned_b};
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<std::atomic<long>> counted_adds(kProcesses);
  SharedArray<std::atomic<long>> refusals(kProcesses);
  const auto codes = run_processes(kProcesses, kLimit, [&](int index) {
    HttpClient http(base);
    for (int round = 0; round < kRounds; ++round) {
      const int step = index + round;
      const model::Id churned = step % 2 == 0 ? churned_a : churned_b;
      HttpResponse response;
      model::Id changed = counted;
      bool added = true;
      switch (step % 3) {
        case 0:
          response = add_to_basket(http, user, counted, 1);
          break;
        case 1:
          changed = churned;
          response = add_to_basket(http, user, churned, 400);
          break;
        default:
          changed = churned;
          added = false;
          response = remove_from_basket(http, user, churned);
          break;
      }
      if (response.status == 400 && added && changed != counted && error_code_of(response.body) == "INVALID_REQUEST") {
        ++refusals[static_cast<std::size_t>(index)];
        continue;
      }
      if (response.status != 200) {
        std::fprintf(stderr, "status %ld: %s\n", static_cast<long>(response.status), response.body.c_str());
        return 1;
      }
      if (const std::string fault = basket_fault(response.body, products, changed, added); !fault.empty()) {
        std::fprintf(stderr, "%s\n", fault.c_str());
        return 1;
      }
      if (changed == counted) ++counted_adds[static_cast<std::size_t>(index)];
    }
    return 0;
  });
  long counted_total = 0;
  for (int i = 0; i < kProcesses; ++i) {
    BOOST_TEST(codes[static_cast<std::size_t>(i)] == 0);
    counted_total += counted_adds[static_cast<std::size_t>(i)].load();
  }
  BOOST_TEST(counted_total == kProcesses * kRounds / 3);
  // The basket read afterwards agrees with the rows, and the rows with the bounds.
  test::TestDatabase db;
  BOOST_TEST(test::basket_quantity(db.sql(), user.id, counted) == counted_total);
  BOOST_TEST(basket_fault(get_basket(api.http(), user).body, products, counted, true).empty());
  for (const model::Id churned : {churned_a, churned_b}) {
    const long long quantity = test::basket_quantity(db.sql(), user.id, churned);
    BOOST_TEST((quantity >= 0 && quantity <= 999));
    BOOST_TEST(quantity % 400 == 0);
  }
}
