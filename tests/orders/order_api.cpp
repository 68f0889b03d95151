#include "tests/orders/order_api.hpp"

#include <cstdlib>
#include <stdexcept>

#include "tests/support/json.hpp"
#include "tests/support/shop_api.hpp"

namespace shop::test {
namespace {

void expect_status(const HttpResponse& response, long status, const std::string& what) {
  if (response.status != status) {
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(response.status) + " " + response.body);
  }
}

}  // namespace

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

HttpResponse place_order(HttpClient& http, model::Id user_id, const std::vector<LineRequest>& lines) {
  return http.post("/api/v1/orders", order_body(user_id, lines));
}

model::Id place_order_id(HttpClient& http, model::Id user_id, const std::vector<LineRequest>& lines) {
  const auto response = place_order(http, user_id, lines);
  expect_status(response, 201, "POST /api/v1/orders");
  return json_int(parse_json(response.body), "orderId");
}

HttpResponse pay_order(HttpClient& http, model::Id order_id, model::Id user_id) {
  return http.post("/api/v1/payments",
                   "{\"orderId\":" + std::to_string(order_id) + ",\"userId\":" + std::to_string(user_id) + "}");
}

HttpResponse cancel_order(HttpClient& http, model::Id order_id, model::Id user_id) {
  return http.post(order_path(order_id) + "/cancel", "{\"userId\":" + std::to_string(user_id) + "}");
}

HttpResponse checkout_basket(HttpClient& http, model::Id user_id) {
  return http.post(user_path(user_id, "/basket/checkout"), "");
}

std::string order_status(HttpClient& http, model::Id order_id) {
  const auto response = http.get(order_path(order_id));
  expect_status(response, 200, "GET " + order_path(order_id));
  return json_string(parse_json(response.body), "status");
}

int order_ttl_seconds() {
  const char* value = std::getenv("SHOP_TEST_ORDER_TTL");
  if (value == nullptr || *value == '\0') return 3;
  return std::atoi(value);
}

}  // namespace shop::test
