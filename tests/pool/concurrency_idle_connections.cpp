// Connections to the pool's socket that send nothing (64 of them, held open) or stop half way never hold a
// worker: requests through nginx meanwhile all succeed, and the pool closes the silent connections after a few
// seconds (3 s for the first bytes, 5 s per read of a begun request).
#include <boost/test/unit_test.hpp>
#include <memory>
#include <vector>

#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/pool.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(idle_connections_do_not_hold_the_workers) {
  const std::string socket = require_env("SHOP_TEST_POOL_SOCKET");
  const auto workers = worker_pids(pool_master_pid());
  std::vector<std::unique_ptr<FastCgiConnection>> idle;
  for (int i = 0; i < 64; ++i) idle.push_back(std::make_unique<FastCgiConnection>(socket));
  std::vector<std::unique_ptr<FastCgiConnection>> halves;
  for (int i = 0; i < 4; ++i) {
    halves.push_back(std::make_unique<FastCgiConnection>(socket));
    halves.back()->send_unfinished(nginx_like_params("GET", "/api/v1/health", 0));
  }

  HttpClient http(require_env("SHOP_TEST_BASE_URL"), 20s);
  int ok = 0;
  for (int i = 0; i < 20; ++i) ok += http.get("/api/v1/health").status == 200 ? 1 : 0;
  BOOST_TEST(ok == 20);

  // Each is closed by the pool: silent ones after 3 s, half requests after a 5 s read (and libfcgi's close).
  int closed = 0;
  for (const auto& connection : idle) closed += connection->closed_by_peer(8'000) ? 1 : 0;
  BOOST_TEST(closed == 64);
  int halves_closed = 0;
  for (const auto& connection : halves) halves_closed += connection->closed_by_peer(12'000) ? 1 : 0;
  BOOST_TEST(halves_closed == 4);
  BOOST_TEST(worker_pids(pool_master_pid()) == workers, boost::test_tools::per_element());
}
