// The status page through nginx: php-fpm's fields and Shop's own, ?openmetrics accepted by promtool (Debian's
// prometheus, which scripts/test installs), the same 404 as an unknown path for any client but 127.0.0.1, and a
// slow request logged with where its time went and counted.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/ops/status_checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

/// Runs promtool over `text`; its exit code (127 when it is not installed).
int promtool_check(const std::string& text, const std::string& name) {
  const std::string file = require_env("SHOP_TEST_TMP_DIR") + "/" + name + ".prom";
  std::ofstream(file) << text;
  return run_shell("promtool check metrics < '" + file + "' >&2");
}

/// The number right after `label` in a log line ("database 3.1 ms"), -1 when absent.
double number_after(const std::string& line, const std::string& label) {
  const auto at = line.find(label);
  if (at == std::string::npos) return -1;
  return std::stod(line.substr(at + label.size()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(json_has_php_fpm_fields_and_shops_own) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  BOOST_TEST_REQUIRE(http.get("/api/v1/health").status == 200);
  const auto response = http.get("/status");
  BOOST_TEST_REQUIRE(response.status == 200);
  BOOST_TEST(response.header("Content-Type").value_or("").starts_with("application/json"));
  BOOST_TEST(response.header("X-Request-Id").has_value());
  const auto status = parse_json(response.body);
  BOOST_TEST(json_string(status, "pool") == "shop");
  BOOST_TEST(json_string(status, "process manager") == "static");
  for (const char* name :
       {"start time", "start since", "accepted conn", "listen queue", "max listen queue", "listen queue len",
        "idle processes", "active processes", "total processes", "max active processes", "max children reached",
        "slow requests", "database errors", "orders expired"}) {
    BOOST_TEST(status_number(status, name) >= 0, name);
  }
  BOOST_TEST(status_number(status, "accepted conn") >= 1);
  BOOST_TEST(status_number(status, "listen queue len") > 0);
  BOOST_TEST(json_int(json_object(status, "answers"), "2xx") >= 1);
  for (const char* name : {"outbox pending", "outbox failed", "outbox oldest pending age", "outbox figures age"}) {
    BOOST_TEST(json_has(status, name), name);
  }
  // No read standby here: its counts are there, and null.
  for (const char* name : {"read standby in use", "read standby left aside"}) {
    BOOST_TEST_REQUIRE(json_has(status, name), name);
    BOOST_TEST(status[name].IsNull(), name);
  }
  // The sweeper reads the outbox figures within seconds of its start.
  BOOST_TEST(wait_until(10s, [] { return status_number(get_status(), "outbox figures age") >= 0; }));
  // ?full: one entry per child of the master, the workers among them.
  const auto full = get_status("?full");
  int workers = 0;
  for (const auto& process : json_array(full, "processes").GetArray()) {
    BOOST_TEST(json_int(process, "pid") > 0);
    BOOST_TEST(json_int(process, "memory") > 0);
    if (json_string(process, "role") == "worker") ++workers;
  }
  BOOST_TEST(workers == status_number(full, "total processes"));
}

BOOST_AUTO_TEST_CASE(counts_grow_with_the_answers_by_class) {
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  const auto before = get_status();
  BOOST_TEST_REQUIRE(http.get("/api/v1/health").status == 200);
  BOOST_TEST_REQUIRE(http.get("/api/v1/products/999999999").status == 404);
  const auto after = get_status();
  BOOST_TEST(status_number(after, "accepted conn") >= status_number(before, "accepted conn") + 2);
  BOOST_TEST(json_int(json_object(after, "answers"), "2xx") >= json_int(json_object(before, "answers"), "2xx") + 1);
  BOOST_TEST(json_int(json_object(after, "answers"), "4xx") >= json_int(json_object(before, "answers"), "4xx") + 1);
}

BOOST_AUTO_TEST_CASE(openmetrics_is_accepted_by_promtool) {
  BOOST_TEST_REQUIRE(run_shell("command -v promtool >/dev/null") == 0,
                     "promtool is missing: scripts/test installs Debian's prometheus package");
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  for (const std::string query : {"?openmetrics", "?openmetrics&full"}) {
    const auto response = http.get("/status" + query);
    BOOST_TEST_REQUIRE(response.status == 200);
    BOOST_TEST(response.header("Content-Type").value_or("").starts_with("text/plain; version=0.0.4"));
    BOOST_TEST(response.body.ends_with("\n# EOF\n"));
    BOOST_TEST(response.body.find("# TYPE shop_accepted_connections_total counter") != std::string::npos);
    BOOST_TEST(response.body.find("shop_answers_total{class=\"2xx\"}") != std::string::npos);
    BOOST_TEST(promtool_check(response.body, query == "?openmetrics" ? "status" : "status-full") == 0, query);
  }
}

BOOST_AUTO_TEST_CASE(from_any_address_but_127_0_0_1_it_is_404) {
  HttpClient other(require_env("SHOP_TEST_BASE_URL"));
  other.set_source_address("127.0.0.2");
  // The address reaches nginx: the API answers it.
  BOOST_TEST_REQUIRE(other.get("/api/v1/health").status == 200);
  for (const std::string query : {"", "?full", "?openmetrics"}) {
    const auto response = other.get("/status" + query);
    BOOST_TEST(response.status == 404, query);
    BOOST_TEST(error_code_of(response.body) == "NOT_FOUND", query);
    BOOST_TEST(response.header("X-Request-Id").has_value());
  }
}

BOOST_AUTO_TEST_CASE(a_slow_request_is_logged_with_its_split_and_counted) {
  // The test stack runs with the default SHOP_SLOW_REQUEST_MS (1000).
  constexpr int kSleepMs = 1200;
  const auto before = status_number(get_status(), "slow requests");
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  const auto response = http.get("/api/v1/health", {"X-Shop-Test-Sleep-Ms: " + std::to_string(kSleepMs)});
  BOOST_TEST_REQUIRE(response.status == 200);
  const std::string rid = response.header("X-Request-Id").value_or("?");
  const auto line = wait_for_log_line("rid=" + rid + " slow request: GET /api/v1/health 200 took ", 5s);
  BOOST_TEST_REQUIRE(line.has_value());
  BOOST_TEST_MESSAGE(*line);
  const double total = number_after(*line, " took ");
  const double database = number_after(*line, ": database ");
  const double pool = number_after(*line, ", pool ");
  // The sleep is the pool's (the hook runs before the handler); the health check's ping is the database's.
  BOOST_TEST(total >= kSleepMs);
  BOOST_TEST(pool >= kSleepMs);
  BOOST_TEST(database >= 0.0);
  BOOST_TEST(database < kSleepMs);
  // The ping, and a connection's opening and set-up when this worker had none yet.
  BOOST_TEST(number_after(*line, " ms in ") >= 1);
  BOOST_TEST(status_number(get_status(), "slow requests") >= before + 1);
}
