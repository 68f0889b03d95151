// with_deadlines: a libpq URL or key=value string rebuilt as key=value with every database deadline it does
// not set itself; what it sets wins. And the pool's variables that change the lock and statement timeouts.
#include <libpq-fe.h>
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "fcgi/pool/config.hpp"
#include "model/db/connection_options.hpp"

using namespace std::chrono_literals;
using shop::model::DatabaseDeadlines;
using shop::model::with_deadlines;

namespace {

/// Keyword -> value of a key=value string as libpq itself reads it (so quoting is checked by libpq).
std::map<std::string, std::string> parsed(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    const std::string message = error == nullptr ? "?" : error;
    PQfreemem(error);
    throw std::runtime_error("libpq cannot parse [" + conninfo + "]: " + message);
  }
  std::map<std::string, std::string> values;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr) values[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  return values;
}

/// Unsets a variable for the test's duration (libpq's own fallbacks would count as set).
struct UnsetVariable {
  std::string name;
  std::optional<std::string> saved;
  explicit UnsetVariable(std::string variable) : name(std::move(variable)) {
    if (const char* value = std::getenv(name.c_str())) saved = value;
    ::unsetenv(name.c_str());
  }
  ~UnsetVariable() {
    if (saved) {
      ::setenv(name.c_str(), saved->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
};

struct CleanLibpqEnvironment {
  UnsetVariable options{"PGOPTIONS"};
  UnsetVariable connect_timeout{"PGCONNECT_TIMEOUT"};
};

constexpr const char* kAllServerDefaults =
    "-c statement_timeout=10000 -c lock_timeout=2000 -c idle_in_transaction_session_timeout=15000";

void check_client_defaults(const std::map<std::string, std::string>& values) {
  BOOST_TEST(values.at("connect_timeout") == "3");
  BOOST_TEST(values.at("keepalives") == "1");
  BOOST_TEST(values.at("keepalives_idle") == "5");
  BOOST_TEST(values.at("keepalives_interval") == "2");
  BOOST_TEST(values.at("keepalives_count") == "3");
  BOOST_TEST(values.at("tcp_user_timeout") == "10000");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(connection_options, CleanLibpqEnvironment)

BOOST_AUTO_TEST_CASE(a_key_value_string_gets_every_default) {
  const auto result = with_deadlines("host=/run/pg dbname=shop user=shop", DatabaseDeadlines{});
  const auto values = parsed(result.conninfo);
  BOOST_TEST(values.at("host") == "/run/pg");
  BOOST_TEST(values.at("dbname") == "shop");
  BOOST_TEST(values.at("user") == "shop");
  check_client_defaults(values);
  BOOST_TEST(values.at("options") == kAllServerDefaults);
  BOOST_TEST(result.statement_timeout.count() == 10'000);
}

BOOST_AUTO_TEST_CASE(a_url_gets_every_default) {
  const auto result = with_deadlines("postgresql://shop@db.example:5433/shop?sslmode=disable", DatabaseDeadlines{});
  const auto values = parsed(result.conninfo);
  BOOST_TEST(values.at("host") == "db.example");
  BOOST_TEST(values.at("port") == "5433");
  BOOST_TEST(values.at("user") == "shop");
  BOOST_TEST(values.at("dbname") == "shop");
  BOOST_TEST(values.at("sslmode") == "disable");
  check_client_defaults(values);
  BOOST_TEST(values.at("options") == kAllServerDefaults);
}

BOOST_AUTO_TEST_CASE(what_the_url_sets_itself_is_kept) {
  const auto values =
      parsed(with_deadlines("postgresql:///shop?host=/run/pg&connect_timeout=20&keepalives_idle=60", {}).conninfo);
  BOOST_TEST(values.at("connect_timeout") == "20");
  BOOST_TEST(values.at("keepalives_idle") == "60");
  BOOST_TEST(values.at("keepalives_interval") == "2");
}

BOOST_AUTO_TEST_CASE(the_deadlines_given_are_the_ones_set) {
  DatabaseDeadlines deadlines;
  deadlines.statement_timeout = 4500ms;
  deadlines.lock_timeout = 700ms;
  const auto result = with_deadlines("dbname=shop", deadlines);
  BOOST_TEST(parsed(result.conninfo).at("options") ==
             "-c statement_timeout=4500 -c lock_timeout=700 -c idle_in_transaction_session_timeout=15000");
  BOOST_TEST(result.statement_timeout.count() == 4500);
}

BOOST_AUTO_TEST_CASE(options_already_present_are_kept_and_ours_appended) {
  const auto values = parsed(with_deadlines("dbname=shop options='-c search_path=shop,public'", {}).conninfo);
  BOOST_TEST(values.at("options") == std::string("-c search_path=shop,public ") + kAllServerDefaults);
}

BOOST_AUTO_TEST_CASE(a_setting_the_options_name_is_not_set_again_in_any_spelling) {
  const auto result = with_deadlines(
      "postgresql:///shop?options=-c%20statement_timeout%3D1min%20--lock-timeout%3D5s%20-cIdle_In_Transaction_Session_"
      "Timeout%3D0",
      {});
  const auto values = parsed(result.conninfo);
  BOOST_TEST(values.at("options") ==
             "-c statement_timeout=1min --lock-timeout=5s -cIdle_In_Transaction_Session_Timeout=0");
  // The client's deadline follows the statement timeout the URL chose.
  BOOST_TEST(result.statement_timeout.count() == 60'000);
  BOOST_TEST(with_deadlines("dbname=shop options='-c statement_timeout=0'", {}).statement_timeout.count() == 0);
}

BOOST_AUTO_TEST_CASE(values_with_spaces_quotes_and_backslashes_survive) {
  const auto values = parsed(
      with_deadlines(R"(dbname='my shop' user=o\'brien password='a b\\c\'d' application_name='x y')", {}).conninfo);
  BOOST_TEST(values.at("dbname") == "my shop");
  BOOST_TEST(values.at("user") == "o'brien");
  BOOST_TEST(values.at("password") == R"(a b\c'd)");
  BOOST_TEST(values.at("application_name") == "x y");
  const auto from_url = parsed(with_deadlines("postgresql://o%27brien:p%20w%5C@/my%20shop?host=/run/pg", {}).conninfo);
  BOOST_TEST(from_url.at("user") == "o'brien");
  BOOST_TEST(from_url.at("password") == R"(p w\)");
  BOOST_TEST(from_url.at("dbname") == "my shop");
}

BOOST_AUTO_TEST_CASE(libpq_environment_fallbacks_count_as_set) {
  ::setenv("PGCONNECT_TIMEOUT", "30", 1);
  ::setenv("PGOPTIONS", "-c lock_timeout=9s", 1);
  const auto values = parsed(with_deadlines("dbname=shop", {}).conninfo);
  BOOST_TEST(values.count("connect_timeout") == 0u);
  BOOST_TEST(values.at("options") ==
             "-c lock_timeout=9s -c statement_timeout=10000 -c idle_in_transaction_session_timeout=15000");
}

BOOST_AUTO_TEST_CASE(a_string_libpq_cannot_parse_is_left_for_the_connection_to_refuse) {
  BOOST_TEST(with_deadlines("dbname='unterminated", {}).conninfo == "dbname='unterminated");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pool_variables)

BOOST_AUTO_TEST_CASE(the_lock_and_statement_timeouts_come_from_the_environment) {
  UnsetVariable statement{"SHOP_DB_STATEMENT_TIMEOUT_MS"};
  UnsetVariable lock{"SHOP_DB_LOCK_TIMEOUT_MS"};
  UnsetVariable url{"SHOP_DATABASE_URL"};
  ::setenv("SHOP_DATABASE_URL", "dbname=shop", 1);
  const char* argv[] = {"shop"};
  auto settings = shop::fcgi::load_config(1, argv).settings;
  BOOST_TEST(settings.db_statement_timeout_ms == 10'000);
  BOOST_TEST(settings.db_lock_timeout_ms == 2'000);
  ::setenv("SHOP_DB_STATEMENT_TIMEOUT_MS", "3000", 1);
  ::setenv("SHOP_DB_LOCK_TIMEOUT_MS", "250", 1);
  settings = shop::fcgi::load_config(1, argv).settings;
  BOOST_TEST(settings.db_statement_timeout_ms == 3'000);
  BOOST_TEST(settings.db_lock_timeout_ms == 250);
  const auto deadlines = shop::model::database_deadlines(settings);
  BOOST_TEST(deadlines.statement_timeout.count() == 3'000);
  BOOST_TEST(deadlines.lock_timeout.count() == 250);
  for (const char* bad : {"0", "-5", "soon", "99999999999"}) {
    ::setenv("SHOP_DB_LOCK_TIMEOUT_MS", bad, 1);
    BOOST_CHECK_THROW(shop::fcgi::load_config(1, argv), std::invalid_argument);
  }
}

BOOST_AUTO_TEST_SUITE_END()
