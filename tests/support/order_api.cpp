#include "tests/support/order_api.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "tests/support/json.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test {

std::string order_body(model::Id user_id, const std::vector<LineRequest>& lines) {
  std::string body = "{\"userId\":" + std::to_string(user_id) + ",\"items\":[";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) body += ',';
    body += "{\"productId\":" + std::to_string(lines[i].product_id) +
            ",\"quantity\":" + std::to_string(lines[i].quantity) + "}";
  }
  return body + "]}";
}

std::string order_path(model::Id order_id) {
  return "/api/v1/orders/" + std::to_string(order_id);
}

std::string payment_body(model::Id order_id, model::Id user_id) {
  return "{\"orderId\":" + std::to_string(order_id) + ",\"userId\":" + std::to_string(user_id) + "}";
}

HttpResponse place_order(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines) {
  return http.post("/api/v1/orders", order_body(user.id, lines), {authorization(user.token)});
}

model::Id place_order_id(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines) {
  const auto response = place_order(http, user, lines);
  expect_status(response, 201, "POST /api/v1/orders");
  return json_int(parse_json(response.body), "orderId");
}

HttpResponse pay_order(HttpClient& http, model::Id order_id, const UserCredentials& user) {
  return http.post("/api/v1/payments", payment_body(order_id, user.id), {authorization(user.token)});
}

HttpResponse cancel_order(HttpClient& http, model::Id order_id, const UserCredentials& user) {
  return http.post(order_path(order_id) + "/cancel", "{\"userId\":" + std::to_string(user.id) + "}",
                   {authorization(user.token)});
}

HttpResponse checkout_basket(HttpClient& http, const UserCredentials& user) {
  return http.post(user_path(user.id, "/basket/checkout"), "", {authorization(user.token)});
}

HttpResponse get_order(HttpClient& http, model::Id order_id, const UserCredentials& reader) {
  return http.get(order_path(order_id), {authorization(reader.token)});
}

std::string order_status(HttpClient& http, model::Id order_id, const UserCredentials& reader) {
  const auto response = get_order(http, order_id, reader);
  expect_status(response, 200, "GET " + order_path(order_id));
  return json_string(parse_json(response.body), "status");
}

long long order_count(HttpClient& http, const UserCredentials& user) {
  const auto response = http.get(user_path(user.id, "/orders"), {authorization(user.token)});
  expect_status(response, 200, "GET " + user_path(user.id, "/orders"));
  return json_int(parse_json(response.body), "totalCount");
}

long long rfc3339_seconds(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset_hours = 0, offset_minutes = 0;
  char sign = 0;
  int consumed = 0;
  if (text.size() != 25 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                  &sign, &offset_hours, &offset_minutes, &consumed) != 9 ||
      consumed != 25 || (sign != '+' && sign != '-')) {
    throw std::runtime_error("not an RFC 3339 timestamp with offset: " + text);
  }
  // Days from 1970-01-01 to the civil date (H. Hinnant's days_from_civil).
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  const long long days = static_cast<long long>(era) * 146097 + day_of_era - 719468;
  const long long offset = (sign == '+' ? 1 : -1) * (offset_hours * 3600LL + offset_minutes * 60LL);
  return days * 86400 + hour * 3600LL + minute * 60LL + second - offset;
}

int order_ttl_seconds() {
  const char* value = std::getenv("SHOP_TEST_ORDER_TTL");
  if (value == nullptr || *value == '\0') return 3;
  return std::atoi(value);
}

}  // namespace shop::test
