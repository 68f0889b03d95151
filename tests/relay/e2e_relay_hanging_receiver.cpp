// The relay is never in the way: while the data platform accepts the relay's POST and never answers,
// payments through nginx go on at full speed — every one 201, none waiting for the platform — and their events
// wait PENDING; when the platform answers again, all of them arrive.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/pool.hpp"
#include "tests/support/relay_api.hpp"

using namespace shop;
using namespace shop::test;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kPayments = 50;
// Liveness bounds, not speed requirements. A payment that waited for the platform would take at least the
// relay's request timeout (10 s); fifty payments normally take a second or two.
constexpr milliseconds kPaymentBound{8'000};
constexpr milliseconds kRunBound{20'000};

}  // namespace

BOOST_FIXTURE_TEST_CASE(payments_complete_promptly_while_the_receiver_hangs_and_their_events_wait, RelayFixture) {
  BOOST_TEST_REQUIRE(drain_outbox(http, receiver), "events of earlier tests still PENDING");
  const model::Id goods = product(100, kPayments + 1);
  const UserCredentials user = buyer(100'000);

  // First make sure the relay is stuck: its POST of a first event is held by the receiver.
  receiver.hang();
  const PaidOrder probe = place_and_pay(http, user, {{goods, 1}});
  BOOST_TEST_REQUIRE(wait_until(seconds(10), [&] { return !requests_for(receiver, probe.order_id).empty(); }),
                     "the relay did not POST within 10 s");

  std::vector<PaidOrder> orders;
  std::vector<long> statuses;
  milliseconds slowest{0};
  const auto started = Clock::now();
  for (int i = 0; i < kPayments; ++i) {
    const model::Id order_id = place_order_id(http, user, {{goods, 1}});
    const auto before = Clock::now();
    const auto paid = pay_order(http, order_id, user);
    slowest = std::max(slowest, std::chrono::duration_cast<milliseconds>(Clock::now() - before));
    statuses.push_back(paid.status);
    if (paid.status == 201) orders.push_back(PaidOrder{order_id, user.id, 0, 100, {}});
  }
  const auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  BOOST_TEST_MESSAGE(kPayments << " orders placed and paid in " << elapsed.count() << " ms, slowest payment "
                               << slowest.count() << " ms, receiver hanging");

  BOOST_TEST(std::count(statuses.begin(), statuses.end(), 201L) == kPayments);
  BOOST_TEST(slowest.count() < kPaymentBound.count());
  BOOST_TEST(elapsed.count() < kRunBound.count());

  // Nothing was answered, so nothing is delivered: every event waits PENDING.
  orders.push_back(probe);
  for (const auto& order : orders) {
    BOOST_TEST_CONTEXT("order " << order.order_id) {
      const auto requests = requests_for(receiver, order.order_id);
      BOOST_TEST(std::none_of(requests.begin(), requests.end(), [](const auto& r) { return r.answered != 0; }));
      BOOST_TEST(listed_event(http, "PENDING", order.order_id).has_value());
    }
  }

  // The platform answers again (the held request too): every event arrives.
  receiver.answer_ok();
  BOOST_TEST(
      wait_until(seconds(40), [&] { return all_answered_ok(receiver, orders) && all_listed_delivered(http, orders); }),
      "not every event was delivered within 40 s of the receiver answering");
}
