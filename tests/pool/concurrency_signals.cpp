// The master's signals as operators of php-fpm, nginx and unicorn expect them (README "Signals"), each on a
// pool of the test's own (private_pool.hpp), so that stopping or upgrading it disturbs nothing else: QUIT lets
// the request in flight finish; SIGKILL of the master takes its children with it; a second pool on the same
// pid file or socket refuses to start; a worker killed in a request is logged with it; the processes' titles
// say their role; USR1 reopens the log file after a rotation; USR2 replaces the binary under load without a
// failed request; stray signals are harmless.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/pool/private_pool.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kStopTimeout = 10s;

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

/// The pid of the process that logged the first line holding `needle` ("... pid=123 INFO ..."); 0 if none.
pid_t pid_of_line_with(const std::string& log_path, const std::string& needle) {
  std::ifstream in(log_path);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(" pid=");
    if (line.find(needle) != std::string::npos && at != std::string::npos) return std::stoi(line.substr(at + 5));
  }
  return 0;
}

/// A GET of health from a process of `group` that a worker holds `sleep_ms` (the test hook), its status put in
/// `status` when it ends; returns once the worker has it.
void start_sleeping_request(const PrivatePool& pool, int sleep_ms, ProcessGroup& group, std::atomic<int>& status) {
  group.start(1, [&pool, &status, sleep_ms](int) {
    status = pool.get("/api/v1/health", sleep_ms);
    return 0;
  });
  BOOST_TEST_REQUIRE(pool.wait_for_log("test hook: sleeping " + std::to_string(sleep_ms) + " ms", 10s));
}

bool all_gone(const std::vector<pid_t>& pids) {
  return std::none_of(pids.begin(), pids.end(), process_alive);
}

}  // namespace

BOOST_AUTO_TEST_CASE(quit_lets_the_request_in_flight_finish_then_the_pool_is_gone) {
  PrivatePool pool;
  const pid_t master = pool.master();
  const auto children = children_of(master);
  SharedArray<std::atomic<int>> status(1);
  ProcessGroup group;
  start_sleeping_request(pool, 2000, group, status[0]);
  BOOST_TEST_REQUIRE(::kill(master, SIGQUIT) == 0);
  group.wait(20s);
  BOOST_TEST(status[0] == 200);
  BOOST_TEST(wait_until(kStopTimeout + 5s, [&] { return !process_alive(master) && all_gone(children); }));
  BOOST_TEST(!file_exists(pool.pid_file()));
}

BOOST_AUTO_TEST_CASE(a_worker_killed_in_a_request_is_logged_with_that_request_and_replaced) {
  PrivatePool pool(1);
  const pid_t master = pool.master();
  SharedArray<std::atomic<int>> status(1);
  ProcessGroup group;
  start_sleeping_request(pool, 5000, group, status[0]);
  const pid_t victim = pid_of_line_with(pool.log(), "test hook: sleeping 5000 ms");
  BOOST_TEST_REQUIRE(victim > 0);
  BOOST_TEST_REQUIRE(::kill(victim, SIGKILL) == 0);
  group.wait(10s);
  BOOST_TEST(status[0] == 0);  // its answer is lost: nginx would say 502, here the connection just ends
  BOOST_TEST(pool.wait_for_log(
      "worker " + std::to_string(victim) + " killed by signal 9 while serving GET /api/v1/health; respawning in", 5s));
  BOOST_TEST(pool.master() == master);
  BOOST_TEST(wait_until(5s, [&] { return pool.get("/api/v1/health") == 200; }));
}

BOOST_AUTO_TEST_CASE(the_children_end_when_the_master_is_killed) {
  PrivatePool pool;
  const pid_t master = pool.master();
  const auto children = children_of(master);
  BOOST_TEST_REQUIRE(children.size() >= 3u);  // two workers and the sweeper
  BOOST_TEST_REQUIRE(::kill(master, SIGKILL) == 0);
  // "Within a second", with room for a loaded machine.
  BOOST_TEST(wait_until(2s, [&] { return all_gone(children); }));
}

BOOST_AUTO_TEST_CASE(a_second_pool_on_the_same_pid_file_or_socket_refuses_to_start) {
  PrivatePool pool;
  const auto [same_pid_code, same_pid_text] =
      PrivatePool::run_once({"--socket", pool.dir() + "/other.sock", "--pid-file", pool.pid_file()}, 15s);
  BOOST_TEST(same_pid_code == 1, same_pid_text);
  BOOST_TEST(same_pid_text.find("another pool") != std::string::npos, same_pid_text);
  BOOST_TEST(!file_exists(pool.dir() + "/other.sock"));

  const auto [same_socket_code, same_socket_text] =
      PrivatePool::run_once({"--socket", pool.socket(), "--pid-file", pool.dir() + "/other.pid"}, 15s);
  BOOST_TEST(same_socket_code == 1, same_socket_text);
  BOOST_TEST(same_socket_text.find("already answers") != std::string::npos, same_socket_text);

  BOOST_TEST(pool.master() == pool.first_master());
  BOOST_TEST(file_exists(pool.socket()));
  for (int i = 0; i < 4; ++i) BOOST_TEST(pool.get("/api/v1/health") == 200);
}

BOOST_AUTO_TEST_CASE(process_titles_say_the_role) {
  PrivatePool pool;
  const pid_t master = pool.master();
  BOOST_TEST(command_line_of(master) == "shop: master");
  BOOST_TEST(name_of(master) == "shop: master");
  const auto workers = worker_pids(master);
  BOOST_TEST_REQUIRE(workers.size() == 2u);
  for (const pid_t worker : workers) {
    BOOST_TEST(command_line_of(worker) == "shop: worker");
    BOOST_TEST(name_of(worker) == "shop: worker");
  }
  int sweepers = 0;
  for (const pid_t child : children_of(master)) sweepers += command_line_of(child) == "shop: sweeper" ? 1 : 0;
  BOOST_TEST(sweepers == 1);
}

BOOST_AUTO_TEST_CASE(usr1_after_the_log_file_moved_writes_to_a_new_file) {
  PrivatePool pool;
  const std::string rotated = pool.log() + ".1";
  BOOST_TEST_REQUIRE(std::rename(pool.log().c_str(), rotated.c_str()) == 0);
  BOOST_TEST_REQUIRE(::kill(pool.master(), SIGUSR1) == 0);
  BOOST_TEST(pool.wait_for_log("SIGUSR1: log file reopened", 5s));
  // Each worker reopens on the master's SIGUSR1; a request after that is logged in the new file.
  bool logged = false;
  for (int i = 0; i < 50 && !logged; ++i) {
    BOOST_TEST_REQUIRE(pool.get("/api/v1/health?usr1=" + std::to_string(i)) == 200);
    logged = pool.wait_for_log("GET /api/v1/health 200", 200ms);
  }
  BOOST_TEST(logged);
  BOOST_TEST(pool.get("/api/v1/health") == 200);
  BOOST_TEST(pool.master() == pool.first_master());
}

BOOST_AUTO_TEST_CASE(stray_signals_do_not_kill_the_master) {
  PrivatePool pool(2, {{"SHOP_LOG_FILE", ""}});
  const pid_t master = pool.master();
  for (const int signo : {SIGUSR1, SIGWINCH, SIGTTIN, SIGTTOU, SIGPIPE, SIGALRM, SIGVTALRM, SIGIO, SIGRTMIN + 3}) {
    BOOST_TEST_REQUIRE(::kill(master, signo) == 0);
  }
  BOOST_TEST(pool.get("/api/v1/health") == 200);
  BOOST_TEST(process_alive(master));
  BOOST_TEST(pool.master() == master);
  BOOST_TEST(children_of(master).size() == 3u);  // and the children are still there
}

BOOST_AUTO_TEST_CASE(usr2_replaces_the_binary_under_load_without_a_failed_request) {
  PrivatePool pool;
  const pid_t old_master = pool.master();
  const auto old_children = children_of(old_master);
  constexpr int kClients = 3;
  SharedArray<std::atomic<long long>> counts(2 * kClients);  // per client: answered 200, failed
  SharedArray<std::atomic<int>> stop(1);
  ProcessGroup clients;
  clients.start(kClients, [&](int index) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (stop[0] == 0 && std::chrono::steady_clock::now() < deadline) {
      ++counts[static_cast<std::size_t>(pool.get("/api/v1/health") == 200 ? 2 * index : 2 * index + 1)];
    }
    return 0;
  });
  BOOST_TEST_REQUIRE(wait_until(20s, [&] { return counts[0] + counts[2] + counts[4] >= 30; }));
  BOOST_TEST_REQUIRE(::kill(old_master, SIGUSR2) == 0);
  const bool replaced = wait_until(40s, [&] {
    const pid_t now = pool.master();
    return now != 0 && now != old_master && !process_alive(old_master) && all_gone(old_children);
  });
  const pid_t new_master = pool.master();
  // More load on the new master, then stop.
  const long long answered = counts[0] + counts[2] + counts[4];
  wait_until(20s, [&] { return counts[0] + counts[2] + counts[4] >= answered + 30; });
  stop[0] = 1;
  clients.wait(30s);
  long long ok = 0, failed = 0;
  for (int i = 0; i < kClients; ++i) {
    ok += counts[static_cast<std::size_t>(2 * i)];
    failed += counts[static_cast<std::size_t>(2 * i + 1)];
  }
  BOOST_TEST_MESSAGE("requests answered 200: " << ok << ", failed: " << failed);
  BOOST_TEST(replaced, "pid file names " << new_master << ", old master alive: " << process_alive(old_master));
  BOOST_TEST(failed == 0);
  BOOST_TEST(ok > answered);
  BOOST_TEST(new_master != old_master);
  BOOST_TEST(process_alive(new_master));
  BOOST_TEST(worker_pids(new_master).size() == 2u);
  BOOST_TEST(command_line_of(new_master) == "shop: master");
  BOOST_TEST(pool.get("/api/v1/health") == 200);
}
