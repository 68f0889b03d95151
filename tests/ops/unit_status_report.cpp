// The status page's two formats from fixed figures: php-fpm's JSON keys, nulls for what is unknown, and the
// Prometheus text format's families ending with "# EOF".
#include <boost/test/unit_test.hpp>
#include <string>

#include "fcgi/pool/status_report.hpp"
#include "tests/support/json.hpp"

using namespace shop::fcgi;
using namespace shop::test;

namespace {

PoolStatus figures() {
  PoolStatus status;
  status.pool = "shop";
  status.process_manager = "static";
  status.accepted = 7;
  status.listen_queue = 2;
  status.listen_queue_len = 1024;
  status.idle = 1;
  status.active = 3;
  status.total = 4;
  status.answers[0] = 5;
  status.answers[3] = 2;
  ProcessStatus process;
  process.pid = 42;
  process.role = "worker";
  process.state = "Running";
  process.uri = "/api/v1/x\"y";
  process.memory = 1 << 20;
  status.processes.push_back(process);
  return status;
}

}  // namespace

BOOST_AUTO_TEST_CASE(json_uses_php_fpm_names) {
  const auto json = parse_json(status_json(figures(), true));
  BOOST_TEST(json_int(json, "accepted conn") == 7);
  BOOST_TEST(json_int(json, "listen queue") == 2);
  BOOST_TEST(json_int(json, "listen queue len") == 1024);
  BOOST_TEST(json_int(json, "total processes") == 4);
  BOOST_TEST(json_int(json_object(json, "answers"), "5xx") == 2);
  BOOST_TEST(json["outbox pending"].IsNull());
  const auto& process = json_array(json, "processes")[0];
  BOOST_TEST(json_string(process, "request uri") == "/api/v1/x\"y");
  BOOST_TEST(json_int(process, "memory") == 1 << 20);
  BOOST_TEST(!parse_json(status_json(figures(), false)).HasMember("processes"));
}

BOOST_AUTO_TEST_CASE(an_unknown_listen_queue_is_null) {
  PoolStatus status = figures();
  status.listen_queue.reset();
  BOOST_TEST(parse_json(status_json(status, false))["listen queue"].IsNull());
}

BOOST_AUTO_TEST_CASE(metrics_have_help_and_type_and_end_with_eof) {
  const std::string text = status_openmetrics(figures(), true);
  BOOST_TEST(text.ends_with("\n# EOF\n"));
  BOOST_TEST(text.find("# HELP shop_answers_total ") != std::string::npos);
  BOOST_TEST(text.find("# TYPE shop_answers_total counter\n") != std::string::npos);
  BOOST_TEST(text.find("shop_answers_total{class=\"5xx\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("shop_listen_queue 2\n") != std::string::npos);
  BOOST_TEST(text.find("shop_process_resident_memory_bytes{pid=\"42\",role=\"worker\"} 1048576\n") !=
             std::string::npos);
  // No outbox figures yet: no such family rather than a made-up 0.
  BOOST_TEST(text.find("shop_outbox_events") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(read_standby_counts_are_null_and_absent_until_a_worker_has_chosen) {
  const auto none = parse_json(status_json(figures(), false));
  BOOST_TEST(none["read standby in use"].IsNull());
  BOOST_TEST(none["read standby left aside"].IsNull());
  BOOST_TEST(status_openmetrics(figures(), false).find("shop_read_standby_workers") == std::string::npos);

  PoolStatus status = figures();
  status.read_standby = PoolStatus::ReadStandby{3, 1};
  const auto json = parse_json(status_json(status, false));
  BOOST_TEST(json_int(json, "read standby in use") == 3);
  BOOST_TEST(json_int(json, "read standby left aside") == 1);
  const std::string text = status_openmetrics(status, false);
  BOOST_TEST(text.find("# TYPE shop_read_standby_workers gauge\n") != std::string::npos);
  BOOST_TEST(text.find("shop_read_standby_workers{state=\"in_use\"} 3\n") != std::string::npos);
  BOOST_TEST(text.find("shop_read_standby_workers{state=\"left_aside\"} 1\n") != std::string::npos);
}
