// A data platform whose error answer is not text — a body whose first bytes end inside a UTF-8 character, or
// bytes that are no UTF-8 at all — fails its event like any other error: the relay records each attempt, the
// event is FAILED after SHOP_RELAY_MAX_ATTEMPTS with a lastError that is valid UTF-8, the events paid after it
// are delivered at once instead of waiting behind it, and the admin retry delivers it once the platform heals.
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::seconds;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Pays an order whose event the receiver answers with 500 and `answer` every time, and checks that it fails
/// alone, is listed FAILED with `expected_error`, and is delivered after the admin retry.
void check_a_poison_answer_fails_its_event_alone(RelayFixture& fixture, const std::string& answer,
                                                 const std::string& expected_error) {
  HttpClient& http = fixture.http;
  Receiver& receiver = fixture.receiver;
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  const model::Id goods = fixture.product(300, 20);
  const UserCredentials user = fixture.buyer(100'000);

  // The first attempt is held until the receiver knows the event's key; from then on only that key fails.
  receiver.hang();
  const PaidOrder poison = place_and_pay(http, user, {{goods, 1}});
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, poison.order_id).empty(); }),
                     "the relay did not POST the event within 10 s");
  const std::string key = requests_for(receiver, poison.order_id).front().header("Idempotency-Key").value_or("");
  BOOST_TEST_REQUIRE(!key.empty());
  receiver.answer_failing_for(key, answer);

  // Paid while the poison event waits for its next attempt: delivered at once, not held behind it.
  std::vector<PaidOrder> later;
  for (int i = 0; i < 3; ++i) later.push_back(place_and_pay(http, user, {{goods, 1}}));
  BOOST_TEST(wait_until(seconds(5), [&] { return all_answered_ok(receiver, later); }),
             "events paid after the poison event were not delivered within 5 s");

  const auto failed = wait_for_listed(http, "FAILED", poison.order_id, seconds(40));
  BOOST_TEST_REQUIRE(failed.has_value(), "the poison event is not FAILED 40 s after the payment");
  BOOST_TEST(failed->event_id == key);
  BOOST_TEST(failed->attempts == relay_max_attempts());
  BOOST_TEST(failed->last_error.value_or("<none>") == expected_error);
  const auto requests = requests_for(receiver, poison.order_id);
  BOOST_TEST(requests.size() == static_cast<std::size_t>(relay_max_attempts()));
  for (const auto& request : requests) {
    BOOST_TEST(request.answered == 500);
    BOOST_TEST(request.header("Idempotency-Key").value_or("<none>") == key);
  }
  BOOST_TEST(wait_for_log_line("FAILED event " + key + " attempt " + std::to_string(relay_max_attempts()), seconds(10))
                 .has_value());

  // The admin list is valid UTF-8 from end to end (rapidjson's check of every string's encoding).
  const auto listing = admin_outbox(http, "FAILED");
  BOOST_TEST_REQUIRE(listing.status == 200, listing.body);
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(listing.body.data(), listing.body.size());
  BOOST_TEST(!document.HasParseError(), "the FAILED list is not valid UTF-8 JSON: " << listing.body);
  BOOST_TEST(all_listed_delivered(http, later));

  receiver.answer_ok();
  const auto retried = retry_event(http, key);
  BOOST_TEST_REQUIRE(retried.status == 200, retried.body);
  BOOST_TEST(json_string(parse_json(retried.body), "status") == "PENDING");
  BOOST_TEST_REQUIRE(
      wait_until(seconds(20),
                 [&] { return all_answered_ok(receiver, {poison}) && all_listed_delivered(http, {poison}); }),
      "the retried event was not delivered within 20 s");
  const auto delivered = listed_event(http, "DELIVERED", poison.order_id);
  BOOST_TEST_REQUIRE(delivered.has_value());
  BOOST_TEST(delivered->attempts == 1);
  BOOST_TEST(!delivered->last_error.has_value());
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(poison_answers, RelayFixture)

BOOST_AUTO_TEST_CASE(an_answer_ending_in_a_multibyte_character_fails_its_event_alone) {
  const std::string answer = std::string(199, 'x') + "가";
  check_a_poison_answer_fails_its_event_alone(*this, answer, "HTTP 500: " + answer);
}

BOOST_AUTO_TEST_CASE(an_answer_of_invalid_bytes_fails_its_event_alone) {
  check_a_poison_answer_fails_its_event_alone(*this, "\xff\xfe", "HTTP 500: " + kReplacement + kReplacement);
}

BOOST_AUTO_TEST_SUITE_END()
