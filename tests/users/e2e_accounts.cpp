// API.md "Accounts, sign-in and who may do what", through nginx: sign-up and sign-in answer a token, the
// current session and sign-out, expired and unknown tokens, and who may act for whom: another user's token is
// 403 FORBIDDEN (whatever that user id), a user's token on an admin call too, the admin token acts for anyone,
// another user's order is ORDER_NOT_FOUND; a refused call changes nothing. Calls without a well-formed bearer
// header are in e2e_auth_header.cpp.
#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/text.hpp"

using namespace shop;
using namespace shop::test;

namespace {

struct AccountsFixture {
  ShopApi api;
  HttpClient& http = api.http();
  TestDatabase db;

  HttpResponse sign_up(const std::string& name, const std::string& password = kTestPassword) {
    return http.post("/api/v1/users", credentials_body(name, password));
  }
  HttpResponse sign_in(const std::string& name, const std::string& password = kTestPassword) {
    return http.post("/api/v1/sessions", credentials_body(name, password));
  }
  HttpResponse current_session(const std::string& token) {
    return http.get("/api/v1/sessions/current", {authorization(token)});
  }
  HttpResponse balance_with(const std::string& token, model::Id user_id) {
    return http.get(user_path(user_id, "/balance"), {authorization(token)});
  }
  long long users_named(const std::string& name) {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM users WHERE name = :name", soci::use(name), soci::into(count);
    return count;
  }
  model::Id product(model::Won price = 1000, long long stock = 10) {
    return insert_product(db.sql(), unique_name("guarded"), price, stock);
  }
};

/// The token of a sign-up or sign-in answer, which must be `status`.
std::string token_of(const HttpResponse& response, long status) {
  expect_status(response, status, "sign-up or sign-in");
  return json_string(parse_json(response.body), "token");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(accounts, AccountsFixture)

BOOST_AUTO_TEST_CASE(sign_up_answers_a_token_that_works_on_the_users_balance) {
  const std::string name = unique_name("signup");
  const auto response = sign_up(name);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  const model::Id id = json_int(json, "id");
  const std::string token = json_string(json, "token");
  // Opaque, URL-safe, at most 255 characters, at least 128 bits.
  BOOST_TEST(token.size() >= 22u);
  BOOST_TEST(token.size() <= 255u);
  BOOST_TEST(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") ==
                 std::string::npos,
             token);
  // Valid for SHOP_SESSION_TTL_SECONDS (30 days unless the stack sets less).
  const long long expires_in = rfc3339_seconds(json_string(json, "expiresAt")) - db.now_seconds();
  BOOST_TEST(expires_in > 60);
  BOOST_TEST(expires_in <= 30 * 24 * 3600 + 60);

  const auto balance = balance_with(token, id);
  BOOST_TEST(balance.status == 200, balance.body);
  BOOST_TEST(json_int(parse_json(balance.body), "userId") == id);
  BOOST_TEST(json_int(parse_json(balance.body), "balance") == 0);
  const UserCredentials user{id, token};
  BOOST_TEST(api.charge(user, 5000).status == 200);
  BOOST_TEST(api.balance(user) == 5000);
}

BOOST_AUTO_TEST_CASE(a_taken_name_is_409_name_taken_and_creates_nothing) {
  const std::string name = unique_name("taken");
  BOOST_TEST_REQUIRE(sign_up(name).status == 201);
  check_error(sign_up(name, "another password"), "NAME_TAKEN");
  check_error(sign_up(name), "NAME_TAKEN");
  BOOST_TEST(users_named(name) == 1);
  // The first password is still the one that signs in.
  check_error(sign_in(name, "another password"), "INVALID_CREDENTIALS");
  BOOST_TEST(sign_in(name).status == 201);
}

BOOST_AUTO_TEST_CASE(a_password_of_8_to_128_characters_is_accepted) {
  for (const std::string& password : {repeat("p", 8), repeat("p", 128), repeat("비", 8), repeat("비", 128)}) {
    BOOST_TEST_CONTEXT("password of " << password.size() << " bytes") {
      const std::string name = unique_name("pw");
      BOOST_TEST(sign_up(name, password).status == 201);
      BOOST_TEST(sign_in(name, password).status == 201);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_short_long_missing_or_mistyped_password_is_400_naming_password_and_creates_nothing) {
  const std::string name = unique_name("badpw");
  for (const std::string& password : {std::string(), repeat("p", 7), repeat("비", 7), repeat("p", 129)}) {
    BOOST_TEST_CONTEXT("password of " << password.size() << " bytes") {
      check_error(sign_up(name, password), "INVALID_REQUEST", std::string("password"));
    }
  }
  const std::string name_field = "{\"name\":" + json_quote(name);
  for (const char* rest : {"}", ",\"password\":null}", ",\"password\":12345678}", ",\"password\":[\"12345678\"]}"}) {
    BOOST_TEST_CONTEXT(rest) {
      check_error(http.post("/api/v1/users", name_field + rest), "INVALID_REQUEST", std::string("password"));
    }
  }
  BOOST_TEST(users_named(name) == 0);
}

BOOST_AUTO_TEST_CASE(sign_in_answers_201_with_a_new_token_beside_the_first) {
  const std::string name = unique_name("signin");
  const UserCredentials first = api.create_user(name);

  const auto response = sign_in(name);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u, response.body);
  BOOST_TEST(json_int(json, "userId") == first.id);
  BOOST_TEST(json_string(json, "name") == name);
  const std::string second = json_string(json, "token");
  BOOST_TEST(second != first.token);
  BOOST_TEST(rfc3339_seconds(json_string(json, "expiresAt")) > db.now_seconds());
  BOOST_TEST(balance_with(second, first.id).status == 200);
  BOOST_TEST(balance_with(first.token, first.id).status == 200);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_and_an_unknown_name_get_the_same_401_invalid_credentials) {
  const std::string name = unique_name("creds");
  BOOST_TEST_REQUIRE(sign_up(name).status == 201);
  const auto wrong = sign_in(name, std::string(kTestPassword) + "!");
  const auto unknown = sign_in(unique_name("nobody"));
  check_error(wrong, "INVALID_CREDENTIALS");
  check_error(unknown, "INVALID_CREDENTIALS");
  BOOST_TEST(wrong.body == unknown.body);
  BOOST_TEST(wrong.header("WWW-Authenticate").value_or("<none>") ==
             unknown.header("WWW-Authenticate").value_or("<none>"));
}

BOOST_AUTO_TEST_CASE(the_current_session_answers_user_id_name_and_expiry_and_not_the_token) {
  const std::string name = unique_name("current");
  const auto signed_up = sign_up(name);
  const std::string token = token_of(signed_up, 201);
  const auto signed_up_json = parse_json(signed_up.body);

  const auto response = current_session(token);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 3u, response.body);
  BOOST_TEST(json_int(json, "userId") == json_int(signed_up_json, "id"));
  BOOST_TEST(json_string(json, "name") == name);
  BOOST_TEST(json_string(json, "expiresAt") == json_string(signed_up_json, "expiresAt"));
  BOOST_TEST(!json_has(json, "token"));
  BOOST_TEST(response.body.find(token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sign_out_is_204_and_the_token_is_refused_at_once) {
  const std::string name = unique_name("signout");
  const UserCredentials user = api.create_user(name);
  const std::string& token = user.token;
  const std::string other = token_of(sign_in(name), 201);

  const auto response = http.send("DELETE", "/api/v1/sessions/current", std::nullopt, {authorization(token)});
  BOOST_TEST(response.status == 204, response.body);
  BOOST_TEST(response.status_line == "HTTP/1.1 204 No Content");
  BOOST_TEST(response.body.empty());
  BOOST_TEST(response.header_count("X-Request-Id") == 1);

  check_unauthorized(balance_with(token, user.id));
  check_unauthorized(current_session(token));
  check_unauthorized(http.send("DELETE", "/api/v1/sessions/current", std::nullopt, {authorization(token)}));
  // Only that session ended.
  BOOST_TEST(balance_with(other, user.id).status == 200);
}

BOOST_AUTO_TEST_CASE(an_expired_session_is_401_unauthorized) {
  const UserCredentials user = api.create_user(unique_name("expired"));
  BOOST_TEST_REQUIRE(balance_with(user.token, user.id).status == 200);
  db.expire_session(user.token);
  check_unauthorized(balance_with(user.token, user.id));
  check_unauthorized(current_session(user.token));
  check_unauthorized(api.charge(user, 1000));
  BOOST_TEST(db.balance(user.id) == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_token_is_401_unauthorized_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("unknown"), 5000);
  const UserCredentials stranger{user.id, "no-such-token-" + unique_name("t")};
  check_unauthorized(api.charge(stranger, 1000));
  check_unauthorized(balance_with(stranger.token, user.id));
  check_unauthorized(current_session(stranger.token));
  check_unauthorized(
      http.post("/api/v1/orders", order_body(user.id, {{product(), 1}}), {authorization(stranger.token)}));
  BOOST_TEST(db.balance(user.id) == 5000);
  BOOST_TEST(db.ledger_count(user.id) == 1);
  BOOST_TEST(order_count(http, user) == 0);
}

BOOST_AUTO_TEST_CASE(another_users_token_is_403_forbidden_whether_that_user_exists_or_not_and_changes_nothing) {
  const UserCredentials owner = db.create_signed_in_user(unique_name("owner"), 5000);
  const UserCredentials intruder = db.create_signed_in_user(unique_name("intruder"), 5000);
  const model::Id p = product();
  for (const model::Id target : {owner.id, db.missing_user_id()}) {
    BOOST_TEST_CONTEXT("user " << target) {
      const UserCredentials borrowed{target, intruder.token};
      check_error(balance_with(intruder.token, target), "FORBIDDEN");
      check_error(api.charge(borrowed, 1000), "FORBIDDEN");
      check_error(http.get(user_path(target, "/balance/history"), {authorization(intruder.token)}), "FORBIDDEN");
      check_error(get_basket(http, borrowed), "FORBIDDEN");
      check_error(add_to_basket(http, borrowed, p, 1), "FORBIDDEN");
      check_error(checkout_basket(http, borrowed), "FORBIDDEN");
      check_error(http.get(user_path(target, "/orders"), {authorization(intruder.token)}), "FORBIDDEN");
    }
  }
  // The refused charge changed nothing, nor did the refused basket add.
  BOOST_TEST(db.balance(owner.id) == 5000);
  BOOST_TEST(db.ledger_count(owner.id) == 1);
  BOOST_TEST(basket_line_count(db.sql(), owner.id) == 0);
  BOOST_TEST(api.balance(owner) == 5000);
  BOOST_TEST(api.balance(intruder) == 5000);
}

BOOST_AUTO_TEST_CASE(a_body_user_id_of_another_user_is_403_forbidden_and_changes_nothing) {
  const UserCredentials owner = db.create_signed_in_user(unique_name("owner"), 5000);
  const UserCredentials intruder = db.create_signed_in_user(unique_name("intruder"), 5000);
  const model::Id p = product(1000, 10);
  const model::Id order_id = place_order_id(http, owner, {{p, 1}});
  const UserCredentials borrowed{owner.id, intruder.token};
  check_error(place_order(http, borrowed, {{p, 2}}), "FORBIDDEN");
  check_error(pay_order(http, order_id, borrowed), "FORBIDDEN");
  check_error(cancel_order(http, order_id, borrowed), "FORBIDDEN");
  BOOST_TEST(stock_of(db.sql(), p) == 9);
  BOOST_TEST(order_count(http, owner) == 1);
  BOOST_TEST(order_count(http, intruder) == 0);
  BOOST_TEST(order_status(http, order_id, owner) == "PENDING");
  BOOST_TEST(db.balance(owner.id) == 5000);
}

BOOST_AUTO_TEST_CASE(a_body_without_user_id_acts_for_the_tokens_user) {
  const UserCredentials user = db.create_signed_in_user(unique_name("implicit"), 5000);
  const model::Id p = product(1000, 10);
  const std::vector<std::string> token = {authorization(user.token)};
  const auto placed =
      http.post("/api/v1/orders", "{\"items\":[{\"productId\":" + std::to_string(p) + ",\"quantity\":2}]}", token);
  BOOST_TEST_REQUIRE(placed.status == 201, placed.body);
  const auto order = parse_json(placed.body);
  BOOST_TEST(json_int(order, "userId") == user.id);
  const model::Id order_id = json_int(order, "orderId");
  const auto paid = http.post("/api/v1/payments", "{\"orderId\":" + std::to_string(order_id) + "}", token);
  BOOST_TEST_REQUIRE(paid.status == 201, paid.body);
  BOOST_TEST(json_int(parse_json(paid.body), "userId") == user.id);
  BOOST_TEST(db.balance(user.id) == 3000);

  // A cancel without userId, or without any body.
  for (const char* body : {"{}", ""}) {
    BOOST_TEST_CONTEXT("cancel with the body '" << body << "'") {
      const model::Id pending = place_order_id(http, user, {{p, 1}});
      const auto cancelled = http.post(order_path(pending) + "/cancel", body, token);
      BOOST_TEST(cancelled.status == 200, cancelled.body);
      BOOST_TEST(order_status(http, pending, user) == "CANCELLED");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_order_of_another_user_read_with_a_users_token_is_404_order_not_found) {
  const UserCredentials owner = db.create_signed_in_user(unique_name("owner"), 5000);
  const UserCredentials reader = db.create_signed_in_user(unique_name("reader"), 5000);
  const model::Id order_id = place_order_id(http, owner, {{product(), 1}});
  check_error(get_order(http, order_id, reader), "ORDER_NOT_FOUND");
  // Naming the owner does not help: a user reads only its own orders.
  check_error(http.get(order_path(order_id) + "?userId=" + std::to_string(owner.id), {authorization(reader.token)}),
              "ORDER_NOT_FOUND");
  check_error(pay_order(http, order_id, reader), "ORDER_NOT_FOUND");
  check_error(cancel_order(http, order_id, reader), "ORDER_NOT_FOUND");
  BOOST_TEST(order_status(http, order_id, owner) == "PENDING");
  BOOST_TEST(db.balance(owner.id) == 5000);
  BOOST_TEST(db.balance(reader.id) == 5000);
}

BOOST_AUTO_TEST_CASE(a_users_token_on_an_admin_call_is_403_forbidden_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("notadmin"));
  const model::Id p = product(1000, 10);
  const std::string name = unique_name("forged");
  const std::vector<std::string> token = {authorization(user.token)};
  check_error(http.post("/api/v1/admin/products", "{\"name\":" + json_quote(name) + ",\"price\":1,\"stock\":1}", token),
              "FORBIDDEN");
  check_error(http.send("PATCH", "/api/v1/admin/products/" + std::to_string(p), R"({"price": 1})", token), "FORBIDDEN");
  check_error(http.get("/api/v1/admin/outbox?status=PENDING", token), "FORBIDDEN");
  long long named = 0;
  db.sql() << "SELECT count(*) FROM products WHERE name = :n", soci::use(name), soci::into(named);
  BOOST_TEST(named == 0);
  BOOST_TEST(json_int(parse_json(http.get(product_path(p)).body), "price") == 1000);
}

BOOST_AUTO_TEST_CASE(the_admin_token_acts_for_any_user) {
  const UserCredentials user = db.create_signed_in_user(unique_name("served"), 0);
  const UserCredentials admin = as_admin(user.id);
  BOOST_TEST_REQUIRE(api.charge(admin, 7000).status == 200);
  BOOST_TEST(api.balance(admin) == 7000);
  BOOST_TEST(api.balance(user) == 7000);
  BOOST_TEST(api.history_count(admin) == 1);
  const model::Id p = product(1000, 10);
  BOOST_TEST(add_to_basket(http, admin, p, 2).status == 200);
  BOOST_TEST(basket_quantity(db.sql(), user.id, p) == 2);
  const model::Id order_id = place_order_id(http, admin, {{p, 3}});
  BOOST_TEST(order_status(http, order_id, admin) == "PENDING");
  BOOST_TEST(order_status(http, order_id, user) == "PENDING");
  BOOST_TEST(pay_order(http, order_id, admin).status == 201);
  BOOST_TEST(api.balance(user) == 4000);
  BOOST_TEST(order_count(http, admin) == 1);
  // For a user who does not exist, the admin learns that it does not.
  check_error(api.charge(as_admin(db.missing_user_id()), 1000), "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_SUITE_END()
