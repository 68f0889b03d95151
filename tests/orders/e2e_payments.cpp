// API.md "Payment" (all but the delivery to the data platform), through nginx: POST /api/v1/payments takes
// the order's total from the balance (201 with the balance after), writes a PAYMENT line naming the order to
// the history and makes the order PAID; a second payment, another user's or unknown order, a cancelled order
// and a short balance are refused (the order stays PENDING) and change nothing.
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr model::Id kMissing = 9223372036854775807;

struct PaymentsFixture {
  ShopApi api;
  HttpClient& http = api.http();

  model::Id product(model::Won price = 1000, long long stock = 100) {
    return create_product(http, unique_name("goods"), price, stock);
  }
  UserCredentials user(model::Won balance = 1'000'000) {
    return create_funded_user(http, unique_name("payer"), balance);
  }
  /// The newest line of the user's balance history.
  rapidjson::Document newest_history_line(const UserCredentials& user) {
    const auto json =
        parse_json(http.get(user_path(user.id, "/balance/history?size=1"), {authorization(user.token)}).body);
    rapidjson::Document line;
    line.CopyFrom(json_array(json, "items")[0], line.GetAllocator());
    return line;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(payments, PaymentsFixture)

BOOST_AUTO_TEST_CASE(pay_answers_201_with_the_payment_and_the_balance_after) {
  const UserCredentials buyer = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{product(1000), 3}});
  const auto response = pay_order(http, order_id, buyer);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 7u);
  BOOST_TEST(json_int(json, "paymentId") > 0);
  BOOST_TEST(json_int(json, "orderId") == order_id);
  BOOST_TEST(json_int(json, "userId") == buyer.id);
  BOOST_TEST(json_int(json, "amount") == 3000);
  BOOST_TEST(json_string(json, "status") == "PAID");
  BOOST_TEST(json_int(json, "balance") == 7000);
  BOOST_TEST(json_string(json, "paidAt").ends_with("+09:00"));
  BOOST_TEST(api.balance(buyer) == 7000);
}

BOOST_AUTO_TEST_CASE(a_paid_order_reads_paid_and_the_history_shows_the_payment_naming_it) {
  const model::Id a = product(1000);
  const UserCredentials buyer = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{a, 2}});
  const auto paid = parse_json(pay_order(http, order_id, buyer).body);

  const auto order = parse_json(get_order(http, order_id, buyer).body);
  BOOST_TEST(json_string(order, "status") == "PAID");
  BOOST_TEST(json_string(order, "paidAt") == json_string(paid, "paidAt"));

  const auto line = newest_history_line(buyer);
  BOOST_TEST(json_string(line, "type") == "PAYMENT");
  BOOST_TEST(json_int(line, "amount") == 2000);
  BOOST_TEST(json_int(line, "balanceAfter") == 8000);
  BOOST_TEST(json_int(line, "orderId") == order_id);
  BOOST_TEST(api.history_count(buyer) == 2);  // the charge and the payment
  BOOST_TEST(product_stock(http, a) == 98);   // payment takes no more stock
}

BOOST_AUTO_TEST_CASE(paying_twice_is_409_order_not_payable_and_takes_nothing_more) {
  const UserCredentials buyer = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{product(1000), 1}});
  BOOST_TEST_REQUIRE(pay_order(http, order_id, buyer).status == 201);
  check_error(pay_order(http, order_id, buyer), "ORDER_NOT_PAYABLE");
  BOOST_TEST(api.balance(buyer) == 9000);
  BOOST_TEST(api.history_count(buyer) == 2);
  BOOST_TEST(order_status(http, order_id, buyer) == "PAID");
}

BOOST_AUTO_TEST_CASE(paying_another_users_or_an_unknown_order_is_404_order_not_found) {
  const UserCredentials buyer = user(10'000);
  const UserCredentials other = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{product(1000), 1}});
  check_error(pay_order(http, order_id, other), "ORDER_NOT_FOUND");
  // The admin may pay for anyone, but only an order of the user it names.
  check_error(pay_order(http, order_id, as_admin(other.id)), "ORDER_NOT_FOUND");
  check_error(pay_order(http, order_id, as_admin(kMissing)), "ORDER_NOT_FOUND");
  check_error(pay_order(http, kMissing, buyer), "ORDER_NOT_FOUND");
  BOOST_TEST(api.balance(buyer) == 10'000);
  BOOST_TEST(api.balance(other) == 10'000);
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
}

BOOST_AUTO_TEST_CASE(a_short_balance_is_409_insufficient_balance_and_the_order_stays_pending) {
  const model::Id a = product(1000);
  const UserCredentials buyer = user(1000);
  // Each order is covered when placed; after the first payment the second is not.
  const model::Id first = place_order_id(http, buyer, {{a, 1}});
  const model::Id second = place_order_id(http, buyer, {{a, 1}});
  BOOST_TEST_REQUIRE(pay_order(http, first, buyer).status == 201);
  check_error(pay_order(http, second, buyer), "INSUFFICIENT_BALANCE");
  BOOST_TEST(order_status(http, second, buyer) == "PENDING");
  BOOST_TEST(api.balance(buyer) == 0);
  BOOST_TEST(api.history_count(buyer) == 2);
  // Once charged, the same order is paid.
  BOOST_TEST_REQUIRE(api.charge(buyer, 1000).status == 200);
  const auto response = pay_order(http, second, buyer);
  BOOST_TEST(response.status == 201, response.body);
  BOOST_TEST(api.balance(buyer) == 0);
}

BOOST_AUTO_TEST_CASE(a_cancelled_order_is_409_order_not_payable) {
  const UserCredentials buyer = user(10'000);
  const model::Id order_id = place_order_id(http, buyer, {{product(1000), 1}});
  BOOST_TEST_REQUIRE(cancel_order(http, order_id, buyer).status == 200);
  check_error(pay_order(http, order_id, buyer), "ORDER_NOT_PAYABLE");
  BOOST_TEST(api.balance(buyer) == 10'000);
  BOOST_TEST(order_status(http, order_id, buyer) == "CANCELLED");
}

BOOST_AUTO_TEST_CASE(a_free_order_is_paid_for_0) {
  const UserCredentials buyer = user(0);
  const model::Id order_id = place_order_id(http, buyer, {{product(0), 2}});
  const auto response = pay_order(http, order_id, buyer);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  BOOST_TEST(json_int(parse_json(response.body), "amount") == 0);
  BOOST_TEST(json_int(parse_json(response.body), "balance") == 0);
}

BOOST_AUTO_TEST_CASE(a_bad_payment_body_is_400_naming_the_field) {
  const UserCredentials buyer = user();
  const model::Id order_id = place_order_id(http, buyer, {{product(1000), 1}});
  const std::string order = std::to_string(order_id);
  const std::string by = std::to_string(buyer.id);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"userId\":" + by + "}", "orderId"},
      {"{\"orderId\":0,\"userId\":" + by + "}", "orderId"},
      {"{\"orderId\":\"" + order + "\",\"userId\":" + by + "}", "orderId"},
      {"{\"orderId\":" + order + ".5,\"userId\":" + by + "}", "orderId"},
      {"{\"orderId\":" + order + ",\"userId\":-1}", "userId"},
      {"{\"orderId\":" + order + ",\"userId\":1.5}", "userId"},
  };
  // Each with the buyer's own token and with the admin's.
  for (const std::string& token : {buyer.token, admin_token()}) {
    for (const auto& [body, field] : cases) {
      BOOST_TEST_CONTEXT(body) {
        check_error(http.post("/api/v1/payments", body, {authorization(token)}), "INVALID_REQUEST", field);
      }
    }
    check_error(http.post("/api/v1/payments", "[1,2]", {authorization(token)}), "INVALID_REQUEST");
  }
  // The admin must name the user; a user's token without userId is its own (e2e_accounts).
  check_error(http.post("/api/v1/payments", "{\"orderId\":" + order + "}", {admin_authorization()}), "INVALID_REQUEST",
              std::string("userId"));
  BOOST_TEST(order_status(http, order_id, buyer) == "PENDING");
  BOOST_TEST(api.balance(buyer) == 1'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
