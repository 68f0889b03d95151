// Exactly once through faults. A few client processes make 500 charges and 200 order+payment pairs, every
// operation with its own key (a payment too), and retry each 5xx, timeout and dropped connection with the same
// key until a 2xx or a 4xx, while PostgreSQL is stopped with -m immediate and started again, twice, and a worker
// is killed with SIGKILL; every tenth request they also give up on before its answer, as a dropped connection
// would. Afterwards each acknowledged charge is exactly one ledger line, each acknowledged order one order, each
// acknowledged payment paid once; every balance equals its ledger and what the answers add up to; stock is
// conserved; the pool and the database serve again.
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/idempotency_api.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;
using shop::model::Id;
using shop::model::Won;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kClients = 4;
constexpr int kChargesPerClient = 125;  // 500 in all
constexpr int kPairsPerClient = 50;     // 200 in all
constexpr int kStepsPerClient = kChargesPerClient + kPairsPerClient;
// Paced, so that the load lasts several seconds and each fault lands inside it, whatever the machine's speed.
constexpr auto kStep = 30ms;
// Short: a request caught by a fault is sent again, not waited on.
constexpr auto kClientTimeout = 2s;
// Every so many requests the client gives up on the first try before its answer can come, as a dropped
// connection would leave it: not knowing whether the request applied. The retry must find out from the key.
constexpr int kLoseEvery = 10;
constexpr auto kImpatientTimeout = 1ms;
constexpr auto kRetryPause = 100ms;
constexpr auto kLoadLimit = 60s;
constexpr auto kOutage = 1s;
constexpr Won kFunding = 1'000'000;  // no charge of the load has this amount
constexpr Won kPrice = 100;
constexpr long long kStock = 10'000;

/// How an operation ended: its final status (0: the client gave up at the deadline).
struct Charge {
  std::atomic<int> status;
};

struct Pair {
  std::atomic<int> order_status;
  std::atomic<long long> order_id;
  std::atomic<long long> total;
  std::atomic<int> payment_status;
  std::atomic<bool> not_payable;  ///< the payment's answer was 409 ORDER_NOT_PAYABLE
};

/// What the clients retried, in all.
struct Retries {
  std::atomic<int> server_errors;
  std::atomic<int> internal_errors;  ///< of them, 500s: a fault the shop did not recognize as one
  std::atomic<int> transport_errors;
  std::atomic<int> in_use;
  std::atomic<int> lost;     ///< first tries given up on at once
  std::atomic<int> replays;  ///< final answers that were a replay: the first answer had been lost
  std::atomic<int> steps_done;
};

/// Step s of a client is a pair when s % 7 is 3 or 6 (50 of 175), a charge otherwise (125).
bool is_pair_step(int step) {
  return step % 7 == 3 || step % 7 == 6;
}

/// The amount of a client's i-th charge: distinct within the client's user, so a ledger line names its key.
Won charge_amount(int i) {
  return 1 + i;
}

std::vector<LineRequest> pair_lines(int j, Id first, Id second) {
  const long long quantity = 1 + j % 3;
  if (j % 2 == 0) return {{first, quantity}};
  return {{first, 1}, {second, quantity}};
}

class Clients {
 public:
  Clients(std::vector<UserCredentials> users, Id first_product, Id second_product)
      : users_(std::move(users)),
        first_product_(first_product),
        second_product_(second_product),
        charges_(kClients * kChargesPerClient),
        pairs_(kClients * kPairsPerClient),
        retries_(1) {}

  void start() {
    const std::string base = require_env("SHOP_TEST_BASE_URL");
    const auto begin = Clock::now();
    group_.start(kClients, [&, base, begin](int client) { return run(base, client, begin); });
  }

  /// Waits until `steps` operations have ended (at most `limit`).
  bool wait_steps(int steps, std::chrono::milliseconds limit) {
    return wait_until(limit, [&] { return retries_[0].steps_done.load() >= steps; });
  }

  std::vector<int> wait(std::chrono::milliseconds limit) { return group_.wait(limit); }

  const Charge& charge(int client, int i) const { return charges_[index(client, i, kChargesPerClient)]; }
  const Pair& pair(int client, int j) const { return pairs_[index(client, j, kPairsPerClient)]; }
  const Retries& retries() const { return retries_[0]; }

 private:
  static std::size_t index(int client, int i, int per_client) {
    return static_cast<std::size_t>(client) * static_cast<std::size_t>(per_client) + static_cast<std::size_t>(i);
  }

  /// A client process's connections: its own, and one that gives up on every request at once.
  struct Connections {
    HttpClient http;
    HttpClient impatient;
  };

  /// The keyed request until it has its final answer, the first try thrown away when `lose_first`; none when
  /// the deadline came first.
  std::optional<HttpResponse> call(Connections& connections, bool lose_first, const std::string& path,
                                   const std::string& body, const std::string& key, Clock::time_point deadline,
                                   const std::vector<std::string>& headers) {
    Retries& r = retries_[0];
    if (lose_first) {
      try {
        send_keyed(connections.impatient, "POST", path, body, key, headers);
      } catch (const std::runtime_error&) {
        ++r.lost;
      }
    }
    const RetriedCall call =
        send_until_answered(connections.http, "POST", path, body, key, kRetryPause, deadline, headers);
    r.server_errors += call.server_errors;
    r.internal_errors += call.internal_errors;
    r.transport_errors += call.transport_errors;
    r.in_use += call.in_use;
    if (!call.answer) {
      std::fprintf(stderr, "POST %s (key %s): no answer by the deadline; last: %s\n", path.c_str(), key.c_str(),
                   call.last_problem.c_str());
      return std::nullopt;
    }
    if (replayed(*call.answer)) ++r.replays;
    return call.answer;
  }

  int run(const std::string& base, int client, Clock::time_point begin) {
    Connections connections{HttpClient(base, kClientTimeout), HttpClient(base, kImpatientTimeout)};
    const UserCredentials& credentials = users_[static_cast<std::size_t>(client)];
    const Id user = credentials.id;
    const std::vector<std::string> headers = {authorization(credentials.token)};
    const auto deadline = begin + kLoadLimit;
    int calls = 0;
    const auto keyed_call = [&](const std::string& path, const std::string& body, const std::string& key) {
      return call(connections, ++calls % kLoseEvery == 0, path, body, key, deadline, headers);
    };
    int charges = 0;
    int pairs = 0;
    for (int step = 0; step < kStepsPerClient; ++step) {
      std::this_thread::sleep_until(begin + step * kStep);
      if (!is_pair_step(step)) {
        const int i = charges++;
        const auto answer =
            keyed_call(user_path(user, "/balance/charge"), "{\"amount\":" + std::to_string(charge_amount(i)) + "}",
                       "charge-" + std::to_string(i));
        charges_[index(client, i, kChargesPerClient)].status = answer ? static_cast<int>(answer->status) : 0;
      } else {
        const int j = pairs++;
        Pair& pair = pairs_[index(client, j, kPairsPerClient)];
        const auto order =
            keyed_call("/api/v1/orders", order_body(user, pair_lines(j, first_product_, second_product_)),
                       "order-" + std::to_string(j));
        pair.order_status = order ? static_cast<int>(order->status) : 0;
        if (order && order->status == 201) {
          const auto json = parse_json(order->body);
          pair.order_id = json_int(json, "orderId");
          pair.total = json_int(json, "totalAmount");
          const auto payment =
              keyed_call("/api/v1/payments", payment_body(pair.order_id, user), "pay-" + std::to_string(j));
          pair.payment_status = payment ? static_cast<int>(payment->status) : 0;
          pair.not_payable = payment && error_code_of(payment->body) == "ORDER_NOT_PAYABLE";
        }
      }
      ++retries_[0].steps_done;
      if (Clock::now() >= deadline) return 1;
    }
    return 0;
  }

  std::vector<UserCredentials> users_;
  Id first_product_;
  Id second_product_;
  SharedArray<Charge> charges_;
  SharedArray<Pair> pairs_;
  SharedArray<Retries> retries_;
  ProcessGroup group_;
};

void check_healthy(HttpClient& http, std::size_t workers) {
  for (std::size_t i = 0; i < 2 * workers; ++i) {
    const auto health = http.get("/api/v1/health");
    BOOST_TEST(health.status == 200, health.body);
    if (health.status == 200) BOOST_TEST(json_string(parse_json(health.body), "database") == "UP");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(keyed_writes_retried_through_postgresql_crashes_and_a_killed_worker_apply_exactly_once) {
  PostgresControl postgres;
  ShopApi api;
  const pid_t master = pool_master_pid();
  const auto workers_before = worker_pids(master);
  BOOST_TEST_REQUIRE(workers_before.size() >= 2u, "the pool has " << workers_before.size() << " workers");

  std::vector<UserCredentials> users;
  Id first_product = 0;
  Id second_product = 0;
  {
    TestDatabase db;  // closed before PostgreSQL goes down
    for (int c = 0; c < kClients; ++c) users.push_back(db.create_signed_in_user(unique_name("faults"), kFunding));
    first_product = insert_product(db.sql(), unique_name("faults"), kPrice, kStock);
    second_product = insert_product(db.sql(), unique_name("faults"), kPrice, kStock);
  }

  Clients clients(users, first_product, second_product);
  clients.start();
  constexpr int kSteps = kClients * kStepsPerClient;
  for (const int percent : {10, 40}) {
    BOOST_TEST_REQUIRE(clients.wait_steps(kSteps * percent / 100, 30s), "the load stalled before " << percent << "%");
    BOOST_TEST_REQUIRE(postgres.stop("SHOP_TEST_PG_KILL"), "SHOP_TEST_PG_KILL failed");
    std::this_thread::sleep_for(kOutage);
    BOOST_TEST_REQUIRE(postgres.start(), "SHOP_TEST_PG_START failed: " << postgres.start_command());
  }
  BOOST_TEST_REQUIRE(clients.wait_steps(kSteps * 70 / 100, 30s), "the load stalled before 70%");
  const auto workers = worker_pids(master);
  BOOST_TEST_REQUIRE(!workers.empty(), "the pool has no workers after the PostgreSQL restarts");
  const pid_t victim = workers.front();
  const bool respawned = kill_worker_and_wait_for_respawn(master, victim, 10s);
  const auto codes = clients.wait(kLoadLimit + 5s);
  const Retries& retries = clients.retries();
  BOOST_TEST_MESSAGE("retried: " << retries.server_errors << " 5xx (" << retries.internal_errors << " of them 500), "
                                 << retries.transport_errors << " transport errors, " << retries.in_use << " IN_USE; "
                                 << retries.lost << " first answers lost on purpose; " << retries.replays
                                 << " final answers were replays");
  for (std::size_t c = 0; c < codes.size(); ++c) BOOST_TEST(codes[c] == 0, "client " << c << " exited " << codes[c]);
  BOOST_TEST(respawned, "worker " << victim << " was not replaced");
  // The faults were met: otherwise this test proved nothing.
  BOOST_TEST(retries.server_errors + retries.transport_errors > 0);
  // A fault is a 503 (retry), never a 500 (the shop does not know what happened).
  BOOST_TEST(retries.internal_errors == 0);
  // Requests that applied while their answers were lost came back as the first answer, not as a second change.
  BOOST_TEST(retries.replays > 0);

  TestDatabase db;
  Won paid_everywhere = 0;
  for (int c = 0; c < kClients; ++c) {
    const Id user = users[static_cast<std::size_t>(c)].id;
    BOOST_TEST_CONTEXT("client " << c << ", user " << user) {
      // One ledger line per acknowledged charge key, and no other.
      std::vector<Won> acknowledged;
      for (int i = 0; i < kChargesPerClient; ++i) {
        const int status = clients.charge(c, i).status.load();
        BOOST_TEST(status == 200, "charge " << i << ": " << status);
        if (status == 200) acknowledged.push_back(charge_amount(i));
      }
      auto written = db.charge_amounts(user);
      BOOST_TEST_REQUIRE(!written.empty());
      BOOST_TEST(written.front() == kFunding);
      written.erase(written.begin());
      std::sort(written.begin(), written.end());
      BOOST_TEST(written == acknowledged, boost::test_tools::per_element());

      // One order per acknowledged order key; each acknowledged payment paid once, each refused one not at all.
      std::vector<Id> ordered;
      Won paid = 0;
      for (int j = 0; j < kPairsPerClient; ++j) {
        const Pair& pair = clients.pair(c, j);
        BOOST_TEST(pair.order_status.load() == 201, "order " << j << ": " << pair.order_status.load());
        if (pair.order_status.load() != 201) continue;
        const Id order_id = pair.order_id.load();
        ordered.push_back(order_id);
        const int payment = pair.payment_status.load();
        if (payment == 201) {
          paid += pair.total.load();
          BOOST_TEST(stored_status(db.sql(), order_id) == "PAID", "order " << order_id);
          BOOST_TEST(payment_rows(db.sql(), order_id) == 1, "order " << order_id);
          BOOST_TEST(payment_ledger_lines(db.sql(), order_id) == 1, "order " << order_id);
        } else {
          // Held up by the faults past its deadline: refused, and then it must not have been paid either.
          BOOST_TEST((payment == 409 && pair.not_payable.load()), "payment of order " << order_id << ": " << payment);
          BOOST_TEST(stored_status(db.sql(), order_id) != "PAID", "order " << order_id);
          BOOST_TEST(payment_rows(db.sql(), order_id) == 0, "order " << order_id);
        }
      }
      std::sort(ordered.begin(), ordered.end());
      BOOST_TEST(order_ids_of(db.sql(), user) == ordered, boost::test_tools::per_element());

      const Won charged = std::accumulate(acknowledged.begin(), acknowledged.end(), Won{0});
      BOOST_TEST(db.balance(user) == kFunding + charged - paid);
      BOOST_TEST(db.ledger_sum(user) == db.balance(user));
      paid_everywhere += paid;
    }
  }
  BOOST_TEST_MESSAGE("paid " << paid_everywhere << " won in all");
  for (const Id product : {first_product, second_product}) {
    BOOST_TEST(stock_and_held_units(db.sql(), product) == kStock, "product " << product);
  }

  BOOST_TEST(pool_master_pid() == master);
  BOOST_TEST(worker_pids(master).size() == workers_before.size());
  check_healthy(api.http(), workers_before.size());
}
