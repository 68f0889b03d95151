// API.md "Products and ranking", the top-N, through nginx: GET /api/v1/products/top (defaults days=7,
// limit=5; days 1..30, limit 1..50) lists the units of PAID orders, most sold first, ties by productId, with
// ranks from 1 and the products' current fields; unpaid and cancelled orders do not count. The list may be
// up to 1 s old (a cache), so assertions after a payment poll for a few seconds.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr auto kCacheSlack = std::chrono::seconds(3);

struct Ranked {
  model::Id product_id;
  long long sold;
};

struct TopFixture {
  ShopApi api;
  HttpClient& http = api.http();

  /// More units than any product has sold on any day or days so far (read from the ranking table).
  static long long above_every_product() {
    TestDatabase db;
    long long most = 0;
    db.sql() << "SELECT coalesce(max(sold), 0)::bigint FROM "
                "(SELECT sum(quantity) AS sold FROM product_daily_sales GROUP BY product_id) s",
        soci::into(most);
    return most + 1;
  }

  /// Orders (and pays, when `pay`) `units[i]` of `products[i]` for free (price 0), 999 a line at most.
  void buy(const UserCredentials& buyer, const std::vector<model::Id>& products, const std::vector<long long>& units,
           bool pay) {
    std::vector<long long> left = units;
    while (std::any_of(left.begin(), left.end(), [](long long n) { return n > 0; })) {
      std::vector<LineRequest> lines;
      for (std::size_t i = 0; i < products.size(); ++i) {
        const long long now = std::min<long long>(left[i], 999);
        if (now > 0) lines.push_back({products[i], now});
        left[i] -= now;
      }
      const model::Id order_id = place_order_id(http, buyer, lines);
      if (pay) BOOST_TEST_REQUIRE(pay_order(http, order_id, buyer).status == 201);
    }
  }

  std::vector<Ranked> ranking(const std::string& query) {
    const auto response = http.get("/api/v1/products/top" + query);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    std::vector<Ranked> items;
    const auto json = parse_json(response.body);
    for (const auto& item : json_array(json, "items").GetArray()) {
      items.push_back({json_int(item, "productId"), json_int(item, "soldQuantity")});
    }
    return items;
  }
};

bool same(const std::vector<Ranked>& a, const std::vector<Ranked>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const Ranked& x, const Ranked& y) {
           return x.product_id == y.product_id && x.sold == y.sold;
         });
}

std::string describe(const std::vector<Ranked>& items) {
  std::string text;
  for (const auto& item : items) text += std::to_string(item.product_id) + ":" + std::to_string(item.sold) + " ";
  return text;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(top, TopFixture)

BOOST_AUTO_TEST_CASE(the_defaults_are_7_days_and_at_most_5_products_in_rank_order) {
  const auto response = http.get("/api/v1/products/top");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 2u);
  BOOST_TEST(json_int(json, "days") == 7);
  const auto& items = json_array(json, "items");
  BOOST_TEST(items.Size() <= 5u);
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    BOOST_TEST(items[i].MemberCount() == 6u);
    BOOST_TEST(json_int(items[i], "rank") == static_cast<long long>(i) + 1);
    BOOST_TEST(json_int(items[i], "soldQuantity") > 0);
    BOOST_TEST(!json_string(items[i], "name").empty());
    BOOST_TEST(json_int(items[i], "price") >= 0);
    BOOST_TEST(json_int(items[i], "stock") >= 0);
    if (i > 0) {
      const long long before = json_int(items[i - 1], "soldQuantity");
      const long long here = json_int(items[i], "soldQuantity");
      BOOST_TEST(before >= here);
      if (before == here) BOOST_TEST(json_int(items[i - 1], "productId") < json_int(items[i], "productId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(days_and_limit_out_of_bounds_are_400_naming_them) {
  for (const char* bad : {"0", "31", "-1", "abc", "1.5", ""}) {
    BOOST_TEST_CONTEXT("days=" << bad) {
      check_error(http.get(std::string("/api/v1/products/top?days=") + bad), "INVALID_REQUEST", std::string("days"));
    }
  }
  for (const char* bad : {"0", "51", "-5", "x"}) {
    BOOST_TEST_CONTEXT("limit=" << bad) {
      check_error(http.get(std::string("/api/v1/products/top?limit=") + bad), "INVALID_REQUEST", std::string("limit"));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_bounds_themselves_are_accepted_and_days_is_echoed) {
  struct Case {
    const char* query;
    long long days;
    rapidjson::SizeType most;
  };
  for (const Case& c : {Case{"?days=1&limit=1", 1, 1}, Case{"?days=30&limit=50", 30, 50}, Case{"?days=15", 15, 5}}) {
    BOOST_TEST_CONTEXT(c.query) {
      const auto response = http.get(std::string("/api/v1/products/top") + c.query);
      BOOST_TEST_REQUIRE(response.status == 200, response.body);
      const auto json = parse_json(response.body);
      BOOST_TEST(json_int(json, "days") == c.days);
      BOOST_TEST(json_array(json, "items").Size() <= c.most);
    }
  }
}

BOOST_AUTO_TEST_CASE(paid_orders_put_the_best_sellers_on_top_ties_by_product_id) {
  const model::Id first = create_product(http, unique_name("best"), 0, 1'000'000);
  const model::Id tie_low = create_product(http, unique_name("tie"), 0, 1'000'000);
  const model::Id tie_high = create_product(http, unique_name("tie"), 0, 1'000'000);
  const UserCredentials buyer = create_funded_user(http, unique_name("fan"), 0);
  const long long base = above_every_product();
  // Paid in the order that would put them the wrong way round if arrival counted.
  buy(buyer, {tie_high, tie_low, first}, {base, base, base + 2}, true);

  const std::vector<Ranked> expected = {{first, base + 2}, {tie_low, base}, {tie_high, base}};
  std::vector<Ranked> seen;
  wait_until(kCacheSlack, [&] {
    seen = ranking("?days=7&limit=3");
    return same(seen, expected);
  });
  BOOST_TEST(same(seen, expected), describe(seen));

  // The defaults (days=7, limit=5) show them too, first, with their current stock; that list has a cache
  // entry of its own, so it is polled as well.
  rapidjson::Document json;
  wait_until(kCacheSlack, [&] {
    json = parse_json(http.get("/api/v1/products/top").body);
    const auto& items = json_array(json, "items");
    return items.Size() >= 3u && json_int(items[0], "productId") == first &&
           json_int(items[2], "productId") == tie_high;
  });
  const auto& items = json_array(json, "items");
  BOOST_TEST_REQUIRE(items.Size() >= 3u);
  BOOST_TEST(json_int(items[0], "productId") == first);
  BOOST_TEST(json_int(items[0], "rank") == 1);
  BOOST_TEST(json_int(items[0], "soldQuantity") == base + 2);
  BOOST_TEST(json_int(items[0], "stock") == 1'000'000 - (base + 2));
  BOOST_TEST(json_int(items[0], "price") == 0);
  BOOST_TEST(json_int(items[1], "productId") == tie_low);
  BOOST_TEST(json_int(items[2], "productId") == tie_high);
  BOOST_TEST(json_int(items[2], "rank") == 3);
}

BOOST_AUTO_TEST_CASE(unpaid_and_cancelled_orders_do_not_count) {
  const model::Id unpaid = create_product(http, unique_name("unpaid"), 0, 1'000'000);
  const model::Id cancelled = create_product(http, unique_name("cancelled"), 0, 1'000'000);
  const model::Id paid = create_product(http, unique_name("paid"), 0, 1'000'000);
  const UserCredentials buyer = create_funded_user(http, unique_name("undecided"), 0);
  // Counted, the unpaid and cancelled units would top the list.
  const long long base = above_every_product();
  buy(buyer, {unpaid}, {base + 10}, false);
  const model::Id order_id = place_order_id(http, buyer, {{cancelled, 999}});
  BOOST_TEST_REQUIRE(cancel_order(http, order_id, buyer).status == 200);
  buy(buyer, {paid}, {base}, true);

  std::vector<Ranked> seen;
  wait_until(kCacheSlack, [&] {
    seen = ranking("?days=30&limit=50");
    return !seen.empty() && seen[0].product_id == paid;
  });
  BOOST_TEST_REQUIRE(!seen.empty());
  BOOST_TEST(seen[0].product_id == paid, describe(seen));
  BOOST_TEST(seen[0].sold == base);
  for (const auto& item : seen) {
    BOOST_TEST(item.product_id != unpaid);
    BOOST_TEST(item.product_id != cancelled);
  }
}

BOOST_AUTO_TEST_CASE(another_payment_adds_to_the_units_already_counted) {
  const model::Id product = create_product(http, unique_name("again"), 0, 1'000'000);
  const UserCredentials buyer = create_funded_user(http, unique_name("returning"), 0);
  const long long base = above_every_product();
  buy(buyer, {product}, {base}, true);
  buy(buyer, {product}, {7}, true);
  std::vector<Ranked> seen;
  wait_until(kCacheSlack, [&] {
    seen = ranking("?limit=1");
    return !seen.empty() && seen[0].product_id == product && seen[0].sold == base + 7;
  });
  BOOST_TEST_REQUIRE(!seen.empty());
  BOOST_TEST(seen[0].product_id == product, describe(seen));
  BOOST_TEST(seen[0].sold == base + 7);
}

BOOST_AUTO_TEST_SUITE_END()
