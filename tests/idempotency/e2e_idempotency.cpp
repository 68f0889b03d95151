// Idempotency-Key through nginx: the same key and request get the first answer again (Idempotent-Replayed)
// and change nothing more; another request under the key is 422; a 4xx is kept as it was; a bad key is 400;
// a key is its caller's; every call API.md names takes one, and the admin's restock.
#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/idempotency_api.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using shop::model::Id;

namespace {

struct IdempotencyFixture {
  ShopApi api;
  TestDatabase db;

  /// `method` `path` `body` with the Idempotency-Key `key`, as `caller` (its token).
  HttpResponse keyed(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& key, const std::string& caller_token) {
    return send_keyed(api.http(), method, path, body, key, {authorization(caller_token)});
  }
  HttpResponse keyed(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& key, const UserCredentials& caller) {
    return keyed(method, path, body, key, caller.token);
  }

  HttpResponse charge(const UserCredentials& user, long long amount, const std::string& key) {
    return keyed("POST", user_path(user.id, "/balance/charge"), "{\"amount\":" + std::to_string(amount) + "}", key,
                 user);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(idempotency, IdempotencyFixture)

BOOST_AUTO_TEST_CASE(a_retried_charge_gets_the_first_answer_and_charges_once) {
  const UserCredentials user = db.create_signed_in_user(unique_name("retry"), 1000);
  const std::string key = unique_name("key");
  const auto first = charge(user, 500, key);
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  BOOST_TEST(!first.header("Idempotent-Replayed"));
  const auto second = charge(user, 500, key);
  BOOST_TEST(second.status == 200, second.body);
  BOOST_TEST(second.body == first.body);
  BOOST_TEST(replayed(second));
  check_contract_headers(second);
  BOOST_TEST(db.balance(user.id) == 1500);
  BOOST_TEST(db.ledger_count(user.id) == 2);  // the seed charge and one more
}

BOOST_AUTO_TEST_CASE(the_same_key_with_another_body_is_422_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("reuse"), 0);
  const std::string key = unique_name("key");
  BOOST_TEST_REQUIRE(charge(user, 500, key).status == 200);
  check_error(charge(user, 700, key), "IDEMPOTENCY_KEY_REUSED");
  check_error(keyed("POST", user_path(user.id, "/basket/checkout"), "", key, user), "IDEMPOTENCY_KEY_REUSED");
  BOOST_TEST(db.balance(user.id) == 500);
  BOOST_TEST(db.ledger_count(user.id) == 1);
}

BOOST_AUTO_TEST_CASE(a_4xx_is_kept_and_replayed_even_after_the_cause_is_gone) {
  const UserCredentials user = db.create_signed_in_user(unique_name("short"), 100);
  const Id product = insert_product(db.sql(), unique_name("p"), 1000, 5);
  const std::string body = order_body(user.id, {{product, 1}});
  const std::string key = unique_name("key");
  const auto first = keyed("POST", "/api/v1/orders", body, key, user);
  check_error(first, "INSUFFICIENT_BALANCE");
  BOOST_TEST_REQUIRE(api.charge(user, 5000).status == 200);
  const auto second = keyed("POST", "/api/v1/orders", body, key, user);
  check_error(second, "INSUFFICIENT_BALANCE");
  BOOST_TEST(replayed(second));
  BOOST_TEST(order_count(db.sql(), user.id) == 0);
  BOOST_TEST(stock_of(db.sql(), product) == 5);
  // A new key is a new request: it runs.
  BOOST_TEST(keyed("POST", "/api/v1/orders", body, unique_name("key"), user).status == 201);
}

BOOST_AUTO_TEST_CASE(a_key_that_is_not_1_to_255_printable_ascii_is_400_and_changes_nothing) {
  const UserCredentials user = db.create_signed_in_user(unique_name("badkey"), 0);
  for (const std::string& key : {std::string(256, 'k'), std::string("tab\there"), std::string("é")}) {
    check_error(charge(user, 500, key), "INVALID_REQUEST", "Idempotency-Key");
  }
  BOOST_TEST(db.balance(user.id) == 0);
  BOOST_TEST(charge(user, 500, std::string(255, 'k') + "").status == 200);
}

BOOST_AUTO_TEST_CASE(a_key_belongs_to_its_user) {
  const UserCredentials first = db.create_signed_in_user(unique_name("owner"), 0);
  const UserCredentials second = db.create_signed_in_user(unique_name("owner"), 0);
  const std::string key = unique_name("shared");
  BOOST_TEST_REQUIRE(charge(first, 500, key).status == 200);
  const auto other = charge(second, 500, key);
  BOOST_TEST(other.status == 200, other.body);
  BOOST_TEST(!replayed(other));
  BOOST_TEST(db.balance(first.id) == 500);
  BOOST_TEST(db.balance(second.id) == 500);
}

BOOST_AUTO_TEST_CASE(a_key_belongs_to_its_caller_so_the_admins_is_not_the_users) {
  const UserCredentials user = db.create_signed_in_user(unique_name("owner"), 0);
  const std::string key = unique_name("shared");
  BOOST_TEST_REQUIRE(charge(as_admin(user.id), 500, key).status == 200);
  const auto own = charge(user, 500, key);
  BOOST_TEST(own.status == 200, own.body);
  BOOST_TEST(!replayed(own));
  BOOST_TEST(db.balance(user.id) == 1000);
}

BOOST_AUTO_TEST_CASE(order_payment_cancel_basket_and_checkout_apply_once) {
  const UserCredentials user = db.create_signed_in_user(unique_name("flow"), 100000);
  const Id product = insert_product(db.sql(), unique_name("p"), 1000, 50);

  const std::string order_key = unique_name("order");
  const auto order = keyed("POST", "/api/v1/orders", order_body(user.id, {{product, 2}}), order_key, user);
  BOOST_TEST_REQUIRE(order.status == 201, order.body);
  const auto again = keyed("POST", "/api/v1/orders", order_body(user.id, {{product, 2}}), order_key, user);
  BOOST_TEST(again.body == order.body);
  BOOST_TEST(replayed(again));
  BOOST_TEST(order_count(db.sql(), user.id) == 1);
  BOOST_TEST(stock_of(db.sql(), product) == 48);

  const Id order_id = json_int(parse_json(order.body), "orderId");
  const std::string pay_body = payment_body(order_id, user.id);
  const std::string pay_key = unique_name("pay");
  const auto paid = keyed("POST", "/api/v1/payments", pay_body, pay_key, user);
  BOOST_TEST_REQUIRE(paid.status == 201, paid.body);
  const auto paid_again = keyed("POST", "/api/v1/payments", pay_body, pay_key, user);
  BOOST_TEST(paid_again.status == 201, paid_again.body);
  BOOST_TEST(paid_again.body == paid.body);
  BOOST_TEST(db.balance(user.id) == 98000);

  const Id second = json_int(
      parse_json(keyed("POST", "/api/v1/orders", order_body(user.id, {{product, 1}}), unique_name("order"), user).body),
      "orderId");
  const std::string cancel_key = unique_name("cancel");
  const std::string cancel_body = "{\"userId\":" + std::to_string(user.id) + "}";
  const auto cancelled = keyed("POST", order_path(second) + "/cancel", cancel_body, cancel_key, user);
  BOOST_TEST_REQUIRE(cancelled.status == 200, cancelled.body);
  const auto cancelled_again = keyed("POST", order_path(second) + "/cancel", cancel_body, cancel_key, user);
  BOOST_TEST(cancelled_again.status == 200, cancelled_again.body);  // not 409 ORDER_NOT_CANCELLABLE
  BOOST_TEST(replayed(cancelled_again));

  const std::string add_key = unique_name("add");
  const std::string add_body = "{\"productId\":" + std::to_string(product) + ",\"quantity\":3}";
  BOOST_TEST_REQUIRE(keyed("POST", user_path(user.id, "/basket/items"), add_body, add_key, user).status == 200);
  BOOST_TEST(keyed("POST", user_path(user.id, "/basket/items"), add_body, add_key, user).status == 200);
  BOOST_TEST(basket_quantity(db.sql(), user.id, product) == 3);

  const std::string checkout_key = unique_name("checkout");
  const auto checkout = keyed("POST", user_path(user.id, "/basket/checkout"), "", checkout_key, user);
  BOOST_TEST_REQUIRE(checkout.status == 201, checkout.body);
  const auto checkout_again = keyed("POST", user_path(user.id, "/basket/checkout"), "", checkout_key, user);
  BOOST_TEST(checkout_again.body == checkout.body);  // not 400 for the basket it emptied
  BOOST_TEST(replayed(checkout_again));
  BOOST_TEST(order_count(db.sql(), user.id) == 3);
}

BOOST_AUTO_TEST_CASE(the_admin_product_create_applies_once) {
  const std::string name = unique_name("keyed product");
  const std::string body = "{\"name\":" + json_quote(name) + ",\"price\":100,\"stock\":1}";
  const std::string key = unique_name("create");
  const std::string admin = admin_token();
  const auto first = keyed("POST", "/api/v1/admin/products", body, key, admin);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  const auto second = keyed("POST", "/api/v1/admin/products", body, key, admin);
  BOOST_TEST(second.body == first.body);
  BOOST_TEST(replayed(second));
  long long count = 0;
  db.sql() << "SELECT count(*) FROM products WHERE name = :n", soci::use(name), soci::into(count);
  BOOST_TEST(count == 1);
}

BOOST_AUTO_TEST_CASE(a_restock_applies_once) {
  const Id product = insert_product(db.sql(), unique_name("restock"), 100, 10);
  const std::string path = "/api/v1/admin/products/" + std::to_string(product);
  const std::string key = unique_name("restock");
  const auto first = keyed("PATCH", path, R"({"stockDelta":5})", key, admin_token());
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  const auto second = keyed("PATCH", path, R"({"stockDelta":5})", key, admin_token());
  BOOST_TEST(second.body == first.body);
  BOOST_TEST(replayed(second));
  BOOST_TEST(stock_of(db.sql(), product) == 15);
  check_error(keyed("PATCH", path, R"({"stockDelta":6})", key, admin_token()), "IDEMPOTENCY_KEY_REUSED");
  BOOST_TEST(stock_of(db.sql(), product) == 15);
}

BOOST_AUTO_TEST_CASE(a_refused_admin_call_leaves_the_key_unused) {
  const std::string body = "{\"name\":" + json_quote(unique_name("refused")) + ",\"price\":100,\"stock\":1}";
  const std::string key = unique_name("create");
  check_error(keyed("POST", "/api/v1/admin/products", body, key, std::string("wrong")), "UNAUTHORIZED");
  const auto created = keyed("POST", "/api/v1/admin/products", body, key, admin_token());
  BOOST_TEST(created.status == 201, created.body);
  BOOST_TEST(!replayed(created));
}

BOOST_AUTO_TEST_SUITE_END()
