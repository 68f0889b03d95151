#include "tests/support/catalog_api.hpp"

#include <algorithm>

#include "tests/support/json.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test {

std::string product_path(model::Id product_id) {
  return "/api/v1/products/" + std::to_string(product_id);
}

std::string basket_item_path(model::Id user_id, model::Id product_id) {
  return user_path(user_id, "/basket/items/" + std::to_string(product_id));
}

HttpResponse admin_create_product(HttpClient& http, const std::string& body) {
  return http.send("POST", "/api/v1/admin/products", body, {admin_authorization()});
}

HttpResponse admin_patch_product(HttpClient& http, model::Id product_id, const std::string& body) {
  return http.send("PATCH", "/api/v1/admin/products/" + std::to_string(product_id), body, {admin_authorization()});
}

model::Id create_product(HttpClient& http, const std::string& name, model::Won price, long long stock) {
  const auto response =
      admin_create_product(http, "{\"name\":" + json_quote(name) + ",\"price\":" + std::to_string(price) +
                                     ",\"stock\":" + std::to_string(stock) + "}");
  expect_status(response, 201, "POST /api/v1/admin/products");
  return json_int(parse_json(response.body), "id");
}

long long product_stock(HttpClient& http, model::Id product_id) {
  const auto response = http.get(product_path(product_id));
  expect_status(response, 200, "GET " + product_path(product_id));
  return json_int(parse_json(response.body), "stock");
}

HttpResponse get_basket(HttpClient& http, const UserCredentials& user) {
  return http.get(user_path(user.id, "/basket"), {authorization(user.token)});
}

HttpResponse add_to_basket(HttpClient& http, const UserCredentials& user, model::Id product_id, long long quantity) {
  return http.post(user_path(user.id, "/basket/items"),
                   "{\"productId\":" + std::to_string(product_id) + ",\"quantity\":" + std::to_string(quantity) + "}",
                   {authorization(user.token)});
}

HttpResponse set_in_basket(HttpClient& http, const UserCredentials& user, model::Id product_id, long long quantity) {
  return http.send("PUT", basket_item_path(user.id, product_id), "{\"quantity\":" + std::to_string(quantity) + "}",
                   {authorization(user.token)});
}

HttpResponse remove_from_basket(HttpClient& http, const UserCredentials& user, model::Id product_id) {
  return http.send("DELETE", basket_item_path(user.id, product_id), std::nullopt, {authorization(user.token)});
}

UserCredentials create_funded_user(HttpClient& http, const std::string& name, model::Won balance) {
  const UserCredentials user = create_user(http, name);
  for (model::Won left = balance; left > 0;) {
    const model::Won step = std::min<model::Won>(left, 10'000'000);
    expect_status(charge(http, user, step), 200, "POST balance/charge");
    left -= step;
  }
  return user;
}

}  // namespace shop::test
