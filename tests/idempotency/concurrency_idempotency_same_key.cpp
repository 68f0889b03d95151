// One keyed request sent by 20 processes at once, for a charge, an order and a checkout: it applies once (one
// ledger line; one order, its stock taken once; one order, the basket emptied once), and every answer is
// either the first answer (the same status and body, the others with Idempotent-Replayed: true) or 409
// IDEMPOTENCY_KEY_IN_USE with Retry-After: 1. Several rounds, a new key each, for more meetings at a key.
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/idempotency_api.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;
using shop::model::Id;

namespace {

constexpr int kProcesses = 20;
constexpr int kRounds = 20;
constexpr std::size_t kMaxBody = 4096;

/// A child's answer, in shared memory.
struct SharedAnswer {
  std::atomic<int> status;  ///< 0: none, -1: transport error
  bool replayed;
  bool retry_after_one;
  std::size_t body_size;  ///< more than kMaxBody: the body did not fit
  char body[kMaxBody];
};

struct Answer {
  int status = 0;
  bool replayed = false;
  bool retry_after_one = false;
  std::string body;
};

/// The same request with the same key from kProcesses processes, released together; their answers.
std::vector<Answer> send_at_once(const std::string& method, const std::string& path, const std::string& body,
                                 const std::string& key, const UserCredentials& user) {
  const std::string base = require_env("SHOP_TEST_BASE_URL");
  SharedArray<SharedAnswer> shared(kProcesses);
  StartBarrier barrier(kProcesses);
  const auto codes = run_processes(kProcesses, 60s, [&](int index) {
    HttpClient http(base);
    if (!barrier.arrive_and_wait(30s)) return 2;
    SharedAnswer& out = shared[static_cast<std::size_t>(index)];
    try {
      const auto response = send_keyed(http, method, path, body, key, {authorization(user.token)});
      out.replayed = replayed(response);
      out.retry_after_one = response.header("Retry-After").value_or("") == "1";
      out.body_size = response.body.size();
      response.body.copy(out.body, kMaxBody);
      out.status = static_cast<int>(response.status);
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "%s %s: %s\n", method.c_str(), path.c_str(), e.what());
      out.status = -1;
    }
    return 0;
  });
  std::vector<Answer> answers;
  for (std::size_t i = 0; i < shared.size(); ++i) {
    BOOST_TEST(codes[i] == 0, "child " << i << " exited with " << codes[i]);
    const SharedAnswer& in = shared[i];
    BOOST_TEST(in.body_size <= kMaxBody, "an answer of " << in.body_size << " bytes did not fit");
    answers.push_back(
        {in.status.load(), in.replayed, in.retry_after_one, std::string(in.body, std::min(in.body_size, kMaxBody))});
  }
  return answers;
}

std::string summary(const std::vector<Answer>& answers) {
  std::map<std::string, int> counts;
  for (const Answer& a : answers) ++counts[std::to_string(a.status) + (a.replayed ? " replayed" : "")];
  std::ostringstream out;
  for (const auto& [what, count] : counts) out << what << ": " << count << "; ";
  return out.str();
}

/// Exactly one answer is the first one (`status`, not replayed); every other is that answer replayed, byte for
/// byte, or 409 IDEMPOTENCY_KEY_IN_USE with Retry-After: 1. Returns the first answer.
Answer check_one_first_answer(const std::vector<Answer>& answers, int status) {
  std::vector<const Answer*> firsts;
  std::string bodies;
  for (const Answer& a : answers) {
    if (a.status == status && !a.replayed) {
      firsts.push_back(&a);
      bodies += "\n  " + a.body;
    }
  }
  // More than one: the request ran more than once.
  BOOST_TEST_REQUIRE(firsts.size() == 1u, "answers that are not replays (" << summary(answers) << "):" << bodies);
  const Answer& first = *firsts.front();
  for (const Answer& a : answers) {
    if (&a == &first) continue;
    if (a.replayed) {
      BOOST_TEST(a.status == first.status, summary(answers));
      BOOST_TEST(a.body == first.body);
    } else {
      BOOST_TEST(a.status == 409, "neither the first answer replayed nor 409: " << a.status << " " << a.body);
      BOOST_TEST(a.retry_after_one, a.body);
      if (a.status == 409) check_error_body(a.body, "IDEMPOTENCY_KEY_IN_USE");
    }
  }
  BOOST_TEST_MESSAGE(summary(answers));
  return first;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(same_key_at_once)

BOOST_AUTO_TEST_CASE(a_charge_sent_by_twenty_processes_with_one_key_writes_one_ledger_line) {
  TestDatabase db;
  const UserCredentials user = db.create_signed_in_user(unique_name("samekey"), 0);
  std::vector<long long> charged;
  for (int round = 0; round < kRounds; ++round) {
    const long long amount = 1000 + round;  // a line tells its round
    const auto answers = send_at_once("POST", user_path(user.id, "/balance/charge"),
                                      "{\"amount\":" + std::to_string(amount) + "}", unique_name("charge"), user);
    const Answer first = check_one_first_answer(answers, 200);
    charged.push_back(amount);
    const auto json = parse_json(first.body);
    BOOST_TEST(json_int(json, "charged") == amount);
    BOOST_TEST(json_int(json, "balance") == std::accumulate(charged.begin(), charged.end(), 0LL));
    const auto written = db.charge_amounts(user.id);
    BOOST_TEST_REQUIRE(written == charged, boost::test_tools::per_element());
  }
  BOOST_TEST(db.balance(user.id) == std::accumulate(charged.begin(), charged.end(), 0LL));
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
}

BOOST_AUTO_TEST_CASE(an_order_sent_by_twenty_processes_with_one_key_is_placed_once) {
  TestDatabase db;
  constexpr long long kStock = 100;
  const UserCredentials user = db.create_signed_in_user(unique_name("samekey"), 1'000'000);
  const Id product = insert_product(db.sql(), unique_name("samekey"), 1000, kStock);
  for (int round = 0; round < kRounds; ++round) {
    const auto answers =
        send_at_once("POST", "/api/v1/orders", order_body(user.id, {{product, 2}}), unique_name("order"), user);
    const Answer first = check_one_first_answer(answers, 201);
    const auto order = parse_json(first.body);
    BOOST_TEST(json_int(order, "userId") == user.id);
    BOOST_TEST(json_int(json_array(order, "items")[0], "quantity") == 2);
    BOOST_TEST_REQUIRE(order_count(db.sql(), user.id) == round + 1);
    // The units held by the orders (until they expire) and the stock account for every unit: each order
    // took its 2 units once.
    BOOST_TEST_REQUIRE(stock_and_held_units(db.sql(), product) == kStock);
  }
  BOOST_TEST(db.balance(user.id) == 1'000'000);  // placed, not paid
}

BOOST_AUTO_TEST_CASE(a_checkout_sent_by_twenty_processes_with_one_key_orders_once_and_empties_the_basket_once) {
  TestDatabase db;
  ShopApi api;
  constexpr long long kStock = 100;
  const UserCredentials user = db.create_signed_in_user(unique_name("samekey"), 1'000'000);
  const Id product = insert_product(db.sql(), unique_name("samekey"), 1000, kStock);
  for (int round = 0; round < kRounds; ++round) {
    expect_status(add_to_basket(api.http(), user, product, 3), 200, "POST basket/items");
    const auto answers =
        send_at_once("POST", user_path(user.id, "/basket/checkout"), "", unique_name("checkout"), user);
    const Answer first = check_one_first_answer(answers, 201);
    const auto order = parse_json(first.body);
    BOOST_TEST(json_int(json_array(order, "items")[0], "quantity") == 3);
    BOOST_TEST_REQUIRE(order_count(db.sql(), user.id) == round + 1);
    BOOST_TEST(basket_line_count(db.sql(), user.id) == 0);
    BOOST_TEST_REQUIRE(stock_and_held_units(db.sql(), product) == kStock);
  }
}

BOOST_AUTO_TEST_SUITE_END()
