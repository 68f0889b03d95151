// A worker that dies leaves its counts behind: the master adds them to the retired totals when it reaps it, so
// the status page's totals never drop when a worker is replaced.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/ops/status_checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(totals_survive_a_killed_worker) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  for (int i = 0; i < 40; ++i) BOOST_TEST_REQUIRE(http.get("/api/v1/health").status != 0);
  const auto before = get_status("?full");
  pid_t victim = 0;
  long long most = 0;
  for (const auto& process : json_array(before, "processes").GetArray()) {
    if (json_string(process, "role") == "worker" && json_int(process, "requests") > most) {
      most = json_int(process, "requests");
      victim = static_cast<pid_t>(json_int(process, "pid"));
    }
  }
  BOOST_TEST_REQUIRE(most > 0);
  BOOST_TEST_REQUIRE(kill_worker_and_wait_for_respawn(pool_master_pid(), victim, 10s));
  const auto after = get_status("?full");
  BOOST_TEST(status_number(after, "accepted conn") >= status_number(before, "accepted conn"));
  for (const char* status_class : {"2xx", "4xx", "5xx"}) {
    BOOST_TEST(json_int(json_object(after, "answers"), status_class) >=
               json_int(json_object(before, "answers"), status_class));
  }
  for (const auto& process : json_array(after, "processes").GetArray()) {
    BOOST_TEST(json_int(process, "pid") != victim);
  }
}
