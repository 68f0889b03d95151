#include "tests/support/shop_api.hpp"

#include <cstdio>
#include <stdexcept>

#include "tests/support/env.hpp"
#include "tests/support/json.hpp"

namespace shop::test {

void expect_status(const HttpResponse& response, long status, const std::string& what) {
  if (response.status != status) {
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(response.status) + " " + response.body);
  }
}

ShopApi::ShopApi() : http_(require_env("SHOP_TEST_BASE_URL")) {}

UserCredentials ShopApi::create_user(const std::string& name) {
  return test::create_user(http_, name);
}

model::Won ShopApi::balance(const UserCredentials& user) {
  const auto response = http_.get(user_path(user.id, "/balance"), {authorization(user.token)});
  expect_status(response, 200, "GET balance");
  return json_int(parse_json(response.body), "balance");
}

long long ShopApi::history_count(const UserCredentials& user) {
  const auto response = http_.get(user_path(user.id, "/balance/history?size=1"), {authorization(user.token)});
  expect_status(response, 200, "GET history");
  return json_int(parse_json(response.body), "totalCount");
}

HttpResponse ShopApi::charge(const UserCredentials& user, model::Won amount) {
  return test::charge(http_, user, amount);
}

HttpResponse ShopApi::charge_body(const UserCredentials& user, const std::string& body) {
  return http_.post(user_path(user.id, "/balance/charge"), body, {authorization(user.token)});
}

HttpResponse charge(HttpClient& http, const UserCredentials& user, model::Won amount) {
  return http.post(user_path(user.id, "/balance/charge"), "{\"amount\":" + std::to_string(amount) + "}",
                   {authorization(user.token)});
}

std::string credentials_body(const std::string& name, const std::string& password) {
  return "{\"name\":" + json_quote(name) + ",\"password\":" + json_quote(password) + "}";
}

UserCredentials create_user(HttpClient& http, const std::string& name) {
  const auto response = http.post("/api/v1/users", credentials_body(name));
  expect_status(response, 201, "POST /api/v1/users");
  const auto json = parse_json(response.body);
  return UserCredentials{json_int(json, "id"), json_string(json, "token")};
}

std::string user_path(model::Id user_id, const std::string& suffix) {
  return "/api/v1/users/" + std::to_string(user_id) + suffix;
}

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(byte));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace shop::test
