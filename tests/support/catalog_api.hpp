#pragma once

// The catalog and basket API of API.md ("Products and ranking", "Basket") over HttpClient. Raw calls return
// the answer as it came; typed ones throw std::runtime_error (quoting the answer) on anything but the expected
// status, so a broken setup never passes for a result.

#include <string>

#include "model/types.hpp"
#include "tests/support/credentials.hpp"
#include "tests/support/http_client.hpp"

namespace shop::test {

/// "/api/v1/products/<id>".
std::string product_path(model::Id product_id);
/// "/api/v1/users/<userId>/basket/items/<productId>".
std::string basket_item_path(model::Id user_id, model::Id product_id);

/// POST /api/v1/admin/products with the admin token and `body`.
HttpResponse admin_create_product(HttpClient& http, const std::string& body);
/// PATCH /api/v1/admin/products/<id> with the admin token and `body`.
HttpResponse admin_patch_product(HttpClient& http, model::Id product_id, const std::string& body);

/// A new product through the admin API; its id.
model::Id create_product(HttpClient& http, const std::string& name, model::Won price, long long stock);
/// GET /api/v1/products/<id> must answer 200; its stock.
long long product_stock(HttpClient& http, model::Id product_id);

/// The basket calls of `user.id`, with `user.token`.
HttpResponse get_basket(HttpClient& http, const UserCredentials& user);
/// POST .../basket/items {"productId", "quantity"}.
HttpResponse add_to_basket(HttpClient& http, const UserCredentials& user, model::Id product_id, long long quantity);
/// PUT .../basket/items/<productId> {"quantity"}.
HttpResponse set_in_basket(HttpClient& http, const UserCredentials& user, model::Id product_id, long long quantity);
/// DELETE .../basket/items/<productId>.
HttpResponse remove_from_basket(HttpClient& http, const UserCredentials& user, model::Id product_id);

/// A new user, signed up, holding `balance` won (charged with its own token in steps of at most 10,000,000).
UserCredentials create_funded_user(HttpClient& http, const std::string& name, model::Won balance);

}  // namespace shop::test
