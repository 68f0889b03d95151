// The pool as a Type=notify service, its messages caught on a NOTIFY_SOCKET of the test's own (a datagram
// socket, as systemd's): READY=1 only once every worker is ready (each has logged "worker ready", which it
// does before it first waits for a connection, and answers), with the counts in STATUS=; RELOADING=1 on
// SIGHUP, then READY=1 once every old worker is gone; WATCHDOG=1 about every half of WATCHDOG_USEC;
// STOPPING=1 on SIGTERM; after SIGUSR2, MAINPID= names the new master, which then pings the watchdog itself.
// Every message's sender is checked (SO_PASSCRED, as systemd does): the master, never a worker.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "tests/ops/configured_pool.hpp"
#include "tests/support/env.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// systemd's side of sd_notify: an AF_UNIX datagram socket bound at a path.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd_ < 0 || path.size() >= sizeof address.sun_path) throw std::runtime_error("no notify socket");
    std::strcpy(address.sun_path, path.c_str());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot bind " + path);
    }
    const int on = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  }
  ~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  /// The next message, waiting up to `limit`; `sender` is its sender's pid.
  std::optional<std::string> next(std::chrono::milliseconds limit) {
    pollfd fd{fd_, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(limit.count())) != 1) return std::nullopt;
    char buffer[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    iovec data{buffer, sizeof buffer};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(fd_, &message, 0);
    if (n <= 0) return std::nullopt;
    sender = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
        ucred credentials{};
        std::memcpy(&credentials, CMSG_DATA(c), sizeof credentials);
        sender = credentials.pid;
      }
    }
    return std::string(buffer, static_cast<std::size_t>(n));
  }

  pid_t sender = 0;

  /// Messages until one contains `needle` (returned), within `limit`; every message before it in `seen`.
  std::optional<std::string> until(const std::string& needle, std::chrono::milliseconds limit, std::string& seen) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      const auto message = next(std::max(left, 1ms));
      if (!message) break;
      if (has(*message, needle)) return message;
      seen += "from " + std::to_string(sender) + ": " + *message + "\n--\n";
    }
    return std::nullopt;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

BOOST_AUTO_TEST_CASE(ready_after_the_workers_reloading_on_hup_watchdog_and_stopping) {
  const std::string dir = make_test_dir("notify");
  const std::string socket = dir + "/s";
  const std::string log = dir + "/log";
  NotifySocket notify(dir + "/notify");
  constexpr int kWorkers = 3;
  ConfiguredPool pool({"--socket", socket, "--pid-file", dir + "/pid"},
                      {{"SHOP_DATABASE_URL", require_env("SHOP_TEST_DATABASE_URL")},
                       {"SHOP_WORKERS", std::to_string(kWorkers)},
                       {"SHOP_LOG_FILE", log},
                       {"NOTIFY_SOCKET", dir + "/notify"},
                       {"WATCHDOG_USEC", "1000000"}},
                      dir + "/start.log");

  std::string before_ready;
  const auto ready = notify.until("READY=1", 20s, before_ready);
  BOOST_TEST_REQUIRE(ready.has_value(), before_ready + read_file(dir + "/start.log") + read_file(log));
  BOOST_TEST(notify.sender == pool.pid());
  // At the moment systemd hears READY=1, every worker has said it is ready and answers.
  BOOST_TEST(count_in_file(log, "worker ready") == kWorkers, read_file(log));
  BOOST_TEST(worker_pids(pool.pid()).size() == static_cast<std::size_t>(kWorkers));
  BOOST_TEST(has(*ready, "STATUS=workers: "), *ready);
  BOOST_TEST(has(*ready, " 0 starting"), *ready);
  BOOST_TEST(fastcgi_get(socket, "/api/v1/health") == 200);

  // WATCHDOG_USEC=1 s: a ping about every 500 ms.
  std::string seen;
  const auto first_ping = notify.until("WATCHDOG=1", 3s, seen);
  BOOST_TEST_REQUIRE(first_ping.has_value(), seen);
  BOOST_TEST(notify.sender == pool.pid());
  BOOST_TEST(notify.until("WATCHDOG=1", 3s, seen).has_value(), seen);

  const auto old_workers = worker_pids(pool.pid());
  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGHUP) == 0);
  seen.clear();
  const auto reloading = notify.until("RELOADING=1", 5s, seen);
  BOOST_TEST_REQUIRE(reloading.has_value(), seen);
  BOOST_TEST(has(*reloading, "MONOTONIC_USEC="), *reloading);
  const auto ready_again = notify.until("READY=1", 30s, seen);
  BOOST_TEST_REQUIRE(ready_again.has_value(), seen + read_file(log));
  // The reload was over: no old worker left, as many new ones, each ready.
  for (const pid_t pid : old_workers) BOOST_TEST(!process_alive(pid), "old worker " << pid << " still there");
  BOOST_TEST(count_in_file(log, "worker ready") >= 2 * kWorkers, read_file(log));
  BOOST_TEST(worker_pids(pool.pid()).size() == static_cast<std::size_t>(kWorkers));
  BOOST_TEST(fastcgi_get(socket, "/api/v1/health") == 200);

  // A new binary (SIGUSR2): the old master names the new one, says no STOPPING=1 of its own, and leaves.
  BOOST_TEST_REQUIRE(::kill(pool.pid(), SIGUSR2) == 0);
  seen.clear();
  const auto main_pid = notify.until("MAINPID=", 40s, seen);
  BOOST_TEST_REQUIRE(main_pid.has_value(), seen + read_file(log));
  BOOST_TEST(notify.sender == pool.pid());
  const pid_t successor = std::stoi(main_pid->substr(main_pid->find("MAINPID=") + 8));
  BOOST_TEST(successor != pool.pid());
  BOOST_TEST(pool.wait_exit(20s) == 0);
  BOOST_TEST(read_file(dir + "/pid").find(std::to_string(successor)) == 0u);
  BOOST_TEST(!has(seen, "STOPPING=1"), seen);
  seen.clear();
  BOOST_TEST(notify.until("WATCHDOG=1", 3s, seen).has_value(), seen);
  BOOST_TEST(notify.sender == successor);
  BOOST_TEST(fastcgi_get(socket, "/api/v1/health") == 200);

  const auto last_children = children_of(successor);
  BOOST_TEST_REQUIRE(::kill(successor, SIGTERM) == 0);
  seen.clear();
  const auto stopping = notify.until("STOPPING=1", 5s, seen);
  BOOST_TEST(stopping.has_value(), seen);
  BOOST_TEST(notify.sender == successor);
  const bool gone = wait_until(20s, [&] { return !process_alive(successor); });
  BOOST_TEST(gone);
  if (!gone) ::kill(successor, SIGKILL);
  for (const pid_t child : last_children) {
    if (!wait_until(5s, [&] { return !process_alive(child); })) ::kill(child, SIGKILL);
  }
}
