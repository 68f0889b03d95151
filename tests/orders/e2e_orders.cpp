// API.md "Orders", placing and reading, through nginx: POST /api/v1/orders (201, lines merged and by
// product id, prices of the moment, stock taken), GET /api/v1/orders/{id} (a user reads its own; the admin
// reads any, the owner checked with ?userId=),
// GET /api/v1/users/{id}/orders (newest first, paged), and every error row that applies; a refused order
// changes nothing.
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr model::Id kMissing = 9223372036854775807;

struct Product {
  model::Id id;
  std::string name;
  model::Won price;
};

struct OrdersFixture {
  ShopApi api;
  HttpClient& http = api.http();

  Product product(model::Won price = 1000, long long stock = 100) {
    const std::string name = unique_name("goods");
    return Product{create_product(http, name, price, stock), name, price};
  }
  UserCredentials user(model::Won balance = 1'000'000) {
    return create_funded_user(http, unique_name("orderer"), balance);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(orders, OrdersFixture)

BOOST_AUTO_TEST_CASE(place_answers_201_with_the_pending_order_its_lines_by_product_id_and_its_deadline) {
  const Product a = product(1000);
  const Product b = product(2500);
  const UserCredentials buyer = user();
  const auto response = place_order(http, buyer, {{b.id, 2}, {a.id, 3}});
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  check_order(parse_json(response.body), buyer.id, "PENDING", {{a.id, a.name, 1000, 3}, {b.id, b.name, 2500, 2}});
}

BOOST_AUTO_TEST_CASE(place_takes_the_stock_but_not_the_balance) {
  const Product a = product(1000, 10);
  const UserCredentials buyer = user(50'000);
  place_order_id(http, buyer, {{a.id, 4}});
  BOOST_TEST(product_stock(http, a.id) == 6);
  BOOST_TEST(api.balance(buyer) == 50'000);
}

BOOST_AUTO_TEST_CASE(lines_naming_the_same_product_are_merged) {
  const Product a = product(100, 10);
  const Product b = product(300, 10);
  const UserCredentials buyer = user();
  const auto response = place_order(http, buyer, {{a.id, 2}, {b.id, 1}, {a.id, 3}});
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_order(parse_json(response.body), buyer.id, "PENDING", {{a.id, a.name, 100, 5}, {b.id, b.name, 300, 1}});
  BOOST_TEST(product_stock(http, a.id) == 5);
}

BOOST_AUTO_TEST_CASE(get_order_answers_200_with_the_order_at_the_prices_of_the_moment) {
  const Product a = product(1000);
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{a.id, 2}});
  BOOST_TEST_REQUIRE(admin_patch_product(http, a.id, R"({"price": 5000, "name": "renamed later"})").status == 200);
  // The buyer with its own token; the admin, with and without naming the owner.
  const std::string path = order_path(order_id);
  for (const auto& [target, token] : {std::pair{path, buyer.token}, std::pair{path, admin_token()},
                                      std::pair{path + "?userId=" + std::to_string(buyer.id), admin_token()}}) {
    BOOST_TEST_CONTEXT(target << (token == buyer.token ? " as the buyer" : " as the admin")) {
      const auto response = http.get(target, {authorization(token)});
      BOOST_TEST_REQUIRE(response.status == 200, response.body);
      check_contract_headers(response);
      const auto json = parse_json(response.body);
      BOOST_TEST(check_order(json, buyer.id, "PENDING", {{a.id, a.name, 1000, 2}}) == order_id);
    }
  }
}

BOOST_AUTO_TEST_CASE(get_order_of_another_user_or_an_unknown_order_is_404_order_not_found) {
  const UserCredentials buyer = user();
  const UserCredentials other = user();
  const model::Id order_id = place_order_id(http, buyer, {{product().id, 1}});
  check_error(get_order(http, order_id, other), "ORDER_NOT_FOUND");
  check_error(http.get(order_path(order_id) + "?userId=" + std::to_string(other.id), {admin_authorization()}),
              "ORDER_NOT_FOUND");
  check_error(get_order(http, kMissing, buyer), "ORDER_NOT_FOUND");
  check_error(get_order(http, kMissing, as_admin(buyer.id)), "ORDER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(get_order_with_a_bad_order_or_user_id_is_400_naming_it) {
  const UserCredentials buyer = user(0);
  for (const char* bad : {"0", "-1", "abc", "1.5"}) {
    BOOST_TEST_CONTEXT(bad) {
      for (const std::string& token : {buyer.token, admin_token()}) {
        check_error(http.get(std::string("/api/v1/orders/") + bad, {authorization(token)}), "INVALID_REQUEST",
                    std::string("orderId"));
      }
      // Only the admin names the owner: a user's reads are its own whatever the query says.
      check_error(http.get(std::string("/api/v1/orders/1?userId=") + bad, {admin_authorization()}), "INVALID_REQUEST",
                  std::string("userId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_users_orders_are_listed_newest_first_and_paged) {
  const Product a = product(100);
  const UserCredentials buyer = user();
  const model::Id first = place_order_id(http, buyer, {{a.id, 1}});
  const model::Id second = place_order_id(http, buyer, {{a.id, 2}});
  const model::Id third = place_order_id(http, buyer, {{a.id, 3}});
  place_order_id(http, user(), {{a.id, 1}});  // someone else's

  const std::vector<std::string> token = {authorization(buyer.token)};
  auto response = http.get(user_path(buyer.id, "/orders"), token);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u);
  BOOST_TEST(json_int(json, "page") == 1);
  BOOST_TEST(json_int(json, "size") == 20);
  BOOST_TEST(json_int(json, "totalCount") == 3);
  const auto& items = json_array(json, "items");
  BOOST_TEST_REQUIRE(items.Size() == 3u);
  BOOST_TEST(check_order(items[0], buyer.id, "PENDING", {{a.id, a.name, 100, 3}}) == third);
  BOOST_TEST(check_order(items[1], buyer.id, "PENDING", {{a.id, a.name, 100, 2}}) == second);
  BOOST_TEST(check_order(items[2], buyer.id, "PENDING", {{a.id, a.name, 100, 1}}) == first);

  response = http.get(user_path(buyer.id, "/orders?page=2&size=2"), token);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  json = parse_json(response.body);
  BOOST_TEST(json_int(json, "page") == 2);
  BOOST_TEST(json_int(json, "size") == 2);
  BOOST_TEST(json_int(json, "totalCount") == 3);
  BOOST_TEST_REQUIRE(json_array(json, "items").Size() == 1u);
  BOOST_TEST(json_int(json_array(json, "items")[0], "orderId") == first);
}

BOOST_AUTO_TEST_CASE(the_order_list_refuses_bad_paging_and_unknown_or_bad_users) {
  const UserCredentials buyer = user();
  const std::vector<std::string> token = {authorization(buyer.token)};
  for (const char* bad : {"0", "101", "x"}) {
    BOOST_TEST_CONTEXT("size=" << bad) {
      check_error(http.get(user_path(buyer.id, std::string("/orders?size=") + bad), token), "INVALID_REQUEST",
                  std::string("size"));
    }
  }
  check_error(http.get(user_path(buyer.id, "/orders?page=0"), token), "INVALID_REQUEST", std::string("page"));
  BOOST_TEST(http.get(user_path(buyer.id, "/orders?size=100"), token).status == 200);
  // Only the admin may learn that a user does not exist; a user's token gets 403 (e2e_accounts).
  check_error(http.get(user_path(kMissing, "/orders"), {admin_authorization()}), "USER_NOT_FOUND");
  check_error(http.get("/api/v1/users/abc/orders", token), "INVALID_REQUEST", std::string("userId"));
}

BOOST_AUTO_TEST_CASE(fifty_lines_are_accepted) {
  std::vector<LineRequest> lines;
  std::vector<ExpectedLine> expected;
  for (int i = 0; i < 50; ++i) {
    const Product p = product(10, 5);
    lines.push_back({p.id, 1});
    expected.push_back({p.id, p.name, 10, 1});
  }
  const UserCredentials buyer = user();
  const auto response = place_order(http, buyer, lines);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_order(parse_json(response.body), buyer.id, "PENDING", expected);
}

BOOST_AUTO_TEST_CASE(a_bad_order_body_is_400_naming_the_field_and_changes_nothing) {
  const Product a = product(100, 10);
  const UserCredentials buyer = user();
  const std::string user_field = "{\"userId\":" + std::to_string(buyer.id);
  const std::string good_line = "{\"productId\":" + std::to_string(a.id) + ",\"quantity\":1}";
  const std::string product_field = "{\"productId\":" + std::to_string(a.id);
  std::string fifty_one = "[";
  for (int i = 0; i < 51; ++i) fifty_one += (i > 0 ? "," : "") + good_line;
  fifty_one += "]";

  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"userId":0,"items":[)" + good_line + "]}", "userId"},
      {"{\"userId\":\"" + std::to_string(buyer.id) + "\",\"items\":[" + good_line + "]}", "userId"},
      {"{\"userId\":" + std::to_string(buyer.id) + ".5,\"items\":[" + good_line + "]}", "userId"},
      {user_field + "}", "items"},
      {user_field + ",\"items\":[]}", "items"},
      {user_field + ",\"items\":{}}", "items"},
      {user_field + ",\"items\":" + fifty_one + "}", "items"},
      {user_field + ",\"items\":[" + good_line + ",7]}", "items[1]"},
      {user_field + ",\"items\":[" + good_line + "," + product_field + ",\"quantity\":0}]}", "items[1].quantity"},
      {user_field + ",\"items\":[" + good_line + "," + product_field + ",\"quantity\":1000}]}", "items[1].quantity"},
      {user_field + ",\"items\":[" + good_line + "," + product_field + ",\"quantity\":1.5}]}", "items[1].quantity"},
      {user_field + ",\"items\":[" + good_line + "," + product_field + ",\"quantity\":\"2\"}]}", "items[1].quantity"},
      {user_field + ",\"items\":[" + good_line + "," + product_field + "}]}", "items[1].quantity"},
      {user_field + ",\"items\":[" + good_line + R"(,{"productId":0,"quantity":1}]})", "items[1].productId"},
      {user_field + ",\"items\":[" + good_line + R"(,{"productId":"5","quantity":1}]})", "items[1].productId"},
      {user_field + ",\"items\":[" + good_line + R"(,{"quantity":1}]})", "items[1].productId"},
      {user_field + ",\"items\":[" + product_field + ",\"quantity\":500}," + product_field + ",\"quantity\":500}]}",
       "items"},
  };
  // Each with the buyer's own token and with the admin's, which must name the user.
  for (const std::string& token : {buyer.token, admin_token()}) {
    for (const auto& [body, field] : cases) {
      BOOST_TEST_CONTEXT(body) {
        check_error(http.post("/api/v1/orders", body, {authorization(token)}), "INVALID_REQUEST", field);
      }
    }
    BOOST_TEST_CONTEXT("not JSON") {
      check_error(http.post("/api/v1/orders", "{\"userId\":", {authorization(token)}), "INVALID_REQUEST");
    }
  }
  check_error(http.post("/api/v1/orders", R"({"items":[)" + good_line + "]}", {admin_authorization()}),
              "INVALID_REQUEST", std::string("userId"));
  BOOST_TEST(product_stock(http, a.id) == 10);
  BOOST_TEST(order_count(http, buyer) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_user_is_404_user_not_found_and_takes_no_stock) {
  const Product a = product(100, 10);
  // Only the admin may learn that a user does not exist; a user's token gets 403 (e2e_accounts).
  check_error(place_order(http, as_admin(kMissing), {{a.id, 2}}), "USER_NOT_FOUND");
  BOOST_TEST(product_stock(http, a.id) == 10);
}

BOOST_AUTO_TEST_CASE(an_unknown_product_is_404_product_not_found_and_changes_nothing) {
  const Product a = product(100, 10);
  const UserCredentials buyer = user();
  check_error(place_order(http, buyer, {{a.id, 2}, {kMissing, 1}}), "PRODUCT_NOT_FOUND");
  BOOST_TEST(product_stock(http, a.id) == 10);
  BOOST_TEST(order_count(http, buyer) == 0);
}

BOOST_AUTO_TEST_CASE(more_than_the_stock_on_any_line_is_409_out_of_stock_and_changes_nothing) {
  const Product a = product(100, 10);
  const Product b = product(100, 1);
  const UserCredentials buyer = user();
  check_error(place_order(http, buyer, {{a.id, 2}, {b.id, 2}}), "OUT_OF_STOCK");
  BOOST_TEST(product_stock(http, a.id) == 10);
  BOOST_TEST(product_stock(http, b.id) == 1);
  BOOST_TEST(order_count(http, buyer) == 0);
  BOOST_TEST(place_order(http, buyer, {{a.id, 2}, {b.id, 1}}).status == 201);
}

BOOST_AUTO_TEST_CASE(a_total_above_the_balance_is_409_insufficient_balance_and_changes_nothing) {
  const Product a = product(1000, 10);
  const UserCredentials buyer = user(2999);
  check_error(place_order(http, buyer, {{a.id, 3}}), "INSUFFICIENT_BALANCE");
  BOOST_TEST(product_stock(http, a.id) == 10);
  BOOST_TEST(order_count(http, buyer) == 0);
  BOOST_TEST(api.balance(buyer) == 2999);
  BOOST_TEST(place_order(http, buyer, {{a.id, 2}}).status == 201);
}

BOOST_AUTO_TEST_SUITE_END()
