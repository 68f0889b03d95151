// A database that stops answering without closing anything (every PostgreSQL process of the cluster frozen
// with SIGSTOP: server-side timeouts cannot fire, the sockets stay open) never holds the pool: each worker's
// call is cut by the client-side deadline (statement timeout + 2 s) and answers 503, all workers at once;
// once the cluster runs again, the same workers reconnect by themselves and requests succeed.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

/// The pool's client deadline: its SHOP_DB_STATEMENT_TIMEOUT_MS (as scripts/test sets it) plus 2 s.
std::chrono::milliseconds client_deadline() {
  return std::chrono::milliseconds(std::stoll(require_env("SHOP_TEST_DB_STATEMENT_TIMEOUT_MS"))) + 2s;
}

pid_t postmaster_pid() {
  std::ifstream file(require_env("SHOP_TEST_PG_DATA") + "/postmaster.pid");
  long long pid = 0;
  if (!(file >> pid) || pid <= 0) throw std::runtime_error("no pid in postmaster.pid");
  return static_cast<pid_t>(pid);
}

/// Every process of the cluster stopped with SIGSTOP while it lives; SIGCONT to all of them at its end,
/// whatever happened meanwhile, so that a failed check never leaves the shared stack frozen.
class FrozenCluster {
 public:
  FrozenCluster() : postmaster_(postmaster_pid()) {
    // The postmaster first, so that it starts no process that would escape.
    if (::kill(postmaster_, SIGSTOP) != 0) throw std::runtime_error("cannot stop the postmaster");
    backends_ = children_of(postmaster_);
    for (const pid_t pid : backends_) ::kill(pid, SIGSTOP);
  }
  ~FrozenCluster() {
    for (const pid_t pid : backends_) ::kill(pid, SIGCONT);
    ::kill(postmaster_, SIGCONT);
  }
  FrozenCluster(const FrozenCluster&) = delete;
  FrozenCluster& operator=(const FrozenCluster&) = delete;

  std::size_t processes() const { return 1 + backends_.size(); }

 private:
  pid_t postmaster_;
  std::vector<pid_t> backends_;
};

struct Timed {
  HttpResponse response;
  std::chrono::milliseconds took;
};

Timed timed_health(std::chrono::milliseconds client_timeout) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"), client_timeout);
  const auto started = Clock::now();
  HttpResponse response = http.get("/api/v1/health");
  return {std::move(response), std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_frozen_database_gives_503s_within_the_client_deadline_then_success_when_it_runs_again) {
  ShopApi api;
  const pid_t master = pool_master_pid();
  const auto workers = worker_pids(master);
  UserCredentials user;
  {
    TestDatabase db;  // closed before the freeze: it must not be used while the cluster is stopped
    user = db.create_signed_in_user(unique_name("frozen"), 1000);
  }
  // Every worker holds an open connection now: the freeze meets them mid-call, not while connecting.
  for (std::size_t i = 0; i < 4 * workers.size(); ++i) BOOST_TEST_REQUIRE(api.balance(user) == 1000);

  // A bound, not a speed: the client deadline, plus the margin of a loaded machine.
  const auto bound = client_deadline() + 3s;
  {
    const FrozenCluster frozen;
    BOOST_TEST_MESSAGE("froze " << frozen.processes() << " PostgreSQL processes");
    // One health check per worker at once: each worker's connection is cut by its own deadline.
    std::vector<std::future<Timed>> checks;
    for (std::size_t i = 0; i < workers.size(); ++i) {
      checks.push_back(std::async(std::launch::async, [&] { return timed_health(bound + 10s); }));
    }
    for (auto& check : checks) {
      const Timed answer = check.get();
      BOOST_TEST(answer.response.status == 503, answer.response.body);
      check_contract_headers(answer.response);
      if (answer.response.status == 503) {
        BOOST_TEST(json_string(parse_json(answer.response.body), "database") == "DOWN");
      }
      BOOST_TEST(answer.took.count() < bound.count(), answer.took.count() << " ms");
    }
    // The client-side deadline cut them (model/db/database.cpp's message), not something else.
    BOOST_TEST(wait_for_log_line("no answer within", 5s).has_value());
    // Still frozen: a write is refused within the bound too (reconnecting is bounded by connect_timeout).
    const auto started = Clock::now();
    const auto charge = api.charge(user, 1);
    check_error(charge, "SERVICE_UNAVAILABLE");
    BOOST_TEST(charge.header("Retry-After").value_or("<none>") == "1");
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    BOOST_TEST(took.count() < bound.count(), took.count() << " ms");
    BOOST_TEST(pool_master_pid() == master);
  }

  // Running again: within a bounded time, 20 answers in a row, from all workers, are successes.
  int in_a_row = 0;
  long long charged = 0;
  const auto deadline = Clock::now() + 30s;
  while (in_a_row < 20 && Clock::now() < deadline) {
    const auto health = api.http().get("/api/v1/health");
    const auto charge = api.charge(user, 10);
    if (charge.status == 200) ++charged;
    if (health.status == 200 && charge.status == 200) {
      ++in_a_row;
    } else {
      BOOST_TEST_MESSAGE("not yet: health " << health.status << ", charge " << charge.status);
      in_a_row = 0;
      std::this_thread::sleep_for(100ms);
    }
  }
  BOOST_TEST(in_a_row == 20, "requests did not succeed again within 30 s");
  BOOST_TEST(pool_master_pid() == master);
  // The workers carried on (they reconnect; none was replaced).
  BOOST_TEST(worker_pids(master) == workers, boost::test_tools::per_element());

  TestDatabase db;
  // The refused charge changed nothing; every accepted one is in the ledger.
  BOOST_TEST(db.balance(user.id) == 1000 + 10 * charged);
  BOOST_TEST(db.ledger_sum(user.id) == db.balance(user.id));
  BOOST_TEST(db.ledger_count(user.id) == 1 + charged);
}
