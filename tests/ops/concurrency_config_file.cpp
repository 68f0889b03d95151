// The configuration file (README "Configuration file"): `shop --test-config` accepts a good file and prints
// every effective setting with where it came from and the secrets masked; an unknown key or a bad value is
// exit 2 naming the file's line; the environment wins over the file; SIGHUP reads the file again (a new
// worker count takes effect) and a bad file on SIGHUP leaves the pool serving as it was.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/ops/configured_pool.hpp"
#include "tests/support/env.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kToken = "admin-token-that-must-never-show";
const std::string kPassword = "db-password-that-must-never-show";

}  // namespace

BOOST_AUTO_TEST_CASE(test_config_prints_every_setting_with_its_origin_and_masks_the_secrets) {
  const std::string dir = make_test_dir("conf");
  const std::string file = dir + "/shop.conf";
  write_file(file,
             "; a pool file\n"
             "workers = 3\n"
             "database_url = postgresql://shop:" +
                 kPassword +
                 "@db.example/shop?sslmode=disable\n"
                 "# the admin calls' bearer token\n"
                 "admin_token = " +
                 kToken +
                 "\n"
                 "timezone = \"UTC\"\n");
  const auto [code, text] = run_shop({"--config", file, "--test-config"}, {{"SHOP_ORDER_TTL_SECONDS", "99"}});
  BOOST_TEST(code == 0, text);
  BOOST_TEST(has(text, "workers = 3    ; file " + file + ":2"), text);
  BOOST_TEST(
      has(text, "database_url = postgresql://shop:********@db.example/shop?sslmode=disable    ; file " + file + ":3"),
      text);
  BOOST_TEST(has(text, "admin_token = ********    ; file " + file + ":5"), text);
  BOOST_TEST(has(text, "timezone = UTC    ; file " + file + ":6"), text);
  BOOST_TEST(has(text, "order_ttl_seconds = 99    ; environment SHOP_ORDER_TTL_SECONDS"), text);
  BOOST_TEST(has(text, "relay_max_attempts = 20    ; default"), text);
  BOOST_TEST(has(text, "request_timeout_seconds = 30    ; default"), text);
  BOOST_TEST(!has(text, kToken), text);
  BOOST_TEST(!has(text, kPassword), text);
}

BOOST_AUTO_TEST_CASE(a_password_in_a_libpq_key_value_string_is_masked_too) {
  const std::string dir = make_test_dir("conf");
  const std::string file = dir + "/shop.conf";
  write_file(file, "database_url = host=/run/postgresql password='" + kPassword + " x' dbname=shop\n");
  const auto [code, text] = run_shop({"--config", file, "--test-config"}, {});
  BOOST_TEST(code == 0, text);
  BOOST_TEST(has(text, "database_url = host=/run/postgresql password=******** dbname=shop"), text);
  BOOST_TEST(!has(text, kPassword), text);
}

BOOST_AUTO_TEST_CASE(the_environment_overrides_the_file) {
  const std::string dir = make_test_dir("conf");
  const std::string file = dir + "/shop.conf";
  write_file(file, "workers = 3\ndatabase_url = host=/nowhere dbname=shop\n");
  const auto [code, text] = run_shop({"--config", file, "--test-config"}, {{"SHOP_WORKERS", "5"}});
  BOOST_TEST(code == 0, text);
  BOOST_TEST(has(text, "workers = 5    ; environment SHOP_WORKERS"), text);
  BOOST_TEST(has(text, "database_url = host=/nowhere dbname=shop    ; file " + file + ":2"), text);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_exit_2_naming_its_line) {
  const std::string dir = make_test_dir("conf");
  const std::string file = dir + "/shop.conf";
  write_file(file, "database_url = host=/nowhere\n\nhttp_port = 8080\n");
  const auto [code, text] = run_shop({"--config", file, "--test-config"}, {});
  BOOST_TEST(code == 2, text);
  BOOST_TEST(has(text, file + ":3: unknown key 'http_port'"), text);
}

BOOST_AUTO_TEST_CASE(a_bad_value_is_exit_2_naming_its_line) {
  const std::string dir = make_test_dir("conf");
  const std::string file = dir + "/shop.conf";
  write_file(file, "database_url = host=/nowhere\n; workers\nworkers = many\n");
  const auto [code, text] = run_shop({"--config", file, "--test-config"}, {});
  BOOST_TEST(code == 2, text);
  BOOST_TEST(has(text, file + ":3: workers: SHOP_WORKERS must be an integer"), text);

  write_file(file, "database_url = host=/nowhere\nsocket_mode = 0999\n");
  const auto [mode_code, mode_text] = run_shop({"--config", file, "--test-config"}, {});
  BOOST_TEST(mode_code == 2, mode_text);
  BOOST_TEST(has(mode_text, file + ":2: socket_mode: SHOP_SOCKET_MODE must be an octal mode"), mode_text);

  write_file(file, "database_url = host=/nowhere\nworkers 4\n");
  const auto [line_code, line_text] = run_shop({"--config", file, "--test-config"}, {});
  BOOST_TEST(line_code == 2, line_text);
  BOOST_TEST(has(line_text, file + ":2: expected key = value"), line_text);

  const auto [missing_code, missing_text] = run_shop({"--config", dir + "/none.conf", "--test-config"}, {});
  BOOST_TEST(missing_code == 2, missing_text);
  BOOST_TEST(has(missing_text, "cannot read " + dir + "/none.conf"), missing_text);
}

BOOST_AUTO_TEST_CASE(hup_reads_the_file_again_and_a_bad_file_leaves_the_pool_serving) {
  const std::string dir = make_test_dir("hup");
  const std::string file = dir + "/shop.conf";
  const std::string socket = dir + "/s";
  const std::string log = dir + "/log";
  const std::string common = "database_url = " + require_env("SHOP_TEST_DATABASE_URL") + "\nsocket = " + socket +
                             "\npid_file = " + dir + "/pid\nlog_file = " + log + "\n";
  write_file(file, common + "workers = 2\n");
  ConfiguredPool pool({"--config", file}, {}, dir + "/start.log");
  const auto workers_are = [&](std::size_t count) {
    return worker_pids(pool.pid()).size() == count && fastcgi_get(socket, "/api/v1/health") == 200;
  };
  BOOST_TEST_REQUIRE(wait_until(15s, [&] { return workers_are(2); }), read_file(dir + "/start.log") + read_file(log));

  write_file(file, common + "workers = 3\n");
  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGHUP) == 0);
  BOOST_TEST(wait_until(20s, [&] { return workers_are(3); }), read_file(log));
  BOOST_TEST(has(read_file(log), "HUP: configuration read again from " + file));

  // A bad file: logged, the old settings stay, and the reload replaces the workers all the same.
  const auto before = worker_pids(pool.pid());
  write_file(file, common + "workers = lots\n");
  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGHUP) == 0);
  BOOST_TEST(wait_until(10s, [&] { return has(read_file(log), "HUP: the configuration was not reloaded"); }));
  BOOST_TEST(has(read_file(log),
                 file + ":" + std::to_string(5) + ": workers: SHOP_WORKERS must be an integer in 1..256, got 'lots'"),
             read_file(log));
  BOOST_TEST(wait_until(20s, [&] {
    const auto now = worker_pids(pool.pid());
    for (const pid_t pid : before) {
      if (process_alive(pid)) return false;
    }
    return now.size() == 3 && fastcgi_get(socket, "/api/v1/health") == 200;
  }));

  // What only a restart can change is said so, and kept.
  write_file(file, common + "workers = 3\nsocket_mode = 0600\n");
  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGHUP) == 0);
  BOOST_TEST(wait_until(10s, [&] { return has(read_file(log), "HUP: socket_mode changed; ignored until"); }));
  BOOST_TEST(wait_until(20s, [&] { return workers_are(3); }));

  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGTERM) == 0);
  BOOST_TEST(pool.wait_exit(20s) == 0);
}
