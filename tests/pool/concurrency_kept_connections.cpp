// Kept connections (nginx's fastcgi_keep_conn) on a pool of its own: an idle kept connection never keeps the
// worker from new ones; a worker keeps one connection and answers a request on another so that nginx lets it
// go (a record after END_REQUEST), and so does a leaving worker (recycled or stopped), which closes a kept
// connection idle past nginx's keepalive_timeout itself.
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

BOOST_AUTO_TEST_CASE(an_idle_kept_connection_never_keeps_the_worker_from_new_ones) {
  PrivatePool pool(1);
  const auto kept = idle_kept(pool, 1);
  // A worker blocked on reading an idle kept connection would answer only after its read timeout (5 s) or the
  // idle limit (30 s); a worker polling it with the listening socket answers at once.
  for (int i = 0; i < 10; ++i) {
    const auto started = Clock::now();
    FastCgiConnection fresh(pool.socket());
    BOOST_TEST(health(fresh, false).status() == 200);
    BOOST_TEST((Clock::now() - started < 2s));
  }
  BOOST_TEST(!kept.front()->closed_by_peer(20));
  BOOST_TEST(health(*kept.front(), true).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_worker_keeps_one_connection_and_lets_a_second_go_with_its_answer) {
  PrivatePool pool(1);
  const auto kept = idle_kept(pool, 1);
  FastCgiConnection second(pool.socket());
  const auto answer = health(second, true);
  BOOST_TEST_REQUIRE(answer.ended);
  BOOST_TEST(answer.status() == 200, answer.head);
  // One empty record after END_REQUEST (nginx then does not keep the connection), then the end.
  BOOST_TEST(second.bytes_until_closed(2'000) == 8);
  BOOST_TEST(!kept.front()->closed_by_peer(20));
  for (int i = 0; i < 5; ++i) BOOST_TEST(health(*kept.front(), true).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_recycled_worker_lets_its_kept_connection_go_and_the_pool_serves_on) {
  PrivatePool pool(1, {{"SHOP_PM_MAX_REQUESTS", "4"}});  // the start's health check was the first
  const pid_t master = pool.master();
  const auto first = worker_pids(master);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  const auto kept = idle_kept(pool, 1);
  BOOST_TEST(health(*kept.front(), true).status() == 200);
  // The fourth request: the worker leaves, and answers it so that nginx lets the connection go.
  const auto fourth = health(*kept.front(), true);
  BOOST_TEST_REQUIRE(fourth.ended);
  BOOST_TEST(fourth.status() == 200, fourth.head);
  BOOST_TEST(kept.front()->bytes_until_closed(2'000) == 8);
  BOOST_TEST_REQUIRE(pool.wait_for_log("worker recycling: served 4 requests", 5s));
  BOOST_TEST(wait_until(10s, [&] { return !process_alive(first[0]) && worker_pids(master).size() == 1u; }));
  FastCgiConnection next(pool.socket());  // the replacement's
  BOOST_TEST(health(next, true).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_stop_waits_for_idle_kept_connections_only_as_long_as_nginx_would_keep_them) {
  PrivatePool pool(2);
  const pid_t master = pool.master();
  const auto kept = idle_kept(pool, 4);
  const auto started = Clock::now();
  BOOST_TEST_REQUIRE(::kill(master, SIGTERM) == 0);
  // Each is closed: the one each worker kept once it idled 5 s, the others with their answer already (after the
  // record that lets nginx go).
  for (const auto& connection : kept) BOOST_TEST(connection->bytes_until_closed(8'000) >= 0);
  BOOST_TEST(wait_until(10s, [&] { return !process_alive(master); }));
  // Well before the 30 s a kept connection may otherwise stay idle.
  BOOST_TEST((Clock::now() - started < 9s));
}
