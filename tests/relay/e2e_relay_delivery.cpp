// A paid order reaches the data platform (the test's receiver on 127.0.0.1) as API.md's
// ORDER_PAID event, POSTed as JSON with the header Idempotency-Key: <eventId>; the admin list then shows it
// DELIVERED after one attempt, and the pool log has the delivery with the event id.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

namespace {

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : std::isxdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  return true;
}

int header_count(const ReceivedRequest& request, const std::string& name) {
  return static_cast<int>(std::count_if(request.headers.begin(), request.headers.end(), [&](const auto& header) {
    return std::equal(header.first.begin(), header.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  }));
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_paid_order_arrives_as_its_order_paid_event_with_the_event_id_as_idempotency_key,
                        RelayFixture) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  const model::Id a = product(700, 10);
  const model::Id b = product(50, 10);
  const UserCredentials user = buyer(10'000);
  const PaidOrder paid = place_and_pay(http, user, {{b, 1}, {a, 2}});

  BOOST_TEST_REQUIRE(wait_until(seconds(20), [&] { return all_answered_ok(receiver, {paid}); }),
                     "the event of order " << paid.order_id << " did not reach the receiver in 20 s");
  const auto requests = requests_for(receiver, paid.order_id);
  BOOST_TEST_REQUIRE(!requests.empty());
  BOOST_TEST(requests.size() == 1u);  // the receiver answered at once: no reason to send it again
  const ReceivedRequest& request = requests.front();

  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.target == "/events");
  BOOST_TEST(request.header("Content-Type").value_or("<none>").starts_with("application/json"));
  BOOST_TEST(header_count(request, "Idempotency-Key") == 1);

  const auto event = parse_json(request.body);
  const std::string event_id = json_string(event, "eventId");
  BOOST_TEST(is_uuid(event_id), event_id);
  BOOST_TEST(request.header("Idempotency-Key").value_or("<none>") == event_id);
  BOOST_TEST(json_string(event, "type") == "ORDER_PAID");
  // Written in the payment's transaction: the same clock reading as the payment's paidAt, to the second.
  BOOST_TEST(rfc3339_seconds(json_string(event, "occurredAt")) == rfc3339_seconds(paid.paid_at));

  const auto& order = json_object(event, "order");
  BOOST_TEST(json_int(order, "orderId") == paid.order_id);
  BOOST_TEST(json_int(order, "userId") == user.id);
  BOOST_TEST(json_int(order, "paymentId") == paid.payment_id);
  BOOST_TEST(json_string(order, "status") == "PAID");
  BOOST_TEST(json_int(order, "totalAmount") == 1450);
  BOOST_TEST(json_int(order, "totalAmount") == paid.amount);
  BOOST_TEST(json_string(order, "paidAt") == paid.paid_at);
  const auto& items = json_array(order, "items");
  BOOST_TEST_REQUIRE(items.Size() == 2u);
  BOOST_TEST(json_int(items[0], "productId") == a);  // by product id
  BOOST_TEST(json_int(items[0], "unitPrice") == 700);
  BOOST_TEST(json_int(items[0], "quantity") == 2);
  BOOST_TEST(json_int(items[0], "amount") == 1400);
  BOOST_TEST(json_int(items[1], "productId") == b);
  BOOST_TEST(json_int(items[1], "unitPrice") == 50);
  BOOST_TEST(json_int(items[1], "quantity") == 1);
  BOOST_TEST(json_int(items[1], "amount") == 50);

  // The row is marked after the answer: the admin list catches up within moments.
  const auto listed = wait_for_listed(http, "DELIVERED", paid.order_id, seconds(10));
  BOOST_TEST_REQUIRE(listed.has_value());
  BOOST_TEST(listed->event_id == event_id);
  BOOST_TEST(listed->type == "ORDER_PAID");
  BOOST_TEST(listed->status == "DELIVERED");
  BOOST_TEST(listed->attempts == 1);
  BOOST_TEST(!listed->last_error.has_value());
  BOOST_TEST(listed->delivered_at.has_value());
  BOOST_TEST((parse_json(listed->event) == event), "the list's event differs from what was sent");

  BOOST_TEST(wait_for_log_line("delivered event " + event_id + " attempt 1", seconds(10)).has_value());
}
