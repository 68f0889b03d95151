// API.md "Products and ranking", the admin side, through nginx: POST /api/v1/admin/products and
// PATCH /api/v1/admin/products/{id} need "Authorization: Bearer $SHOP_ADMIN_TOKEN" (else 401 with the JSON
// error body, before anything else is looked at), create and partly update products, change the stock by a
// relative stockDelta (never below 0: 409 OUT_OF_STOCK), and refuse values outside the contract's bounds.
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

struct AdminFixture {
  ShopApi api;
  HttpClient& http = api.http();
  const std::string token = require_env("SHOP_TEST_ADMIN_TOKEN");

  std::string valid_body() const {
    return "{\"name\":" + json_quote(unique_name("admin")) + ",\"price\":100,\"stock\":1}";
  }

  HttpResponse create_with(const std::vector<std::string>& headers, const std::string& body) {
    return http.send("POST", "/api/v1/admin/products", body, headers);
  }
  HttpResponse patch_with(model::Id id, const std::vector<std::string>& headers, const std::string& body) {
    return http.send("PATCH", "/api/v1/admin/products/" + std::to_string(id), body, headers);
  }

  /// Authorization headers that are not the admin's token.
  std::vector<std::vector<std::string>> wrong_authorizations() const {
    return {{},
            {"Authorization: Bearer "},
            {"Authorization: Bearer wrong-token"},
            {"Authorization: Bearer " + token + "x"},
            {"Authorization: Bearer " + token.substr(0, token.size() - 1)},
            {"Authorization: Basic " + token},
            {"Authorization: " + token},
            {"X-Admin-Token: " + token}};
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(admin_products, AdminFixture)

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_new_product_which_can_then_be_read) {
  const std::string name = unique_name("new product");
  const auto response = admin_create_product(
      http, "{\"name\":" + json_quote(name) + ",\"price\":12000,\"stock\":30,\"unknownField\":true}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u);
  const model::Id id = json_int(json, "id");
  BOOST_TEST(id > 0);
  BOOST_TEST(json_string(json, "name") == name);
  BOOST_TEST(json_int(json, "price") == 12000);
  BOOST_TEST(json_int(json, "stock") == 30);
  const auto read = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_string(read, "name") == name);
  BOOST_TEST(json_int(read, "stock") == 30);
}

BOOST_AUTO_TEST_CASE(create_accepts_the_bounds_of_price_and_stock) {
  for (const char* values : {R"("price":0,"stock":0)", R"("price":1000000000,"stock":1000000000)"}) {
    BOOST_TEST_CONTEXT(values) {
      const auto response =
          admin_create_product(http, "{\"name\":" + json_quote(unique_name("bounds")) + "," + values + "}");
      BOOST_TEST(response.status == 201, response.body);
    }
  }
}

BOOST_AUTO_TEST_CASE(create_without_the_right_bearer_token_is_401_unauthorized_and_creates_nothing) {
  const std::string name = unique_name("intruder");
  const std::string body = "{\"name\":" + json_quote(name) + ",\"price\":1,\"stock\":1}";
  const long long before = json_int(parse_json(http.get("/api/v1/products?size=1").body), "totalCount");
  for (const auto& headers : wrong_authorizations()) {
    BOOST_TEST_CONTEXT((headers.empty() ? std::string("no header") : headers[0])) {
      check_error(create_with(headers, body), "UNAUTHORIZED");
    }
  }
  const long long after = json_int(parse_json(http.get("/api/v1/products?size=1").body), "totalCount");
  BOOST_TEST(after == before);
}

BOOST_AUTO_TEST_CASE(the_token_is_checked_before_the_body) {
  check_error(create_with({}, "not json"), "UNAUTHORIZED");
  check_error(create_with({"Authorization: Bearer nope"}, R"({"price": -1})"), "UNAUTHORIZED");
  check_error(patch_with(1, {}, "{}"), "UNAUTHORIZED");
}

BOOST_AUTO_TEST_CASE(patch_without_the_right_bearer_token_is_401_unauthorized_and_changes_nothing) {
  const model::Id id = create_product(http, unique_name("guarded"), 500, 5);
  for (const auto& headers : wrong_authorizations()) {
    BOOST_TEST_CONTEXT((headers.empty() ? std::string("no header") : headers[0])) {
      check_error(patch_with(id, headers, R"({"price": 1, "stock": 999})"), "UNAUTHORIZED");
    }
  }
  const auto json = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(json, "price") == 500);
  BOOST_TEST(json_int(json, "stock") == 5);
}

BOOST_AUTO_TEST_CASE(patch_changes_only_the_fields_it_is_given) {
  const std::string name = unique_name("patched");
  const model::Id id = create_product(http, name, 500, 5);

  auto response = admin_patch_product(http, id, R"({"price": 700})");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u);
  BOOST_TEST(json_int(json, "id") == id);
  BOOST_TEST(json_string(json, "name") == name);
  BOOST_TEST(json_int(json, "price") == 700);
  BOOST_TEST(json_int(json, "stock") == 5);

  json = parse_json(admin_patch_product(http, id, R"({"stock": 0})").body);
  BOOST_TEST(json_int(json, "price") == 700);
  BOOST_TEST(json_int(json, "stock") == 0);

  const std::string renamed = unique_name("renamed");
  json = parse_json(admin_patch_product(http, id, "{\"name\":" + json_quote(renamed) + "}").body);
  BOOST_TEST(json_string(json, "name") == renamed);
  BOOST_TEST(json_int(json, "price") == 700);
  BOOST_TEST(json_int(json, "stock") == 0);

  json = parse_json(
      admin_patch_product(http, id, "{\"name\":" + json_quote(name) + ",\"price\":0,\"stock\":1000000000}").body);
  BOOST_TEST(json_string(json, "name") == name);
  BOOST_TEST(json_int(json, "price") == 0);
  BOOST_TEST(json_int(json, "stock") == 1000000000);

  const auto read = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(read, "stock") == 1000000000);
}

BOOST_AUTO_TEST_CASE(patch_with_no_field_to_change_is_400) {
  const model::Id id = create_product(http, unique_name("unchanged"), 500, 5);
  for (const char* body : {R"({"other": 1})", R"({"stockDelta": null})"}) {
    BOOST_TEST_CONTEXT(body) {
      const auto response = admin_patch_product(http, id, body);
      BOOST_TEST(response.status == 400);
      BOOST_TEST(json_string(json_object(parse_json(response.body), "error"), "code") == "INVALID_REQUEST");
    }
  }
  BOOST_TEST(product_stock(http, id) == 5);
}

BOOST_AUTO_TEST_CASE(patch_of_an_unknown_product_is_404_product_not_found) {
  check_error(admin_patch_product(http, 9223372036854775807, R"({"price": 1})"), "PRODUCT_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(patch_of_a_bad_product_id_is_400_naming_it) {
  for (const char* bad : {"0", "-3", "x", "1.5"}) {
    BOOST_TEST_CONTEXT(bad) {
      check_error(
          http.send("PATCH", std::string("/api/v1/admin/products/") + bad, R"({"price": 1})", {admin_authorization()}),
          "INVALID_REQUEST", std::string("productId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(create_refuses_each_field_out_of_its_type_or_bounds_naming_it) {
  const std::string name = json_quote(unique_name("bad"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"price":1,"stock":1})", "name"},
      {R"({"name":"","price":1,"stock":1})", "name"},
      {R"({"name":"   ","price":1,"stock":1})", "name"},
      {R"({"name":7,"price":1,"stock":1})", "name"},
      {"{\"name\":\"" + std::string(101, 'n') + "\",\"price\":1,\"stock\":1}", "name"},
      {"{\"name\":" + name + ",\"stock\":1}", "price"},
      {"{\"name\":" + name + ",\"price\":-1,\"stock\":1}", "price"},
      {"{\"name\":" + name + ",\"price\":1000000001,\"stock\":1}", "price"},
      {"{\"name\":" + name + ",\"price\":1.5,\"stock\":1}", "price"},
      {"{\"name\":" + name + ",\"price\":\"100\",\"stock\":1}", "price"},
      {"{\"name\":" + name + ",\"price\":1}", "stock"},
      {"{\"name\":" + name + ",\"price\":1,\"stock\":-1}", "stock"},
      {"{\"name\":" + name + ",\"price\":1,\"stock\":1000000001}", "stock"},
      {"{\"name\":" + name + ",\"price\":1,\"stock\":2.0}", "stock"},
      {"{\"name\":" + name + ",\"price\":1,\"stock\":\"2\"}", "stock"},
  };
  for (const auto& [body, field] : cases) {
    BOOST_TEST_CONTEXT(body) {
      check_error(admin_create_product(http, body), "INVALID_REQUEST", field);
    }
  }
  BOOST_TEST_CONTEXT("not JSON") {
    check_error(admin_create_product(http, "{\"name\":"), "INVALID_REQUEST");
  }
}

BOOST_AUTO_TEST_CASE(patch_refuses_a_bad_field_naming_it_and_changes_nothing) {
  const model::Id id = create_product(http, unique_name("strict"), 500, 5);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name":""})", "name"},           {R"({"price":-1})", "price"},
      {R"({"price":1000000001})", "price"}, {R"({"price":1.5,"stock":3})", "price"},
      {R"({"stock":-1})", "stock"},         {R"({"stock":"7"})", "stock"},
      {R"({"stock":1000000001})", "stock"},
  };
  for (const auto& [body, field] : cases) {
    BOOST_TEST_CONTEXT(body) {
      check_error(admin_patch_product(http, id, body), "INVALID_REQUEST", field);
    }
  }
  const auto json = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(json, "price") == 500);
  BOOST_TEST(json_int(json, "stock") == 5);
}

BOOST_AUTO_TEST_CASE(patch_stock_delta_adds_and_takes_units_of_the_current_stock) {
  const model::Id id = create_product(http, unique_name("restocked"), 500, 10);
  auto response = admin_patch_product(http, id, R"({"stockDelta": 5})");
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u);
  BOOST_TEST(json_int(json, "stock") == 15);
  BOOST_TEST(json_int(json, "price") == 500);

  json = parse_json(admin_patch_product(http, id, R"({"stockDelta": -3, "price": 600})").body);
  BOOST_TEST(json_int(json, "stock") == 12);
  BOOST_TEST(json_int(json, "price") == 600);
  BOOST_TEST(product_stock(http, id) == 12);

  json = parse_json(admin_patch_product(http, id, R"({"stockDelta": -12})").body);
  BOOST_TEST(json_int(json, "stock") == 0);
}

BOOST_AUTO_TEST_CASE(patch_stock_delta_below_zero_is_409_out_of_stock_and_changes_nothing) {
  const model::Id id = create_product(http, unique_name("scarce"), 500, 2);
  check_error(admin_patch_product(http, id, R"({"stockDelta": -3})"), "OUT_OF_STOCK");
  check_error(admin_patch_product(http, id, R"({"stockDelta": -1000000000, "price": 1})"), "OUT_OF_STOCK");
  const auto json = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(json, "price") == 500);
  BOOST_TEST(json_int(json, "stock") == 2);
}

BOOST_AUTO_TEST_CASE(patch_stock_delta_past_the_cap_is_400_naming_it_and_changes_nothing) {
  const model::Id id = create_product(http, unique_name("plenty"), 500, 999999999);
  BOOST_TEST(json_int(parse_json(admin_patch_product(http, id, R"({"stockDelta": 1})").body), "stock") == 1000000000);
  check_error(admin_patch_product(http, id, R"({"stockDelta": 1, "price": 1})"), "INVALID_REQUEST",
              std::string("stockDelta"));
  const auto json = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(json, "price") == 500);
  BOOST_TEST(json_int(json, "stock") == 1000000000);
}

BOOST_AUTO_TEST_CASE(patch_with_both_stock_and_stock_delta_is_400_naming_stock_delta) {
  const model::Id id = create_product(http, unique_name("ambiguous"), 500, 5);
  check_error(admin_patch_product(http, id, R"({"stock": 7, "stockDelta": 1})"), "INVALID_REQUEST",
              std::string("stockDelta"));
  check_error(admin_patch_product(http, id, R"({"stock": 7, "stockDelta": 0})"), "INVALID_REQUEST",
              std::string("stockDelta"));
  BOOST_TEST(product_stock(http, id) == 5);
}

BOOST_AUTO_TEST_CASE(patch_refuses_a_stock_delta_that_is_not_an_integer_within_the_cap) {
  const model::Id id = create_product(http, unique_name("strict delta"), 500, 5);
  for (const char* body : {R"({"stockDelta": 1.5})", R"({"stockDelta": 2.0})", R"({"stockDelta": "1"})",
                           R"({"stockDelta": true})", R"({"stockDelta": [1]})", R"({"stockDelta": 1000000001})",
                           R"({"stockDelta": -1000000001})", R"({"stockDelta": 9223372036854775808})"}) {
    BOOST_TEST_CONTEXT(body) {
      check_error(admin_patch_product(http, id, body), "INVALID_REQUEST", std::string("stockDelta"));
    }
  }
  BOOST_TEST(product_stock(http, id) == 5);
}

BOOST_AUTO_TEST_CASE(patch_stock_delta_of_an_unknown_product_is_404_product_not_found) {
  check_error(admin_patch_product(http, 9223372036854775807, R"({"stockDelta": 1})"), "PRODUCT_NOT_FOUND");
  check_error(admin_patch_product(http, 9223372036854775807, R"({"stockDelta": -1})"), "PRODUCT_NOT_FOUND");
}

BOOST_AUTO_TEST_SUITE_END()
