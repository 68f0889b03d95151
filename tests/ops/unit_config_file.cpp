// The configuration file's pieces without a pool: the parser, the key <-> variable mapping, the source that
// decides which keys exist by what the configuration reads (so a new SHOP_* setting needs no list to be
// updated), load_config with --config, and the masking of secrets.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "fcgi/pool/config.hpp"
#include "fcgi/pool/config_file.hpp"
#include "fcgi/pool/effective_settings.hpp"
#include "fcgi/pool/setting_source.hpp"

using namespace shop::fcgi;

namespace {

/// A file in /tmp with `text`, removed afterwards.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    char pattern[] = "/tmp/shop-conf-XXXXXX";
    const int fd = ::mkstemp(pattern);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    path = pattern;
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

/// The message of the std::invalid_argument `body` throws; "" when it throws none.
template <class Body>
std::string refusal(Body body) {
  try {
    body();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(keys_are_the_variables_in_lower_case_without_the_prefix) {
  BOOST_TEST(key_of("SHOP_WORKERS") == "workers");
  BOOST_TEST(key_of("SHOP_DB_LOCK_TIMEOUT_MS") == "db_lock_timeout_ms");
  BOOST_TEST(variable_of("db_lock_timeout_ms") == "SHOP_DB_LOCK_TIMEOUT_MS");
  BOOST_TEST(variable_of(key_of("SHOP_PM_MAX_CHILDREN")) == "SHOP_PM_MAX_CHILDREN");
}

BOOST_AUTO_TEST_CASE(the_parser_takes_comments_blank_lines_quotes_and_names_bad_lines) {
  const TempFile file("; comment\n# another\n\n  workers =  4  \nadmin_token = \" spaced \"\nempty =\n");
  const ConfigFile parsed = ConfigFile::read(file.path);
  BOOST_TEST(parsed.entries().size() == 3u);
  BOOST_TEST(parsed.find("workers")->value == "4");
  BOOST_TEST(parsed.find("workers")->line == 4);
  BOOST_TEST(parsed.find("admin_token")->value == " spaced ");
  BOOST_TEST(parsed.find("empty")->value == "");

  const TempFile twice("workers = 1\nworkers = 2\n");
  BOOST_TEST(has(refusal([&] { ConfigFile::read(twice.path); }), twice.path + ":2: workers is already set on line 1"));
  const TempFile no_equals("workers\n");
  BOOST_TEST(has(refusal([&] { ConfigFile::read(no_equals.path); }), no_equals.path + ":1: expected key = value"));
  const TempFile upper("Workers = 1\n");
  BOOST_TEST(has(refusal([&] { ConfigFile::read(upper.path); }), upper.path + ":1: 'Workers' is not a key"));
}

BOOST_AUTO_TEST_CASE(any_variable_the_configuration_reads_is_a_key_and_nothing_else) {
  const TempFile file("pm_max_children = 9\ncolour = blue\n");
  ::unsetenv("SHOP_PM_MAX_CHILDREN");
  SettingSource source(ConfigFile::read(file.path));
  // A setting added to config.cpp tomorrow is read like this, and its key is accepted from then on.
  BOOST_TEST(source.get_or("SHOP_PM_MAX_CHILDREN", "5") == "9");
  BOOST_TEST(source.where("SHOP_PM_MAX_CHILDREN") == file.path + ":1: pm_max_children: ");
  BOOST_TEST(has(refusal([&] { source.check_every_key_read(); }), file.path + ":2: unknown key 'colour'"));
  source.get_or("SHOP_COLOUR", "");
  BOOST_TEST(refusal([&] { source.check_every_key_read(); }).empty());

  ::setenv("SHOP_PM_MAX_CHILDREN", "12", 1);
  BOOST_TEST(source.get_or("SHOP_PM_MAX_CHILDREN", "5") == "12");
  BOOST_TEST((source.reads().front().origin == SettingOrigin::kEnvironment));
  ::unsetenv("SHOP_PM_MAX_CHILDREN");
}

BOOST_AUTO_TEST_CASE(load_config_reads_the_file_of_config_under_the_environment) {
  const TempFile file("database_url = host=/nowhere\nworkers = 7\ntimezone = UTC\norder_ttl_seconds = 0\n");
  for (const char* name : {"SHOP_DATABASE_URL", "SHOP_WORKERS", "SHOP_TIMEZONE", "SHOP_ORDER_TTL_SECONDS"}) {
    ::unsetenv(name);
  }
  const char* args[] = {"shop", "--config", file.path.c_str()};
  BOOST_TEST(has(refusal([&] { load_config(3, args); }),
                 file.path + ":4: order_ttl_seconds: SHOP_ORDER_TTL_SECONDS must be an integer in 1.."));
  ::setenv("SHOP_ORDER_TTL_SECONDS", "60", 1);
  ::setenv("SHOP_TIMEZONE", "Asia/Seoul", 1);
  const ServerConfig config = load_config(3, args);
  BOOST_TEST(config.workers == 7);
  BOOST_TEST(config.settings.database_url == "host=/nowhere");
  BOOST_TEST(config.settings.timezone == "Asia/Seoul");
  BOOST_TEST(config.settings.order_ttl_seconds == 60);
  BOOST_TEST(config.config_file == file.path);
  const char* with_flag[] = {"shop", "--config", file.path.c_str(), "--workers", "2", "--test-config"};
  const ServerConfig flagged = load_config(6, with_flag);
  BOOST_TEST(flagged.workers == 2);
  BOOST_TEST(flagged.test_only);
  ::unsetenv("SHOP_ORDER_TTL_SECONDS");
  ::unsetenv("SHOP_TIMEZONE");
}

BOOST_AUTO_TEST_CASE(secrets_are_masked) {
  BOOST_TEST(masked_setting("admin_token", "abc") == "********");
  BOOST_TEST(masked_setting("admin_token", "") == "");
  BOOST_TEST(masked_setting("database_url", "postgresql://shop:pw@db:5432/shop") ==
             "postgresql://shop:********@db:5432/shop");
  BOOST_TEST(masked_setting("database_url", "postgresql://shop@db/shop") == "postgresql://shop@db/shop");
  BOOST_TEST(masked_setting("database_url", "postgresql://db/shop?user=a&password=pw&x=1") ==
             "postgresql://db/shop?user=a&password=********&x=1");
  BOOST_TEST(masked_setting("database_url", "host=db password=pw dbname=shop") ==
             "host=db password=******** dbname=shop");
  BOOST_TEST(masked_setting("database_url", "host=db password = 'p w\\'x' dbname=shop") ==
             "host=db password = ******** dbname=shop");
  BOOST_TEST(masked_setting("data_platform_url", "https://u:secret@data.example/events") ==
             "https://u:********@data.example/events");
  BOOST_TEST(masked_setting("timezone", "UTC") == "UTC");
}
