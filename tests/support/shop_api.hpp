#pragma once

#include <string>

#include "model/types.hpp"
#include "tests/support/credentials.hpp"
#include "tests/support/http_client.hpp"

namespace shop::test {

/// The API of "Users and balance" over HttpClient, for tests whose subject is something else (setup,
/// load). Every call about a user sends the token of the UserCredentials it is given. The raw calls return
/// the answer as it came; the typed ones throw std::runtime_error on any answer but the expected one, quoting
/// it.
class ShopApi {
 public:
  ShopApi();  ///< on SHOP_TEST_BASE_URL
  explicit ShopApi(std::string base_url) : http_(std::move(base_url)) {}

  HttpClient& http() { return http_; }

  /// Signs up (test::create_user).
  UserCredentials create_user(const std::string& name);
  model::Won balance(const UserCredentials& user);
  /// The number of ledger lines, as the history's totalCount says.
  long long history_count(const UserCredentials& user);

  HttpResponse charge(const UserCredentials& user, model::Won amount);
  HttpResponse charge_body(const UserCredentials& user, const std::string& body);

 private:
  HttpClient http_;
};

/// Throws std::runtime_error quoting the answer unless its status is `status`; `what` names the call
/// ("POST /api/v1/users"). What the typed calls of every API helper check their answer with.
void expect_status(const HttpResponse& response, long status, const std::string& what);

/// {"name": name, "password": password}, the body of a sign-up or a sign-in.
std::string credentials_body(const std::string& name, const std::string& password = kTestPassword);
/// POST /api/v1/users (sign-up) with `name` and kTestPassword: the new user's id and the token the sign-up
/// answered.
UserCredentials create_user(HttpClient& http, const std::string& name);

/// POST /api/v1/users/<id>/balance/charge {"amount"} with `user`'s token.
HttpResponse charge(HttpClient& http, const UserCredentials& user, model::Won amount);

/// "/api/v1/users/<id><suffix>".
std::string user_path(model::Id user_id, const std::string& suffix = {});

/// A JSON string literal (quotes and escapes) of `text`, for building bodies.
std::string json_quote(const std::string& text);

}  // namespace shop::test
