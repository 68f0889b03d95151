// A request that hangs in a worker past SHOP_REQUEST_TIMEOUT_SECONDS (the test builds' X-Shop-Test-Sleep-Ms):
// nginx, whose read timeout is the same deadline, answers its client 504 GATEWAY_TIMEOUT JSON, and a second
// later the master stops that worker and starts another at once; the pool then serves on with as many workers
// as before. A SIGHUP sent while
// a worker hangs completes within its bound.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::seconds request_timeout() {
  return std::chrono::seconds(std::stoi(require_env("SHOP_TEST_REQUEST_TIMEOUT_SECONDS")));
}

constexpr auto kGrace = 2s;         // the master's SIGTERM to SIGKILL for such a worker
constexpr auto kStopTimeout = 10s;  // the pool's stop timeout, which bounds a reload's retiring worker

/// What the hanging request's client saw: status, whether the body was the JSON error of that status, and
/// how long it took.
struct HangResult {
  std::atomic<int> status;
  std::atomic<int> json_error;
  std::atomic<long long> millis;
};

/// Starts one process that asks for a sleep far past the deadline through nginx.
void start_hanging_request(ProcessGroup& group, SharedArray<HangResult>& result) {
  group.start(1, [&](int) {
    HttpClient http(require_env("SHOP_TEST_BASE_URL"), 60s);
    const auto started = Clock::now();
    const auto response = http.get("/api/v1/health", {"X-Shop-Test-Sleep-Ms: 120000"});
    result[0].millis = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    result[0].status = static_cast<int>(response.status);
    const char* expected = response.status == 504 ? "GATEWAY_TIMEOUT" : "SERVICE_UNAVAILABLE";
    try {
      const auto json = parse_json(response.body);
      result[0].json_error = json_string(json_object(json, "error"), "code") == expected ? 1 : 0;
    } catch (const std::exception&) {
      result[0].json_error = 0;
    }
    return 0;
  });
}

bool all_healthy(int count) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  for (int i = 0; i < count; ++i) {
    if (http.get("/api/v1/health").status != 200) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_request_past_the_deadline_is_answered_and_its_worker_replaced) {
  const pid_t master = pool_master_pid();
  const auto before = worker_pids(master);
  BOOST_TEST_REQUIRE(before.size() >= 2u);

  SharedArray<HangResult> result(1);
  ProcessGroup group;
  start_hanging_request(group, result);
  const auto codes = group.wait(request_timeout() + kGrace + 30s);
  BOOST_TEST_REQUIRE(codes.at(0) == 0);
  BOOST_TEST_MESSAGE("the hanging request got " << result[0].status << " after " << result[0].millis << " ms");
  BOOST_TEST(result[0].status == 504, "status " << result[0].status);
  BOOST_TEST(result[0].json_error == 1);
  // Not before the deadline, and not long after the kill.
  BOOST_TEST(result[0].millis >= std::chrono::duration_cast<std::chrono::milliseconds>(request_timeout()).count());
  BOOST_TEST(result[0].millis <=
             std::chrono::duration_cast<std::chrono::milliseconds>(request_timeout() + kGrace + 5s).count());

  // One worker replaced: one old pid gone, as many workers as before, the master the same.
  const bool replaced = wait_until(10s, [&] {
    const auto now = worker_pids(master);
    const auto kept = std::count_if(before.begin(), before.end(),
                                    [&](pid_t pid) { return std::find(now.begin(), now.end(), pid) != now.end(); });
    return now.size() == before.size() && kept == static_cast<long>(before.size()) - 1;
  });
  BOOST_TEST(replaced, "workers before " << before.size() << ", now " << worker_pids(master).size());
  BOOST_TEST(pool_master_pid() == master);
  BOOST_TEST(wait_for_log_line("past SHOP_REQUEST_TIMEOUT_SECONDS", 5s).has_value());
  BOOST_TEST(all_healthy(2 * static_cast<int>(before.size())));
}

BOOST_AUTO_TEST_CASE(a_reload_during_a_hanging_request_completes_within_its_bound) {
  const pid_t master = pool_master_pid();
  const auto before = worker_pids(master);
  BOOST_TEST_REQUIRE(before.size() >= 2u);

  SharedArray<HangResult> result(1);
  ProcessGroup group;
  start_hanging_request(group, result);
  // Setup, not a measure: give nginx a moment to hand the request to a worker before the reload.
  std::this_thread::sleep_for(1s);
  const auto sent = Clock::now();
  BOOST_TEST_REQUIRE(::kill(master, SIGHUP) == 0);
  const bool replaced = wait_until(kStopTimeout + 10s, [&] {
    const auto now = worker_pids(master);
    return now.size() == before.size() && std::none_of(now.begin(), now.end(), [&](pid_t pid) {
             return std::find(before.begin(), before.end(), pid) != before.end();
           });
  });
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent);
  BOOST_TEST_MESSAGE("reload took " << took.count() << " ms");
  BOOST_TEST(replaced, "workers now: " << worker_pids(master).size());
  const auto codes = group.wait(request_timeout() + kGrace + 30s);
  BOOST_TEST(codes.at(0) == 0);
  BOOST_TEST(result[0].status == 504, "status " << result[0].status);
  BOOST_TEST(pool_master_pid() == master);
  BOOST_TEST(all_healthy(2 * static_cast<int>(before.size())));
}
