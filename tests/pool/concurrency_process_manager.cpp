// Process management as php-fpm's (README "Process management"), each on a pool of the test's own
// (private_pool.hpp): pm=dynamic grows under load up to max children and never past it, then shrinks back
// within the spare limits; pm=ondemand runs no worker while idle, spawns one for a connection and lets it go
// after the idle timeout; max_requests recycles the workers under load from several clients without one
// failed request; bad pm combinations are refused at start with exit code 2 and a message naming them.
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "tests/pool/private_pool.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

using Env = std::vector<std::pair<std::string, std::string>>;

/// Clients, each a process sending GETs until told to stop or out of time, counting answers 200 and failures.
class Load {
 public:
  Load(const PrivatePool& pool, int clients, int sleep_ms, int requests_each = 0)
      : counts_(2 * static_cast<std::size_t>(clients) + 1), clients_(clients) {
    group_.start(clients, [&pool, this, sleep_ms, requests_each](int index) {
      const auto deadline = std::chrono::steady_clock::now() + 60s;
      for (int i = 0;
           (requests_each == 0 || i < requests_each) && stop() == 0 && std::chrono::steady_clock::now() < deadline;
           ++i) {
        const bool ok = pool.get("/api/v1/health?c=" + std::to_string(index), sleep_ms) == 200;
        ++counts_[static_cast<std::size_t>(ok ? 2 * index : 2 * index + 1)];
      }
      return 0;
    });
  }

  long long answered() const { return sum(0); }
  long long failed() const { return sum(1); }
  /// Stops the clients (after their request in flight) and waits for them.
  std::vector<int> finish(std::chrono::milliseconds limit) {
    stop() = 1;
    return group_.wait(limit);
  }

 private:
  std::atomic<long long>& stop() { return counts_[counts_.size() - 1]; }
  long long sum(int offset) const {
    long long total = 0;
    for (int i = 0; i < clients_; ++i) total += counts_[static_cast<std::size_t>(2 * i + offset)];
    return total;
  }

  SharedArray<std::atomic<long long>> counts_;
  int clients_;
  ProcessGroup group_;
};

std::size_t workers_of(const PrivatePool& pool) {
  return worker_pids(pool.master()).size();
}

/// Runs the pool's binary with `env` set on top of the test database; its exit code and output.
std::pair<int, std::string> start_with(const Env& env) {
  for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
  auto result = PrivatePool::run_once({"--socket", "/nonexistent/dir/s", "--pid-file", "/nonexistent/dir/p"}, 15s);
  for (const auto& [name, value] : env) ::unsetenv(name.c_str());
  return result;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dynamic_grows_to_max_children_under_load_and_shrinks_back_within_the_spares) {
  PrivatePool pool(2, {{"SHOP_PM", "dynamic"},
                       {"SHOP_PM_MAX_CHILDREN", "5"},
                       {"SHOP_PM_START_SERVERS", "1"},
                       {"SHOP_PM_MIN_SPARE_SERVERS", "1"},
                       {"SHOP_PM_MAX_SPARE_SERVERS", "2"}});
  BOOST_TEST(wait_until(5s, [&] { return workers_of(pool) <= 2u; }));
  std::size_t most = 0;
  bool over = false;
  Load load(pool, 7, 300);  // more clients than max children, each request 300 ms
  const bool grew = wait_until(20s, [&] {
    const std::size_t now = workers_of(pool);
    most = std::max(most, now);
    over = over || now > 5u;
    return now == 5u && load.answered() >= 20;
  });
  // Held at max children a while longer: it never goes past it.
  wait_until(1500ms, [&] {
    const std::size_t now = workers_of(pool);
    most = std::max(most, now);
    over = over || now > 5u;
    return false;
  });
  load.finish(30s);
  BOOST_TEST_MESSAGE("answered " << load.answered() << ", failed " << load.failed() << ", most workers " << most);
  BOOST_TEST(grew);
  BOOST_TEST(most == 5u);
  BOOST_TEST(!over);
  BOOST_TEST(load.failed() == 0);
  BOOST_TEST(pool.wait_for_log("SHOP_PM_MAX_CHILDREN (5) reached", 5s));
  // Idle now: one idle worker retired a second until at most max spare (2) are left, and at least min spare.
  BOOST_TEST(wait_until(20s, [&] { return workers_of(pool) <= 2u; }));
  BOOST_TEST(workers_of(pool) >= 1u);
  BOOST_TEST(pool.wait_for_log("idle: retired (SHOP_PM=dynamic)", 1s));
  BOOST_TEST(pool.get("/api/v1/health") == 200);
}

BOOST_AUTO_TEST_CASE(ondemand_runs_no_worker_while_idle_and_spawns_one_for_a_connection) {
  PrivatePool pool(
      2, {{"SHOP_PM", "ondemand"}, {"SHOP_PM_MAX_CHILDREN", "3"}, {"SHOP_PM_PROCESS_IDLE_TIMEOUT_SECONDS", "1"}});
  // The worker spawned for the start's health check leaves after the idle timeout: none are left.
  BOOST_TEST_REQUIRE(wait_until(10s, [&] { return workers_of(pool) == 0u; }));
  BOOST_TEST(pool.wait_for_log("idle: retired (SHOP_PM=ondemand)", 1s));
  BOOST_TEST(pool.get("/api/v1/health") == 200);  // with no worker: the master spawns one
  BOOST_TEST(workers_of(pool) == 1u);
  // Several at once: more workers, never past max children, no failure.
  std::size_t most = 0;
  Load load(pool, 5, 400, 4);
  wait_until(30s, [&] {
    most = std::max(most, workers_of(pool));
    return load.answered() + load.failed() >= 20;
  });
  const auto codes = load.finish(30s);
  BOOST_TEST(most == 3u);
  BOOST_TEST(load.failed() == 0);
  BOOST_TEST(load.answered() == 20);
  BOOST_TEST(std::count(codes.begin(), codes.end(), 0) == 5);
  BOOST_TEST(wait_until(15s, [&] { return workers_of(pool) == 0u; }));
  BOOST_TEST(pool.get("/api/v1/health") == 200);
}

BOOST_AUTO_TEST_CASE(max_requests_recycles_workers_under_load_without_a_failed_request) {
  PrivatePool pool(2, {{"SHOP_PM_MAX_REQUESTS", "15"}, {"SHOP_PM_MAX_REQUESTS_JITTER", "5"}});
  const pid_t master = pool.master();
  const auto first_workers = worker_pids(master);
  BOOST_TEST_REQUIRE(first_workers.size() == 2u);
  Load load(pool, 4, 0, 60);  // 240 requests: each worker leaves after 15..20, so a dozen recycle
  wait_until(60s, [&] { return load.answered() + load.failed() >= 240; });
  const auto codes = load.finish(30s);
  // Counted from the log: a worker that lives a fraction of a second can slip between two looks at the pids.
  const std::size_t recycled = pool.log_lines_with("worker recycling: served");
  BOOST_TEST_MESSAGE("answered " << load.answered() << ", failed " << load.failed() << ", recycled " << recycled);
  BOOST_TEST(load.failed() == 0);
  BOOST_TEST(load.answered() == 240);
  BOOST_TEST(std::count(codes.begin(), codes.end(), 0) == 4);
  BOOST_TEST(recycled >= 6u);
  for (const pid_t pid : first_workers) BOOST_TEST(!process_alive(pid));
  BOOST_TEST(pool.wait_for_log("worker recycling: served", 1s));
  // Replaced as planned, never taken for a crash (which would be respawned with a back-off).
  BOOST_TEST(!pool.wait_for_log("respawning in", 100ms));
  BOOST_TEST(wait_until(10s, [&] { return worker_pids(master).size() == 2u; }));
  BOOST_TEST(pool.get("/api/v1/health") == 200);
}

BOOST_AUTO_TEST_CASE(a_recycling_worker_serves_the_connection_it_holds_before_it_leaves) {
  PrivatePool pool(1, {{"SHOP_PM_MAX_REQUESTS", "3"}});  // the start's health check was the first
  const pid_t master = pool.master();
  const auto first = worker_pids(master);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  // Connected but silent, as nginx may be: the only worker accepts it and holds it, then serves its limit.
  FastCgiConnection silent(pool.socket());
  BOOST_TEST(pool.get("/api/v1/health") == 200);
  BOOST_TEST(pool.get("/api/v1/health") == 200);
  BOOST_TEST_REQUIRE(pool.wait_for_log("worker recycling: served 3 requests", 5s));
  BOOST_TEST(pool.get("/api/v1/health") == 200);  // the replacement takes new connections meanwhile
  auto params = nginx_like_params("GET", "/api/v1/health", 0);
  for (auto& [name, value] : params) value = name == "REQUEST_ID" ? "held-by-the-recycling-worker" : value;
  const auto answer = silent.request(params, "", false);
  BOOST_TEST(answer.status() == 200);
  BOOST_TEST(pool.wait_for_log("pid=" + std::to_string(first[0]) + " INFO rid=held-by-the-recycling-worker", 2s));
  BOOST_TEST(wait_until(10s, [&] { return !process_alive(first[0]) && worker_pids(master).size() == 1u; }));
}

BOOST_AUTO_TEST_CASE(bad_pm_combinations_are_refused_at_start_naming_the_settings) {
  const std::vector<std::pair<Env, std::string>> cases = {
      {{{"SHOP_PM", "sometimes"}}, "SHOP_PM must be static, dynamic or ondemand, got 'sometimes'"},
      {{{"SHOP_PM", "dynamic"},
        {"SHOP_PM_MAX_CHILDREN", "4"},
        {"SHOP_PM_MIN_SPARE_SERVERS", "3"},
        {"SHOP_PM_MAX_SPARE_SERVERS", "2"}},
       "SHOP_PM_MIN_SPARE_SERVERS (3) must not be greater than SHOP_PM_MAX_SPARE_SERVERS (2)"},
      {{{"SHOP_PM", "dynamic"}, {"SHOP_PM_MAX_CHILDREN", "4"}, {"SHOP_PM_MAX_SPARE_SERVERS", "6"}},
       "SHOP_PM_MAX_SPARE_SERVERS (6) must not be greater than SHOP_PM_MAX_CHILDREN (4)"},
      {{{"SHOP_PM", "dynamic"}, {"SHOP_PM_MAX_CHILDREN", "4"}, {"SHOP_PM_START_SERVERS", "4"}},
       "SHOP_PM_START_SERVERS (4) must be between SHOP_PM_MIN_SPARE_SERVERS (1) and SHOP_PM_MAX_SPARE_SERVERS (3)"},
      {{{"SHOP_PM_MAX_CHILDREN", "0"}}, "SHOP_PM_MAX_CHILDREN must be an integer in 1..256, got '0'"},
      {{{"SHOP_PM_MAX_REQUESTS", "-1"}}, "SHOP_PM_MAX_REQUESTS must be an integer"},
  };
  for (const auto& [env, message] : cases) {
    const auto [code, text] = start_with(env);
    BOOST_TEST(code == 2, text);
    BOOST_TEST(text.find("shop: " + message) != std::string::npos, text);
  }
}
