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

model::Id ShopApi::create_user(const std::string& name) {
  return test::create_user(http_, name);
}

model::Won ShopApi::balance(model::Id user_id) {
  const auto response = http_.get(user_path(user_id, "/balance"));
  expect_status(response, 200, "GET balance");
  return json_int(parse_json(response.body), "balance");
}

long long ShopApi::history_count(model::Id user_id) {
  const auto response = http_.get(user_path(user_id, "/balance/history?size=1"));
  expect_status(response, 200, "GET history");
  return json_int(parse_json(response.body), "totalCount");
}

HttpResponse ShopApi::charge(model::Id user_id, model::Won amount) {
  return charge_body(user_id, "{\"amount\":" + std::to_string(amount) + "}");
}

HttpResponse ShopApi::charge_body(model::Id user_id, const std::string& body) {
  return http_.post(user_path(user_id, "/balance/charge"), body);
}

model::Id create_user(HttpClient& http, const std::string& name) {
  const auto response = http.post("/api/v1/users", "{\"name\":" + json_quote(name) + "}");
  expect_status(response, 201, "POST /api/v1/users");
  return json_int(parse_json(response.body), "id");
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
