// API.md "Basket" (all but checkout, which tests/orders covers), through nginx: get, add (adds to an
// existing line), set (0 removes), delete (an absent line of a known product is fine), lines in first-added
// order at current prices, quantities within 1..999, and every error row that applies.
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr model::Id kMissing = 9223372036854775807;

struct Line {
  model::Id product_id;
  long long quantity;
  model::Won price;
};

struct BasketFixture {
  ShopApi api;
  HttpClient& http = api.http();
  const UserCredentials user = api.create_user(unique_name("basket"));

  model::Id product(model::Won price = 1000, long long stock = 100) {
    return create_product(http, unique_name("item"), price, stock);
  }

  /// GET the basket; it must answer 200.
  rapidjson::Document basket() {
    const auto response = get_basket(http, user);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    return parse_json(response.body);
  }
};

/// A basket body of the contract: exactly userId, items, totalAmount; each item exactly productId, name,
/// price, quantity, amount; the lines given in that order; the total their sum.
void check_basket(const std::string& body, const UserCredentials& user, const std::vector<Line>& lines) {
  const auto json = parse_json(body);
  BOOST_TEST(json.MemberCount() == 3u, body);
  BOOST_TEST(json_int(json, "userId") == user.id);
  const auto& items = json_array(json, "items");
  BOOST_TEST_REQUIRE(items.Size() == lines.size(), body);
  model::Won total = 0;
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    BOOST_TEST(items[i].MemberCount() == 5u);
    BOOST_TEST(json_int(items[i], "productId") == lines[i].product_id);
    BOOST_TEST(!json_string(items[i], "name").empty());
    BOOST_TEST(json_int(items[i], "price") == lines[i].price);
    BOOST_TEST(json_int(items[i], "quantity") == lines[i].quantity);
    BOOST_TEST(json_int(items[i], "amount") == lines[i].price * lines[i].quantity);
    total += lines[i].price * lines[i].quantity;
  }
  BOOST_TEST(json_int(json, "totalAmount") == total);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(basket, BasketFixture)

BOOST_AUTO_TEST_CASE(a_new_users_basket_is_empty) {
  const auto response = get_basket(http, user);
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  check_basket(response.body, user, {});
}

BOOST_AUTO_TEST_CASE(add_answers_200_with_the_basket_and_adds_to_an_existing_line) {
  const model::Id p = product(1500);
  auto response = add_to_basket(http, user, p, 2);
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  check_basket(response.body, user, {{p, 2, 1500}});
  response = add_to_basket(http, user, p, 3);
  BOOST_TEST(response.status == 200);
  check_basket(response.body, user, {{p, 5, 1500}});
  check_basket(get_basket(http, user).body, user, {{p, 5, 1500}});
}

BOOST_AUTO_TEST_CASE(the_line_names_the_product) {
  const std::string name = unique_name("named");
  const model::Id p = create_product(http, name, 10, 10);
  const auto json = parse_json(add_to_basket(http, user, p, 1).body);
  BOOST_TEST(json_string(json_array(json, "items")[0], "name") == name);
}

BOOST_AUTO_TEST_CASE(put_sets_the_quantity_creating_the_line_if_needed) {
  const model::Id p = product(100);
  auto response = set_in_basket(http, user, p, 7);
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  check_basket(response.body, user, {{p, 7, 100}});
  response = set_in_basket(http, user, p, 999);
  check_basket(response.body, user, {{p, 999, 100}});
  response = set_in_basket(http, user, p, 1);
  check_basket(response.body, user, {{p, 1, 100}});
}

BOOST_AUTO_TEST_CASE(put_0_removes_the_line) {
  const model::Id p = product(100);
  const model::Id q = product(200);
  add_to_basket(http, user, p, 2);
  add_to_basket(http, user, q, 1);
  const auto response = set_in_basket(http, user, p, 0);
  BOOST_TEST(response.status == 200);
  check_basket(response.body, user, {{q, 1, 200}});
}

BOOST_AUTO_TEST_CASE(delete_removes_the_line_and_deleting_an_absent_line_is_200) {
  const model::Id p = product(100);
  const model::Id q = product(200);
  add_to_basket(http, user, p, 2);
  add_to_basket(http, user, q, 1);
  auto response = remove_from_basket(http, user, p);
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  check_basket(response.body, user, {{q, 1, 200}});
  response = remove_from_basket(http, user, p);
  BOOST_TEST(response.status == 200);
  check_basket(response.body, user, {{q, 1, 200}});
}

BOOST_AUTO_TEST_CASE(lines_stay_in_first_added_order_at_the_products_current_prices) {
  const model::Id a = product(100);
  const model::Id b = product(200);
  const model::Id c = product(300);
  add_to_basket(http, user, b, 1);
  add_to_basket(http, user, c, 1);
  add_to_basket(http, user, a, 1);
  add_to_basket(http, user, b, 2);  // adding to b keeps it first
  set_in_basket(http, user, c, 5);  // setting c keeps it second
  BOOST_TEST_REQUIRE(admin_patch_product(http, c, R"({"price": 310})").status == 200);
  check_basket(get_basket(http, user).body, user, {{b, 3, 200}, {c, 5, 310}, {a, 1, 100}});
}

BOOST_AUTO_TEST_CASE(a_basket_reserves_no_stock) {
  const model::Id p = product(100, 3);
  BOOST_TEST(add_to_basket(http, user, p, 2).status == 200);
  BOOST_TEST(product_stock(http, p) == 3);
}

BOOST_AUTO_TEST_CASE(an_add_past_999_is_400_naming_quantity_and_leaves_the_line_as_it_was) {
  const model::Id p = product(10);
  BOOST_TEST(add_to_basket(http, user, p, 995).status == 200);
  check_error(add_to_basket(http, user, p, 5), "INVALID_REQUEST", std::string("quantity"));
  check_basket(get_basket(http, user).body, user, {{p, 995, 10}});
  BOOST_TEST(add_to_basket(http, user, p, 4).status == 200);
  check_basket(get_basket(http, user).body, user, {{p, 999, 10}});
}

BOOST_AUTO_TEST_CASE(an_add_with_a_bad_quantity_is_400_naming_quantity_and_changes_nothing) {
  const model::Id p = product();
  const std::string path = user_path(user.id, "/basket/items");
  const std::vector<std::string> token = {authorization(user.token)};
  const std::string product_field = "{\"productId\":" + std::to_string(p);
  for (const char* bad : {"0", "1000", "-1", "1.5", "\"2\"", "null", "true", "[1]"}) {
    BOOST_TEST_CONTEXT("quantity " << bad) {
      check_error(http.post(path, product_field + ",\"quantity\":" + bad + "}", token), "INVALID_REQUEST",
                  std::string("quantity"));
    }
  }
  check_error(http.post(path, product_field + "}", token), "INVALID_REQUEST", std::string("quantity"));
  check_basket(get_basket(http, user).body, user, {});
}

BOOST_AUTO_TEST_CASE(an_add_with_a_bad_product_id_is_400_naming_product_id) {
  const std::string path = user_path(user.id, "/basket/items");
  const std::vector<std::string> token = {authorization(user.token)};
  for (const char* bad : {"0", "-1", "1.5", "\"5\"", "null"}) {
    BOOST_TEST_CONTEXT("productId " << bad) {
      check_error(http.post(path, std::string("{\"productId\":") + bad + ",\"quantity\":1}", token), "INVALID_REQUEST",
                  std::string("productId"));
    }
  }
  check_error(http.post(path, R"({"quantity":1})", token), "INVALID_REQUEST", std::string("productId"));
  check_error(http.post(path, "{\"productId\":1,", token), "INVALID_REQUEST");
}

BOOST_AUTO_TEST_CASE(a_put_with_a_bad_quantity_is_400_naming_quantity_and_changes_nothing) {
  const model::Id p = product(10);
  add_to_basket(http, user, p, 3);
  const std::vector<std::string> token = {authorization(user.token)};
  for (const char* bad : {"-1", "1000", "1.5", "\"2\"", "null"}) {
    BOOST_TEST_CONTEXT("quantity " << bad) {
      check_error(http.send("PUT", basket_item_path(user.id, p), std::string("{\"quantity\":") + bad + "}", token),
                  "INVALID_REQUEST", std::string("quantity"));
    }
  }
  check_error(http.send("PUT", basket_item_path(user.id, p), "{}", token), "INVALID_REQUEST", std::string("quantity"));
  check_basket(get_basket(http, user).body, user, {{p, 3, 10}});
}

BOOST_AUTO_TEST_CASE(a_bad_user_or_product_id_in_the_path_is_400_naming_it) {
  const model::Id p = product();
  const std::vector<std::string> token = {authorization(user.token)};
  for (const char* bad : {"0", "-1", "abc", "1.5", "99999999999999999999"}) {
    BOOST_TEST_CONTEXT("id " << bad) {
      const std::string users = std::string("/api/v1/users/") + bad;
      check_error(http.get(users + "/basket", token), "INVALID_REQUEST", std::string("userId"));
      check_error(http.post(users + "/basket/items", "{\"productId\":" + std::to_string(p) + ",\"quantity\":1}", token),
                  "INVALID_REQUEST", std::string("userId"));
      check_error(http.send("PUT", users + "/basket/items/" + std::to_string(p), R"({"quantity":1})", token),
                  "INVALID_REQUEST", std::string("userId"));
      check_error(http.send("DELETE", users + "/basket/items/" + std::to_string(p), std::nullopt, token),
                  "INVALID_REQUEST", std::string("userId"));
      const std::string items = user_path(user.id, "/basket/items/") + bad;
      check_error(http.send("PUT", items, R"({"quantity":1})", token), "INVALID_REQUEST", std::string("productId"));
      check_error(http.send("DELETE", items, std::nullopt, token), "INVALID_REQUEST", std::string("productId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_basket_call_of_an_unknown_user_is_404_user_not_found) {
  // Only the admin may learn that a user does not exist; a user's token gets 403 (e2e_accounts).
  const model::Id p = product();
  const UserCredentials missing = as_admin(kMissing);
  check_error(get_basket(http, missing), "USER_NOT_FOUND");
  check_error(add_to_basket(http, missing, p, 1), "USER_NOT_FOUND");
  check_error(set_in_basket(http, missing, p, 1), "USER_NOT_FOUND");
  check_error(set_in_basket(http, missing, p, 0), "USER_NOT_FOUND");
  check_error(remove_from_basket(http, missing, p), "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(every_line_change_of_an_unknown_product_is_404_product_not_found) {
  check_error(add_to_basket(http, user, kMissing, 1), "PRODUCT_NOT_FOUND");
  check_error(set_in_basket(http, user, kMissing, 2), "PRODUCT_NOT_FOUND");
  check_error(set_in_basket(http, user, kMissing, 0), "PRODUCT_NOT_FOUND");
  check_error(remove_from_basket(http, user, kMissing), "PRODUCT_NOT_FOUND");
  check_basket(get_basket(http, user).body, user, {});
}

// The add and the removal check the token inside their one statement: a token that is no live session, or
// another user's, still learns nothing else (no 400 for the body or the path, no 404), and changes nothing.
BOOST_AUTO_TEST_CASE(an_add_or_removal_with_a_token_not_the_users_is_401_or_403_before_any_400_or_404) {
  const model::Id p = product();
  BOOST_TEST_REQUIRE(add_to_basket(http, user, p, 2).status == 200);
  const UserCredentials unknown{user.id, "not-a-session"};
  const UserCredentials other{user.id, api.create_user(unique_name("other")).token};
  for (const auto& [caller, code] : {std::pair{unknown, "UNAUTHORIZED"}, std::pair{other, "FORBIDDEN"}}) {
    check_error(add_to_basket(http, caller, p, 1), code);
    check_error(add_to_basket(http, caller, p, 998), code);
    check_error(add_to_basket(http, caller, p, 0), code);
    check_error(add_to_basket(http, caller, kMissing, 1), code);
    check_error(remove_from_basket(http, caller, p), code);
    check_error(remove_from_basket(http, caller, kMissing), code);
    check_error(
        http.send("DELETE", user_path(user.id, "/basket/items/abc"), std::nullopt, {authorization(caller.token)}),
        code);
    check_error(remove_from_basket(http, UserCredentials{kMissing, caller.token}, p), code);
  }
  check_basket(get_basket(http, user).body, user, {{p, 2, 1000}});
}

BOOST_AUTO_TEST_SUITE_END()
