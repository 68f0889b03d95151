#pragma once

// What the relay tests share: paying an order through nginx, the admin outbox API (README "Admin outbox"),
// the requests the receiver got for one order, the pool's relay process, and leaving the outbox drained.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/types.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/receiver.hpp"

namespace shop::test {

/// An order placed and paid through nginx (the payment answered 201).
struct PaidOrder {
  model::Id order_id = 0;
  model::Id user_id = 0;
  model::Id payment_id = 0;
  model::Won amount = 0;
  std::string paid_at;
};

/// Places an order of `lines` for `user` and pays it, with its token; throws std::runtime_error unless both
/// succeed.
PaidOrder place_and_pay(HttpClient& http, const UserCredentials& user, const std::vector<LineRequest>& lines);

/// An event as GET /api/v1/admin/outbox lists it.
struct ListedEvent {
  std::string event_id;
  std::string type;
  std::string status;
  long long attempts = 0;
  std::optional<std::string> last_error;
  std::string next_attempt_at;
  std::optional<std::string> delivered_at;
  std::string event;  ///< the "event" member, as JSON text
  model::Id order_id = 0;
};

/// GET /api/v1/admin/outbox?status=...&page=...&size=... with the admin token; the answer as it came.
HttpResponse admin_outbox(HttpClient& http, const std::string& status, int page = 1, int size = 100);
/// The event of `order_id` among the events of `status` (newest first; up to 20 pages of 100 are read).
std::optional<ListedEvent> listed_event(HttpClient& http, const std::string& status, model::Id order_id);
/// Waits up to `limit` until the event of `order_id` is listed with `status`; that listing, or nullopt.
std::optional<ListedEvent> wait_for_listed(HttpClient& http, const std::string& status, model::Id order_id,
                                           std::chrono::milliseconds limit);
/// How many events have `status` (the list's totalCount).
long long outbox_count(HttpClient& http, const std::string& status);
/// POST /api/v1/admin/outbox/{eventId}/retry, with the admin token unless `with_token` is false.
HttpResponse retry_event(HttpClient& http, const std::string& event_id, bool with_token = true);

/// The receiver's requests whose body is the event of `order_id`, in arrival order.
std::vector<ReceivedRequest> requests_for(const Receiver& receiver, model::Id order_id);
/// True when the receiver has answered 200 to a request carrying the event of each of `orders`.
bool all_answered_ok(const Receiver& receiver, const std::vector<PaidOrder>& orders);
/// True when the admin list shows the event of each of `orders` DELIVERED.
bool all_listed_delivered(HttpClient& http, const std::vector<PaidOrder>& orders);

/// Starts the receiver answering 200 and waits (up to `limit`) until no event is PENDING, so that events of
/// earlier tests neither delay this test's events nor take its receiver's answers. False when some remain.
bool drain_outbox(HttpClient& http, Receiver& receiver, std::chrono::milliseconds limit = std::chrono::seconds(30));

/// What every relay test starts from: a client of nginx, the receiver (stopped when the test ends, so that
/// nothing listens between tests), and fresh products and buyers.
struct RelayFixture {
  RelayFixture();

  model::Id product(model::Won price = 1000, long long stock = 100);
  UserCredentials buyer(model::Won balance = 1'000'000);

  HttpClient http;
  Receiver receiver;
};

/// The pool's SHOP_RELAY_MAX_ATTEMPTS as scripts/test sets it: SHOP_TEST_RELAY_MAX_ATTEMPTS, else 4.
int relay_max_attempts();

/// The pid of a pool's relay process: the newest "outbox relay ready" line of its log, if that process is a live
/// child of its master. By default the pool of scripts/test (SHOP_TEST_POOL_LOG, SHOP_TEST_POOL_PID_FILE).
std::optional<pid_t> relay_pid();
std::optional<pid_t> relay_pid(const std::string& log_path, pid_t master);

/// A second pool (SHOP_TEST_SHOP_BIN, one worker) on the test database, relaying to the same receiver, as a
/// second machine of the shop would: for what several pools sharing one database must get right. Its files are
/// in SHOP_TEST_TMP_DIR; it is stopped (SIGTERM, then SIGKILL after 15 s) when this goes.
class SecondPool {
 public:
  SecondPool();
  ~SecondPool();
  SecondPool(const SecondPool&) = delete;
  SecondPool& operator=(const SecondPool&) = delete;

  pid_t master() const { return master_; }
  const std::string& log_path() const { return log_; }

 private:
  std::string dir_;
  std::string log_;
  pid_t master_ = -1;
};

}  // namespace shop::test
