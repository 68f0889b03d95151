#pragma once

// The orders and payment API of API.md ("Orders", "Payment", checkout) over HttpClient. Raw calls return the
// answer as it came; typed ones throw std::runtime_error (quoting the answer) on anything but the expected
// status. Each call is sent with the token of the UserCredentials it is given, and names that user where
// the contract has a userId.

#include <string>
#include <vector>

#include "model/types.hpp"
#include "tests/support/credentials.hpp"
#include "tests/support/http_client.hpp"

namespace shop::test {

struct LineRequest {
  model::Id product_id;
  long long quantity;
};

/// {"userId": U, "items": [{"productId", "quantity"}...]}.
std::string order_body(model::Id user_id, const std::vector<LineRequest>& lines);
/// "/api/v1/orders/<id>".
std::string order_path(model::Id order_id);
/// {"orderId": O, "userId": U}, the payment's body.
std::string payment_body(model::Id order_id, model::Id user_id);

/// POST /api/v1/orders {"userId", "items"}.
HttpResponse place_order(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines);
/// The new order's id; the answer must be 201.
model::Id place_order_id(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines);
/// POST /api/v1/payments {"orderId", "userId"}.
HttpResponse pay_order(HttpClient& http, model::Id order_id, const UserCredentials& user);
/// POST /api/v1/orders/<id>/cancel {"userId"}.
HttpResponse cancel_order(HttpClient& http, model::Id order_id, const UserCredentials& user);
/// POST /api/v1/users/<id>/basket/checkout.
HttpResponse checkout_basket(HttpClient& http, const UserCredentials& user);
/// GET /api/v1/orders/<id> with the reader's token.
HttpResponse get_order(HttpClient& http, model::Id order_id, const UserCredentials& reader);
/// GET /api/v1/orders/<id> must answer 200; the order's status.
std::string order_status(HttpClient& http, model::Id order_id, const UserCredentials& reader);
/// GET /api/v1/users/<id>/orders must answer 200; its totalCount.
long long order_count(HttpClient& http, const UserCredentials& user);

/// Seconds since the epoch of an RFC 3339 timestamp with offset ("2026-11-24T21:50:49+09:00"); throws
/// std::runtime_error when the text has another shape.
long long rfc3339_seconds(const std::string& text);

/// The pool's SHOP_ORDER_TTL_SECONDS as scripts/test sets it: SHOP_TEST_ORDER_TTL, else 3.
int order_ttl_seconds();

}  // namespace shop::test
