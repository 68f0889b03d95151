// Kept connections (nginx's fastcgi_keep_conn) on a pool of one worker: idle kept connections never keep the
// worker from new ones, several kept connections take turns on one worker, a worker keeps no more than its
// bound (closing the one past it right after its answer), and a leaving worker (recycled or stopped) closes
// each kept connection after its answer or once it is idle, without waiting for nginx's keepalive timeout.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/pool/private_pool.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

FastCgiAnswer health(FastCgiConnection& connection, bool keep) {
  return connection.request(nginx_like_params("GET", "/api/v1/health", 0), "", keep);
}

/// `count` connections that each carried one kept request and now sit idle on the only worker.
std::vector<std::unique_ptr<FastCgiConnection>> idle_kept(const PrivatePool& pool, int count) {
  std::vector<std::unique_ptr<FastCgiConnection>> kept;
  for (int i = 0; i < count; ++i) {
    kept.push_back(std::make_unique<FastCgiConnection>(pool.socket()));
    BOOST_TEST_REQUIRE(health(*kept.back(), true).status() == 200);
  }
  return kept;
}

}  // namespace

BOOST_AUTO_TEST_CASE(idle_kept_connections_never_keep_the_worker_from_new_ones) {
  PrivatePool pool(1);
  const auto kept = idle_kept(pool, 4);
  // A worker blocked on reading an idle kept connection would answer only after its read timeout (5 s) or the
  // idle limit (30 s); a worker polling them with the listening socket answers at once.
  for (int i = 0; i < 10; ++i) {
    const auto started = Clock::now();
    FastCgiConnection fresh(pool.socket());
    BOOST_TEST(health(fresh, false).status() == 200);
    BOOST_TEST((Clock::now() - started < 2s));
  }
  for (const auto& connection : kept) BOOST_TEST(!connection->closed_by_peer(20));
}

BOOST_AUTO_TEST_CASE(kept_connections_take_turns_on_one_worker) {
  PrivatePool pool(1);
  auto kept = idle_kept(pool, 3);
  for (int round = 0; round < 10; ++round) {
    for (const auto& connection : kept) {
      const auto answer = health(*connection, true);
      BOOST_TEST_REQUIRE(answer.ended);
      BOOST_TEST(answer.status() == 200, answer.head);
    }
  }
  for (const auto& connection : kept) BOOST_TEST(!connection->closed_by_peer(20));
}

BOOST_AUTO_TEST_CASE(a_worker_keeps_at_most_eight_connections_and_closes_the_next_after_its_answer) {
  PrivatePool pool(1);
  const auto kept = idle_kept(pool, 8);
  FastCgiConnection ninth(pool.socket());
  const auto answer = health(ninth, true);
  BOOST_TEST(answer.status() == 200, answer.head);
  BOOST_TEST(ninth.closed_by_peer(2'000));
  for (const auto& connection : kept) BOOST_TEST(!connection->closed_by_peer(20));
  BOOST_TEST(health(*kept.front(), true).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_recycled_worker_closes_its_kept_connections_and_the_pool_serves_on) {
  PrivatePool pool(1, {{"SHOP_PM_MAX_REQUESTS", "4"}});  // the start's health check was the first
  const pid_t master = pool.master();
  const auto first = worker_pids(master);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  const auto idle = idle_kept(pool, 1);
  FastCgiConnection busy(pool.socket());
  BOOST_TEST(health(busy, true).status() == 200);
  // The fourth request: answered whole, then its connection closed with the answer, since the worker leaves.
  BOOST_TEST(health(busy, true).status() == 200);
  BOOST_TEST(busy.closed_by_peer(2'000));
  // The idle one is closed half a second after the worker began to leave, not nginx's 20 s later.
  BOOST_TEST(idle.front()->closed_by_peer(3'000));
  BOOST_TEST(wait_until(10s, [&] { return !process_alive(first[0]) && worker_pids(master).size() == 1u; }));
  FastCgiConnection next(pool.socket());
  BOOST_TEST(health(next, true).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_stop_does_not_wait_for_idle_kept_connections) {
  PrivatePool pool(2);
  const pid_t master = pool.master();
  const auto kept = idle_kept(pool, 4);
  const auto started = Clock::now();
  BOOST_TEST_REQUIRE(::kill(master, SIGTERM) == 0);
  for (const auto& connection : kept) BOOST_TEST(connection->closed_by_peer(5'000));
  BOOST_TEST(wait_until(10s, [&] { return !process_alive(master); }));
  // Well before the 30 s a kept connection may otherwise stay idle.
  BOOST_TEST((Clock::now() - started < 10s));
}
