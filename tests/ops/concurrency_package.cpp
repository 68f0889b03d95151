// The Debian package (README "Installing the package"), as root: scripts/package builds it from the test
// build's binary; dpkg -i installs it (the stack's own shop account already exists, so postinst must adopt it,
// not make another); the installed unit verifies; `shop --test-config` accepts the installed configuration;
// the installed shop-migrate migrates a fresh database of the test cluster; the installed binary, configured
// by /etc/shop/shop.conf with the environment over it, serves a request on a socket of the test's own; and
// dpkg --purge leaves none of its files, no /etc/shop, no /var/lib/shop, and the shop account it did not make.
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <string>
#include <thread>

#include "tests/ops/configured_pool.hpp"
#include "tests/support/env.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

std::string parent_of(const std::string& path) {
  return path.substr(0, path.find_last_of('/'));
}

std::string last_line(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.substr(text.find_last_of('\n') + 1);
}

/// Runs `command` with sh, stdout and stderr together: its exit code (-1 when it did not exit) and output.
std::pair<int, std::string> shell(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

/// dpkg with a retry while another dpkg or apt holds its lock (the other stacks' package installs).
std::pair<int, std::string> dpkg(const std::string& args) {
  std::pair<int, std::string> result;
  for (int attempt = 0; attempt < 40; ++attempt) {
    result = shell("dpkg " + args);
    if (result.first == 0 || !has(result.second, "lock")) break;
    std::this_thread::sleep_for(3s);
  }
  return result;
}

/// Purges the package when the test leaves, however it leaves.
struct PurgeAtEnd {
  ~PurgeAtEnd() { dpkg("--purge shop"); }
};

constexpr const char* kInstalled[] = {"/usr/sbin/shop",
                                      "/usr/sbin/shop-migrate",
                                      "/etc/shop/shop.conf",
                                      "/lib/systemd/system/shop.service",
                                      "/etc/logrotate.d/shop",
                                      "/usr/share/shop/sql/migrations/001_users_and_balance.sql",
                                      "/usr/share/shop/nginx/shop.conf",
                                      "/usr/share/shop/nginx/snippets/shop-pool.conf",
                                      "/usr/share/doc/shop/README.md"};

}  // namespace

BOOST_AUTO_TEST_CASE(the_package_installs_migrates_serves_and_purges_clean) {
  if (::geteuid() != 0) {
    BOOST_TEST_MESSAGE("SKIPPED: installing a package needs root");
    return;
  }
  const std::string root = parent_of(require_env("SHOP_TEST_SQL_DIR"));
  const std::string build = parent_of(parent_of(require_env("SHOP_TEST_SHOP_BIN")));
  const std::string dir = make_test_dir("package");
  BOOST_TEST_REQUIRE(shell("dpkg-query -W -f='${Status}' shop").second.find("install ok") == std::string::npos,
                     "a shop package is installed already: this test would remove it");
  const passwd* before = ::getpwnam("shop");
  BOOST_TEST_REQUIRE(before != nullptr, "the stack's shop account is missing");
  const uid_t shop_uid = before->pw_uid;

  const auto [built, built_text] = shell(root + "/scripts/package " + build + " --output " + dir);
  BOOST_TEST_REQUIRE(built == 0, built_text);
  const std::string deb = last_line(built_text);
  BOOST_TEST_REQUIRE(exists(deb), deb);
  BOOST_TEST(has(deb, "/shop_0."), deb);
  BOOST_TEST(has(deb, "_amd64.deb"), deb);
  const auto [info_code, info] = shell("dpkg-deb --info " + deb);
  BOOST_TEST(has(info, "libpq5"), info);
  BOOST_TEST(has(info, "libsystemd0"), info);
  BOOST_TEST(has(info, "libsodium23"), info);
  const auto [conffiles_code, conffiles] = shell("dpkg-deb --ctrl-tarfile " + deb + " | tar -xOf - ./conffiles");
  BOOST_TEST(has(conffiles, "/etc/shop/shop.conf"), conffiles);

  PurgeAtEnd purge;
  const auto [installed, install_text] = dpkg("-i " + deb);
  BOOST_TEST_REQUIRE(installed == 0, install_text);
  for (const char* path : kInstalled) BOOST_TEST(exists(path), path << " is missing");
  struct stat conf {};
  BOOST_TEST_REQUIRE(::stat("/etc/shop/shop.conf", &conf) == 0);
  BOOST_TEST((conf.st_mode & 07777) == 0640u);
  BOOST_TEST(conf.st_uid == 0u);
  BOOST_TEST(conf.st_gid == before->pw_gid);
  BOOST_TEST(!exists("/var/lib/shop/created-user"), "postinst claims it made the account that was there");
  BOOST_TEST(::getpwnam("shop")->pw_uid == shop_uid);

  if (shell("command -v systemd-analyze").first == 0) {
    const auto [verified, verify_text] = shell("systemd-analyze verify /lib/systemd/system/shop.service");
    BOOST_TEST(verified == 0, verify_text);
    BOOST_TEST(verify_text.empty(), verify_text);
  } else {
    BOOST_TEST_MESSAGE("no systemd-analyze: the installed unit is not verified");
  }

  // As the unit's ExecStartPre runs it: as shop, which must be able to read the file.
  const auto [checked, check_text] =
      shell("runuser -u shop -- /usr/sbin/shop --config /etc/shop/shop.conf --test-config");
  BOOST_TEST(checked == 0, check_text);
  BOOST_TEST(has(check_text, "socket = /run/shop/shop.sock    ; file /etc/shop/shop.conf:"), check_text);

  // A fresh database in the test cluster, made by its superuser (role shop may not create databases).
  const std::string pg_dir = parent_of(require_env("SHOP_TEST_PG_DATA"));
  const std::string database = "shop_package_" + std::to_string(::getpid());
  const std::string admin = "cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h " + pg_dir +
                            " -p 5432 -U postgres -d postgres -c ";
  const auto [created, create_text] = shell(admin + "'CREATE DATABASE " + database + " OWNER shop'");
  BOOST_TEST_REQUIRE(created == 0, create_text);
  const std::string url = "host=" + pg_dir + " port=5432 user=shop dbname=" + database;
  const auto [migrated, migrate_text] = shell("/usr/sbin/shop-migrate --database-url '" + url + "'");
  BOOST_TEST(migrated == 0, migrate_text);
  BOOST_TEST(has(migrate_text, "applied 001_users_and_balance.sql"), migrate_text);
  const auto [again, again_text] = shell("/usr/sbin/shop-migrate --database-url '" + url + "'");
  BOOST_TEST(again == 0, again_text);
  BOOST_TEST(has(again_text, "schema up to date"), again_text);

  {
    // The installed configuration, with what this test changes over it from the environment.
    const std::string socket = dir + "/s";
    ConfiguredPool pool({"--config", "/etc/shop/shop.conf"},
                        {{"SHOP_DATABASE_URL", url},
                         {"SHOP_SOCKET", socket},
                         {"SHOP_PID_FILE", dir + "/pid"},
                         {"SHOP_LOG_FILE", dir + "/log"},
                         {"SHOP_WORKERS", "2"}},
                        dir + "/start.log", "/usr/sbin/shop");
    const bool serving = wait_until(20s, [&] { return fastcgi_get(socket, "/api/v1/health") == 200; });
    BOOST_TEST(serving, read_file(dir + "/start.log") + read_file(dir + "/log"));
    BOOST_TEST(fastcgi_get(socket, "/api/v1/products/999999999") == 404);
    ::kill(pool.pid(), SIGTERM);
    BOOST_TEST(pool.wait_exit(20s) == 0);
  }
  shell(admin + "'DROP DATABASE " + database + "'");

  const auto [purged, purge_text] = dpkg("--purge shop");
  BOOST_TEST_REQUIRE(purged == 0, purge_text);
  BOOST_TEST(shell("dpkg-query -W -f='${Status}' shop").second.find("install ok") == std::string::npos);
  for (const char* path : kInstalled) BOOST_TEST(!exists(path), path << " is left");
  for (const char* path : {"/etc/shop", "/usr/share/shop", "/var/lib/shop", "/var/log/shop", "/usr/share/doc/shop"}) {
    BOOST_TEST(!exists(path), path << " is left");
  }
  const passwd* after = ::getpwnam("shop");
  BOOST_TEST_REQUIRE(after != nullptr, "the purge removed the shop account it did not make");
  BOOST_TEST(after->pw_uid == shop_uid);
}
