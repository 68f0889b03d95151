// Least privilege on the stack scripts/test started as root: nobody reaches PostgreSQL or the pool's socket,
// no process of the pool or nginx's workers runs as root, the pool's role is no superuser and owns Shop's
// tables, and the stack's files are for the service accounts only. Each refusal has its control: the account
// that should get in does.
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/env.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;

namespace {

/// What a child reports through its exit code.
enum Outcome : int { kRefused = 10, kAllowed = 11, kOtherError = 12, kNoSwitch = 13 };

struct Identity {
  uid_t uid;
  gid_t gid;
  std::vector<gid_t> groups;
};

Identity account(const char* name) {
  const passwd* entry = ::getpwnam(name);
  if (entry == nullptr) throw std::runtime_error(std::string("no user ") + name);
  return Identity{entry->pw_uid, entry->pw_gid, {}};
}

gid_t group_id(const std::string& name) {
  const group* entry = ::getgrnam(name.c_str());
  if (entry == nullptr) throw std::runtime_error("no group " + name);
  return entry->gr_gid;
}

/// Runs `body` in a child that has become `who` (groups, then gid, then uid); its Outcome, waiting 30 s at most.
int run_as(const Identity& who, const std::function<Outcome()>& body) {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (::setgroups(who.groups.size(), who.groups.data()) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0) {
      ::_exit(kNoSwitch);
    }
    int code = kOtherError;
    try {
      code = body();
    } catch (...) {
    }
    ::_exit(code);
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// connect() to the unix socket at `path`: kRefused on EACCES, kAllowed when it connects.
Outcome connect_socket(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return kOtherError;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  const int error = errno;
  ::close(fd);
  if (rc == 0) return kAllowed;
  return error == EACCES ? kRefused : kOtherError;
}

/// A libpq session on `url` with a 5 s connect timeout: kAllowed when it opens; kRefused when the socket's
/// directory or PostgreSQL's authentication turns it away.
Outcome connect_database(const std::string& url) {
  try {
    soci::session session(*soci::factory_postgresql(), url + " connect_timeout=5");
    return kAllowed;
  } catch (const std::exception& e) {
    const std::string message = e.what();
    for (const char* refusal : {"Permission denied", "authentication failed", "no pg_hba.conf entry"}) {
      if (message.find(refusal) != std::string::npos) return kRefused;
    }
    return kOtherError;
  }
}

/// The database URL with another user (libpq takes the last of a repeated keyword).
std::string as_role(const std::string& role) {
  return require_env("SHOP_TEST_DATABASE_URL") + " user=" + role;
}

/// Real, effective, saved and filesystem uids of `pid`, from /proc/PID/status.
std::vector<uid_t> uids_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Uid:", 0) != 0) continue;
    std::istringstream fields(line.substr(4));
    std::vector<uid_t> uids;
    uid_t uid = 0;
    while (fields >> uid) uids.push_back(uid);
    return uids;
  }
  return {};
}

pid_t pid_in(const std::string& file) {
  std::ifstream in(file);
  pid_t pid = 0;
  in >> pid;
  if (pid <= 0) throw std::runtime_error("no pid in " + file);
  return pid;
}

struct stat stat_of(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + path + ": " + std::strerror(errno));
  return info;
}

/// These checks need root (to become nobody) and the accounts scripts/test names when it runs as root.
bool as_root() {
  if (::geteuid() == 0) return true;
  BOOST_TEST_MESSAGE("not root: the stack runs as the caller, nothing to check");
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(nobody_cannot_connect_to_postgresql_as_postgres_or_as_the_pools_role) {
  if (!as_root()) return;
  const Identity nobody = account("nobody");
  BOOST_TEST(run_as(nobody, [] { return connect_database(as_role("postgres")); }) == kRefused);
  BOOST_TEST(run_as(nobody, [] { return connect_database(as_role("shop")); }) == kRefused);
  BOOST_TEST(run_as(nobody, [] { return connect_database(require_env("SHOP_TEST_DATABASE_URL")); }) == kRefused);
}

BOOST_AUTO_TEST_CASE(the_pools_user_connects_as_its_role_and_not_as_postgres) {
  if (!as_root()) return;
  const Identity pool = account(require_env("SHOP_TEST_POOL_USER").c_str());
  BOOST_TEST(run_as(pool, [] { return connect_database(require_env("SHOP_TEST_DATABASE_URL")); }) == kAllowed);
  BOOST_TEST(run_as(pool, [] { return connect_database(as_role("postgres")); }) == kRefused);
}

BOOST_AUTO_TEST_CASE(nobody_cannot_connect_to_the_pools_socket_and_nginxs_group_can) {
  if (!as_root()) return;
  const std::string socket = require_env("SHOP_TEST_POOL_SOCKET");
  Identity nobody = account("nobody");
  BOOST_TEST(run_as(nobody, [&] { return connect_socket(socket); }) == kRefused);
  nobody.groups = {group_id(require_env("SHOP_TEST_NGINX_USER"))};
  BOOST_TEST(run_as(nobody, [&] { return connect_socket(socket); }) == kAllowed);
}

BOOST_AUTO_TEST_CASE(no_process_of_the_pool_runs_as_root_and_its_workers_run_as_its_user) {
  if (!as_root()) return;
  const uid_t user = account(require_env("SHOP_TEST_POOL_USER").c_str()).uid;
  const pid_t master = pool_master_pid();
  std::vector<pid_t> processes = children_of(master);
  BOOST_TEST(worker_pids(master).size() >= 1U);
  processes.push_back(master);
  for (const pid_t pid : processes) {
    const auto uids = uids_of(pid);
    BOOST_TEST_CONTEXT("pid " << pid) {
      BOOST_TEST(uids.size() == 4U);
      for (const uid_t uid : uids) BOOST_TEST(uid == user);
    }
  }
}

BOOST_AUTO_TEST_CASE(nginxs_workers_run_as_the_web_user) {
  if (!as_root()) return;
  const uid_t user = account(require_env("SHOP_TEST_NGINX_USER").c_str()).uid;
  const auto workers = children_of(pid_in(require_env("SHOP_TEST_NGINX_PID_FILE")));
  BOOST_TEST(workers.size() >= 1U);
  for (const pid_t pid : workers) {
    const auto uids = uids_of(pid);
    BOOST_TEST_CONTEXT("pid " << pid) {
      BOOST_TEST(uids.size() == 4U);
      for (const uid_t uid : uids) BOOST_TEST(uid == user);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_pools_role_is_no_superuser_and_owns_every_table) {
  soci::session session(*soci::factory_postgresql(), require_env("SHOP_TEST_DATABASE_URL"));
  int privileged = -1;
  session << "SELECT (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls)::int "
             "FROM pg_roles WHERE rolname = current_user",
      soci::into(privileged);
  BOOST_TEST(privileged == 0);
  int memberships = -1;
  session << "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
             "WHERE r.rolname = current_user",
      soci::into(memberships);
  BOOST_TEST(memberships == 0);
  int tables = 0;
  int foreign = -1;
  session << "SELECT count(*), count(*) FILTER (WHERE tableowner <> current_user) FROM pg_tables "
             "WHERE schemaname = 'public'",
      soci::into(tables), soci::into(foreign);
  BOOST_TEST(tables > 0);
  BOOST_TEST(foreign == 0);
}

BOOST_AUTO_TEST_CASE(the_socket_is_0660_of_the_pools_user_and_nginxs_group) {
  if (!as_root()) return;
  const auto info = stat_of(require_env("SHOP_TEST_POOL_SOCKET"));
  BOOST_TEST(S_ISSOCK(info.st_mode));
  BOOST_TEST((info.st_mode & 07777) == 0660U);
  BOOST_TEST(info.st_uid == account(require_env("SHOP_TEST_POOL_USER").c_str()).uid);
  BOOST_TEST(info.st_gid == group_id(require_env("SHOP_TEST_NGINX_USER")));
}

BOOST_AUTO_TEST_CASE(the_stacks_files_are_for_the_service_accounts_only) {
  if (!as_root()) return;
  const gid_t pool_group = group_id(require_env("SHOP_TEST_POOL_USER"));
  const auto stack = stat_of(require_env("SHOP_TEST_TMP_DIR"));
  BOOST_TEST((stack.st_mode & 07777) == 01771U);  // others pass through to what they are let into, no more
  BOOST_TEST(stack.st_gid == pool_group);
  const auto database = stat_of(require_env("SHOP_TEST_TMP_DIR") + "/pg");
  BOOST_TEST((database.st_mode & 07777) == 0750U);
  BOOST_TEST(database.st_gid == pool_group);
  for (const char* variable : {"SHOP_TEST_POOL_PID_FILE", "SHOP_TEST_POOL_LOG"}) {
    BOOST_TEST_CONTEXT(variable) {
      BOOST_TEST((stat_of(require_env(variable)).st_mode & 0007) == 0U);
    }
  }
  const auto nginx =
      stat_of(require_env("SHOP_TEST_NGINX_PID_FILE").substr(0, require_env("SHOP_TEST_NGINX_PID_FILE").rfind('/')));
  BOOST_TEST((nginx.st_mode & 0007) == 0U);
}
