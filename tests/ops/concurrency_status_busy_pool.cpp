// The status page while every worker sleeps in a long request (the test builds' X-Shop-Test-Sleep-Ms): the
// master answers it through nginx at once, shows each worker busy with its request's id and path, counts as
// many processes as /proc shows children of the master, and the listen queue (read from the kernel) grows by
// the connections left waiting on the pool's socket.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/ops/status_checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/processes.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSleepMs = 4000;
// Far above what the master needs (it answers from its poll loop), far below a worker's sleep.
constexpr auto kStatusLimit = 100ms;

struct Sent {
  char request_id[64];
  int status;
};

std::string path_of(int index) {
  return "/api/v1/products/" + std::to_string(900'000'000 + index);
}

/// A connection to the pool's socket that sends nothing: no busy worker takes it, so it waits in the backlog.
int connect_silently(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// The worker entries of ?full, by request uri.
std::map<std::string, std::string> busy_workers(const rapidjson::Value& status) {
  std::map<std::string, std::string> busy;
  for (const auto& process : json_array(status, "processes").GetArray()) {
    if (json_string(process, "role") == "worker" && json_string(process, "state") == "Running") {
      busy[json_string(process, "request uri")] = json_string(process, "request id");
    }
  }
  return busy;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_status_answers_at_once_and_shows_every_busy_worker_while_all_sleep) {
  const pid_t master = pool_master_pid();
  const auto at_rest = get_status("?full");
  const int workers = static_cast<int>(status_number(at_rest, "total processes"));
  BOOST_TEST_REQUIRE(workers >= 2);
  // The counts are the processes the kernel shows: every child of the master is listed, the workers counted.
  const auto children = children_of(master);
  std::set<pid_t> listed;
  int listed_workers = 0;
  for (const auto& process : json_array(at_rest, "processes").GetArray()) {
    listed.insert(static_cast<pid_t>(json_int(process, "pid")));
    if (json_string(process, "role") == "worker") ++listed_workers;
  }
  BOOST_TEST(listed == std::set<pid_t>(children.begin(), children.end()));
  BOOST_TEST(listed_workers == workers);
  BOOST_TEST(static_cast<int>(worker_pids(master).size()) == workers);
  BOOST_TEST(status_number(at_rest, "idle processes") + status_number(at_rest, "active processes") == workers);

  SharedArray<Sent> sent(static_cast<std::size_t>(workers));
  ProcessGroup group;
  group.start(workers, [&](int index) {
    HttpClient http(require_env("SHOP_TEST_BASE_URL"), 60s);
    const auto response = http.get(path_of(index), {"X-Shop-Test-Sleep-Ms: " + std::to_string(kSleepMs)});
    const std::string rid = response.header("X-Request-Id").value_or("");
    std::snprintf(sent[static_cast<std::size_t>(index)].request_id, sizeof sent[0].request_id, "%s", rid.c_str());
    sent[static_cast<std::size_t>(index)].status = static_cast<int>(response.status);
    return 0;
  });

  // Every worker busy: each sleeping request shows on a worker of its own.
  std::map<std::string, std::string> busy;
  const bool all_busy = wait_until(3s, [&] {
    busy = busy_workers(get_status("?full"));
    return static_cast<int>(busy.size()) == workers;
  });
  BOOST_TEST_REQUIRE(all_busy, busy.size() << " of " << workers << " workers busy");

  // Answered while none is free: several times, each within the limit.
  HttpClient http(require_env("SHOP_TEST_BASE_URL"));
  for (int i = 0; i < 5; ++i) {
    const auto started = Clock::now();
    const auto response = http.get("/status");
    const auto took = Clock::now() - started;
    BOOST_TEST(response.status == 200);
    BOOST_TEST(took < kStatusLimit, std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us");
  }
  const auto during = get_status("?full");
  BOOST_TEST(status_number(during, "active processes") == workers);
  BOOST_TEST(status_number(during, "idle processes") == 0);
  BOOST_TEST(status_number(during, "max active processes") >= workers);
  for (int i = 0; i < workers; ++i) BOOST_TEST(busy.count(path_of(i)) == 1u, path_of(i) << " not shown busy");

  // Connections that find no free worker wait in the kernel's backlog: the listen queue shows them.
  constexpr int kWaiting = 5;
  std::vector<int> waiting;
  for (int i = 0; i < kWaiting; ++i) waiting.push_back(connect_silently(require_env("SHOP_TEST_POOL_SOCKET")));
  BOOST_TEST(std::count(waiting.begin(), waiting.end(), -1) == 0);
  long long queue = -1;
  const bool queued = wait_until(2s, [&] {
    const auto status = get_status();
    queue = status_number(status, "listen queue");
    return queue >= kWaiting && status_number(status, "max listen queue") >= kWaiting &&
           status_number(status, "max children reached") >= 1;
  });
  BOOST_TEST(queued, "listen queue " << queue);
  const auto queued_status = get_status();
  BOOST_TEST(status_number(queued_status, "listen queue len") > 0);
  for (const int fd : waiting) {
    if (fd >= 0) ::close(fd);
  }

  const auto codes = group.wait(30s);
  for (int i = 0; i < workers; ++i) {
    const Sent& result = sent[static_cast<std::size_t>(i)];
    BOOST_TEST(codes.at(static_cast<std::size_t>(i)) == 0);
    BOOST_TEST(result.status == 404);
    // The id the status showed for that path is the id nginx gave the request.
    BOOST_TEST(busy[path_of(i)] == std::string(result.request_id));
  }
  // Afterwards: the same processes, the workers idle again, the queue drained.
  BOOST_TEST(wait_until(5s, [&] {
    const auto after = get_status();
    return status_number(after, "idle processes") == workers && status_number(after, "listen queue") == 0;
  }));
}
