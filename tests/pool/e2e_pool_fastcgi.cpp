// The pool's FastCGI side without nginx in front (SHOP_TEST_POOL_SOCKET), spoken as nginx speaks it: a kept
// connection (fastcgi_keep_conn) carries several requests; a body over 64 KiB sent straight to the pool is 413
// with the JSON error, however large; connections that hang up before or during their request cost no worker.
#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"

using namespace shop::test;

namespace {

std::string socket_path() {
  return require_env("SHOP_TEST_POOL_SOCKET");
}

FastCgiAnswer get_health(FastCgiConnection& connection, bool keep) {
  return connection.request(nginx_like_params("GET", "/api/v1/health", 0), "", keep);
}

FastCgiAnswer post_user(const std::string& body) {
  FastCgiConnection connection(socket_path());
  return connection.request(nginx_like_params("POST", "/api/v1/users", body.size()), body, false);
}

/// A user-creating body of about `size` bytes: valid JSON, so only its size can refuse it.
std::string body_of_size(std::size_t size) {
  return R"({"name":"big","pad":")" + std::string(size, 'x') + R"("})";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_kept_connection_carries_several_requests_and_is_closed_after_the_last) {
  FastCgiConnection connection(socket_path());
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST_CONTEXT("kept request " << i) {
      const auto answer = get_health(connection, true);
      BOOST_TEST_REQUIRE(answer.ended);
      BOOST_TEST(answer.status() == 200, answer.head);
      BOOST_TEST(!connection.closed_by_peer(50));
    }
  }
  const auto last = get_health(connection, false);
  BOOST_TEST_REQUIRE(last.ended);
  BOOST_TEST(last.status() == 200, last.head);
  BOOST_TEST(connection.closed_by_peer(5000));
}

BOOST_AUTO_TEST_CASE(a_body_over_64_kib_straight_to_the_pool_is_413_and_the_workers_serve_on) {
  const auto workers = worker_pids(pool_master_pid());
  // 100 KiB is read to its end before the pool hangs up; 1 MiB is more than it reads, and libfcgi's own
  // careful close ends that connection. Both get the whole answer.
  for (const std::size_t size : {std::size_t{100} * 1024, std::size_t{1024} * 1024}) {
    BOOST_TEST_CONTEXT("body of " << size << " bytes") {
      const auto answer = post_user(body_of_size(size));
      BOOST_TEST_REQUIRE(answer.ended);
      BOOST_TEST(answer.status() == 413, answer.head);
      check_error_body(answer.body, "PAYLOAD_TOO_LARGE");
    }
  }
  const auto small = post_user(credentials_body(unique_name("small enough")));
  BOOST_TEST(small.status() == 201, small.head << small.body);
  BOOST_TEST(worker_pids(pool_master_pid()) == workers, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(connections_that_hang_up_early_leave_every_worker_serving) {
  const auto workers = worker_pids(pool_master_pid());
  for (int i = 0; i < 20; ++i) FastCgiConnection silent(socket_path());  // connect, send nothing, close
  for (int i = 0; i < 5; ++i) {
    // Half a request: the params stream never ends.
    FastCgiConnection half(socket_path());
    half.send_unfinished(nginx_like_params("GET", "/api/v1/health", 0));
  }
  for (int i = 0; i < 2 * static_cast<int>(workers.size()); ++i) {
    FastCgiConnection connection(socket_path());
    const auto answer = get_health(connection, false);
    BOOST_TEST(answer.status() == 200, answer.head);
  }
  BOOST_TEST(worker_pids(pool_master_pid()) == workers, boost::test_tools::per_element());
}
