// load_config: the pool's command line and SHOP_* environment (API.md "Operations"), with defaults, and a
// clear std::invalid_argument for anything wrong.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fcgi/pool/config.hpp"
#include "tests/support/scoped_environment.hpp"

using shop::fcgi::load_config;
using shop::fcgi::ServerConfig;

namespace {

constexpr const char* kVariables[] = {"SHOP_DATABASE_URL",      "SHOP_WORKERS",
                                      "SHOP_TIMEZONE",          "SHOP_ORDER_TTL_SECONDS",
                                      "SHOP_DATABASE_READ_URL", "SHOP_DATABASE_READ_MAX_LAG_MS"};

struct CleanEnvironment : shop::test::ScopedEnvironment {
  CleanEnvironment() : ScopedEnvironment({std::begin(kVariables), std::end(kVariables)}) {}
};

ServerConfig load(std::vector<const char*> args) {
  args.insert(args.begin(), "shop");
  return load_config(static_cast<int>(args.size()), args.data());
}

/// load() must throw std::invalid_argument whose message contains `mention`.
void check_refused(std::vector<const char*> args, const std::string& mention) {
  try {
    load(std::move(args));
    BOOST_ERROR("accepted; expected an error mentioning " << mention);
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find(mention) != std::string::npos, e.what());
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(config, CleanEnvironment)

BOOST_AUTO_TEST_CASE(defaults_apply_when_nothing_is_given) {
  const auto config = load({});
  BOOST_TEST(config.socket_path == ".run/shop.sock");
  BOOST_TEST(config.listen_address.empty());
  BOOST_TEST(config.pid_file == ".run/shop.pid");
  BOOST_TEST(config.workers == 4 * static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
  BOOST_TEST(config.settings.database_url == "host=/nowhere dbname=shop");
  BOOST_TEST(config.settings.timezone == "Asia/Seoul");
  BOOST_TEST(config.settings.order_ttl_seconds == 600);
}

BOOST_AUTO_TEST_CASE(the_command_line_sets_socket_listen_pid_file_and_workers) {
  const auto config = load({"--socket", "/tmp/x.sock", "--pid-file", "/tmp/x.pid", "--workers", "3"});
  BOOST_TEST(config.socket_path == "/tmp/x.sock");
  BOOST_TEST(config.pid_file == "/tmp/x.pid");
  BOOST_TEST(config.workers == 3);
  BOOST_TEST(load({"--listen", "127.0.0.1:9000"}).listen_address == "127.0.0.1:9000");
}

BOOST_AUTO_TEST_CASE(the_environment_sets_workers_timezone_and_order_ttl) {
  ::setenv("SHOP_WORKERS", "5", 1);
  ::setenv("SHOP_TIMEZONE", "UTC", 1);
  ::setenv("SHOP_ORDER_TTL_SECONDS", "3", 1);
  const auto config = load({});
  BOOST_TEST(config.workers == 5);
  BOOST_TEST(config.settings.timezone == "UTC");
  BOOST_TEST(config.settings.order_ttl_seconds == 3);
}

BOOST_AUTO_TEST_CASE(the_command_line_beats_the_environment) {
  ::setenv("SHOP_WORKERS", "5", 1);
  BOOST_TEST(load({"--workers", "7"}).workers == 7);
}

BOOST_AUTO_TEST_CASE(an_empty_variable_counts_as_unset) {
  ::setenv("SHOP_WORKERS", "", 1);
  ::setenv("SHOP_TIMEZONE", "", 1);
  const auto config = load({});
  BOOST_TEST(config.workers == 4 * static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
  BOOST_TEST(config.settings.timezone == "Asia/Seoul");
}

BOOST_AUTO_TEST_CASE(a_missing_database_url_is_refused) {
  ::unsetenv("SHOP_DATABASE_URL");
  check_refused({}, "SHOP_DATABASE_URL");
  ::setenv("SHOP_DATABASE_URL", "", 1);
  check_refused({}, "SHOP_DATABASE_URL");
}

BOOST_AUTO_TEST_CASE(workers_outside_1_to_256_or_not_an_integer_are_refused) {
  for (const char* value : {"0", "257", "-1", "abc", "4 ", "2.5", ""}) {
    BOOST_TEST_CONTEXT(value) {
      check_refused({"--workers", value}, "--workers");
    }
  }
  BOOST_TEST(load({"--workers", "1"}).workers == 1);
  BOOST_TEST(load({"--workers", "256"}).workers == 256);
  ::setenv("SHOP_WORKERS", "many", 1);
  check_refused({}, "SHOP_WORKERS");
}

BOOST_AUTO_TEST_CASE(a_read_standby_is_optional_and_its_lag_limit_an_integer) {
  const auto none = load({});
  BOOST_TEST(none.settings.database_read_url.empty());
  BOOST_TEST(none.settings.database_read_max_lag_ms == 5000);
  ::setenv("SHOP_DATABASE_READ_URL", "host=a,b target_session_attrs=prefer-standby", 1);
  ::setenv("SHOP_DATABASE_READ_MAX_LAG_MS", "250", 1);
  const auto config = load({});
  BOOST_TEST(config.settings.database_read_url == "host=a,b target_session_attrs=prefer-standby");
  BOOST_TEST(config.settings.database_read_max_lag_ms == 250);
  for (const char* value : {"-1", "soon", "3600001"}) {
    BOOST_TEST_CONTEXT(value) {
      ::setenv("SHOP_DATABASE_READ_MAX_LAG_MS", value, 1);
      check_refused({}, "SHOP_DATABASE_READ_MAX_LAG_MS");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_bad_order_ttl_is_refused) {
  for (const char* value : {"0", "-5", "ten", "2592001"}) {
    BOOST_TEST_CONTEXT(value) {
      ::setenv("SHOP_ORDER_TTL_SECONDS", value, 1);
      check_refused({}, "SHOP_ORDER_TTL_SECONDS");
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_options_and_missing_values_are_refused) {
  check_refused({"--port", "8080"}, "unknown option --port");
  check_refused({"--socket"}, "missing value after --socket");
  check_refused({"--workers", "2", "--pid-file"}, "missing value after --pid-file");
}

BOOST_AUTO_TEST_SUITE_END()
