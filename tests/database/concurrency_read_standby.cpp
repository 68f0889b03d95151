// Catalog reads from a real read standby (SHOP_DATABASE_READ_URL): the test makes one from the test cluster
// (pg_basebackup -R into a directory of its own, started on its own socket) and a pool of its own over both.
// - With the standby's replay paused and a product's price changed on the primary, the pool still shows the
//   old price: the read went to the standby. The user's own writes (a charge) read back at once: everything
//   but the catalog stays on the primary.
// - Once the standby is further behind than SHOP_DATABASE_READ_MAX_LAG_MS, the reads go back to the primary
//   (the new price), without an error.
// - Caught up again, the standby serves again; stopped, every catalog read is still answered, by the primary.
// - Each change between the two is one line of the pool's log, with its reason (the lag, the failure); an
//   unchanged state adds none. The status page counts the workers on each side.
// - A pool whose SHOP_DATABASE_URL lands on the standby gets 25006 on a write and answers 503 (not 500); with
//   both hosts and target_session_attrs=read-write it writes on the primary.
// Starts and stops a PostgreSQL server: SERIAL.
#include <glob.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>

#include "tests/pool/private_pool.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/credentials.hpp"
#include "tests/support/env.hpp"
#include "tests/support/fastcgi_client.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;
using namespace std::chrono_literals;

namespace {

constexpr int kMaxLagMs = 4000;
constexpr const char* kInUse = "read standby in use for catalog reads";
constexpr const char* kLeftAside = "read standby left aside, catalog reads go to the primary";

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs as the cluster's owner what scripts/lib.sh's as_pg runs: as root, postgres from /.
std::string as_owner(const std::string& command) {
  return ::geteuid() == 0 ? "cd / && runuser -u postgres -- " + command : command;
}

std::string pg_bindir() {
  glob_t found{};
  std::string dir;
  if (::glob("/usr/lib/postgresql/*/bin/pg_ctl", 0, nullptr, &found) == 0 && found.gl_pathc > 0) {
    dir = found.gl_pathv[found.gl_pathc - 1];
    dir.resize(dir.rfind('/'));
  }
  ::globfree(&found);
  if (dir.empty()) throw std::runtime_error("no PostgreSQL binaries under /usr/lib/postgresql");
  return dir;
}

/// The keywords of the test database's URL, as libpq reads them.
std::map<std::string, std::string> test_url_parts() {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(require_env("SHOP_TEST_DATABASE_URL").c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    throw std::runtime_error("cannot parse SHOP_TEST_DATABASE_URL");
  }
  std::map<std::string, std::string> parts;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr) parts[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  return parts;
}

/// A hot standby of the test cluster, streaming from it, in a new directory under SHOP_TEST_TMP_DIR that is
/// also its socket directory (same port, another directory). Stopped (immediate) and removed when it goes.
class Standby {
 public:
  Standby() : bindir_(pg_bindir()), primary_(test_url_parts()) {
    std::string pattern = require_env("SHOP_TEST_TMP_DIR") + "/standby-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    if (::geteuid() == 0 && run_shell("chown postgres " + shell_quoted(dir_)) != 0) {
      throw std::runtime_error("cannot give " + dir_ + " to postgres");
    }
    const std::string backup =
        as_owner(bindir_ + "/pg_basebackup -D " + shell_quoted(dir_ + "/data") + " -R -X stream -c fast -h " +
                 shell_quoted(primary_.at("host")) + " -p " + primary_.at("port") + " -U postgres >" +
                 shell_quoted(dir_ + "/backup.log") + " 2>&1");
    if (run_shell(backup) != 0) throw std::runtime_error("pg_basebackup failed, see " + dir_ + "/backup.log");
    if (!start()) throw std::runtime_error("the standby did not start, see " + dir_ + "/postgres.log");
  }
  ~Standby() {
    run_shell(as_owner(bindir_ + "/pg_ctl -D " + shell_quoted(dir_ + "/data") + " -m immediate -w -t 30 stop") +
              " >/dev/null 2>&1");
    run_shell("rm -rf " + shell_quoted(dir_));
  }
  Standby(const Standby&) = delete;
  Standby& operator=(const Standby&) = delete;

  bool start() {
    return run_shell(as_owner(bindir_ + "/pg_ctl -D " + shell_quoted(dir_ + "/data") + " -l " +
                              shell_quoted(dir_ + "/postgres.log") + " -w -t 30 -o " + shell_quoted("-k " + dir_) +
                              " start") +
                     " >/dev/null") == 0;
  }
  bool stop() {
    return run_shell(as_owner(bindir_ + "/pg_ctl -D " + shell_quoted(dir_ + "/data") + " -m fast -w -t 30 stop") +
                     " >/dev/null") == 0;
  }
  /// Runs `sql` as the superuser on the standby; true when it succeeded.
  bool superuser_sql(const std::string& sql) {
    return run_shell(as_owner(bindir_ + "/psql -X -q -v ON_ERROR_STOP=1 -h " + shell_quoted(dir_) + " -p " +
                              primary_.at("port") + " -U postgres -d " + shell_quoted(primary_.at("dbname")) + " -c " +
                              shell_quoted(sql)) +
                     " >/dev/null") == 0;
  }
  /// The application's URL, on the standby.
  std::string url() const {
    return "host=" + shell_quoted(dir_) + " port=" + primary_.at("port") +
           " user=" + shell_quoted(primary_.at("user")) + " dbname=" + shell_quoted(primary_.at("dbname"));
  }
  /// The application's URL over both servers, the standby listed first, with `target_session_attrs`.
  std::string standby_first_url(const std::string& session_attrs) const {
    return "host=" + shell_quoted(dir_ + "," + primary_.at("host")) + " port=" + primary_.at("port") +
           " user=" + shell_quoted(primary_.at("user")) + " dbname=" + shell_quoted(primary_.at("dbname")) +
           " target_session_attrs=" + session_attrs;
  }

 private:
  std::string bindir_;
  std::map<std::string, std::string> primary_;
  std::string dir_;
};

struct Answer {
  int status = 0;
  std::string head;
  std::string body;
};

Answer call(const PrivatePool& pool, const std::string& method, const std::string& uri, const std::string& body = "",
            const std::string& token = "") {
  FastCgiConnection connection(pool.socket());
  auto params = nginx_like_params(method, uri, body.size());
  if (!token.empty()) params.emplace_back("HTTP_AUTHORIZATION", "Bearer " + token);
  const auto answer = connection.request(params, body, false);
  return {answer.ended ? answer.status() : 0, answer.head, answer.body};
}

Answer sign_up(const PrivatePool& pool) {
  const std::string body = R"({"name": ")" + unique_name("standby") + R"(", "password": "correct horse battery"})";
  return call(pool, "POST", "/api/v1/users", body);
}

/// The product's price as the pool answers it; -1 when the answer is not a 200.
long long price_through(const PrivatePool& pool, model::Id product_id) {
  const Answer answer = call(pool, "GET", "/api/v1/products/" + std::to_string(product_id));
  return answer.status == 200 ? json_int(parse_json(answer.body), "price") : -1;
}

long long price_on(soci::session& sql, model::Id product_id) {
  long long price = -1;
  sql << "SELECT price FROM products WHERE id = :id", soci::use(product_id), soci::into(price);
  return sql.got_data() ? price : -1;
}

void set_price(soci::session& sql, model::Id product_id, long long price) {
  sql << "UPDATE products SET price = :price WHERE id = :id", soci::use(price), soci::use(product_id);
}

/// The pool's status page (JSON), asked on its own socket as nginx asks it; an empty object when it does not
/// answer within 5 s.
rapidjson::Document status_of(const PrivatePool& pool) {
  const std::string path = pool.socket() + ".status";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const timeval limit{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), std::min(path.size() + 1, sizeof address.sun_path));
  std::string answer;
  const std::string request = "GET /status HTTP/1.0\r\n\r\n";
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto body = answer.find("\r\n\r\n");
  return parse_json(body == std::string::npos ? "{}" : answer.substr(body + 4));
}

/// The status page's two counts of workers by where their catalog reads go: "in use,left aside", or "null". A
/// worker sets its count right after its answer: wait for it.
std::string standby_counts(const PrivatePool& pool) {
  const auto status = status_of(pool);
  if (!status.HasMember("read standby in use") || status["read standby in use"].IsNull()) return "null";
  return std::to_string(json_int(status, "read standby in use")) + "," +
         std::to_string(json_int(status, "read standby left aside"));
}

}  // namespace

BOOST_AUTO_TEST_CASE(catalog_reads_go_to_the_standby_and_back_to_the_primary_when_it_lags_or_stops) {
  Standby standby;
  PrivatePool pool(
      1, {{"SHOP_DATABASE_READ_URL", standby.url()}, {"SHOP_DATABASE_READ_MAX_LAG_MS", std::to_string(kMaxLagMs)}});
  TestDatabase primary;
  soci::session on_standby(*soci::factory_postgresql(), standby.url());

  const model::Id product = insert_product(primary.sql(), unique_name("standby"), 1000, 5);
  BOOST_TEST_REQUIRE(wait_until(15s, [&] { return price_on(on_standby, product) == 1000; }));
  BOOST_TEST(price_through(pool, product) == 1000);
  BOOST_TEST(pool.wait_for_log(kInUse, 2s), pool.log());
  BOOST_TEST(pool.log_lines_with(kLeftAside) == 0u);
  BOOST_TEST(wait_until(2s, [&] { return standby_counts(pool) == "1,0"; }), standby_counts(pool));

  // Replay paused: the primary's change does not reach the standby, and the pool shows the standby's price.
  BOOST_TEST_REQUIRE(standby.superuser_sql("SELECT pg_wal_replay_pause()"));
  set_price(primary.sql(), product, 2000);
  BOOST_TEST(price_through(pool, product) == 1000);
  BOOST_TEST(price_on(on_standby, product) == 1000);
  // A user's own write reads back at once: balances are on the primary.
  const UserCredentials user = primary.create_signed_in_user(unique_name("standby"));
  const std::string uri = "/api/v1/users/" + std::to_string(user.id) + "/balance";
  BOOST_TEST(call(pool, "POST", uri + "/charge", R"({"amount": 700})", user.token).status == 200);
  const Answer balance = call(pool, "GET", uri, "", user.token);
  BOOST_TEST_REQUIRE(balance.status == 200);
  BOOST_TEST(json_int(parse_json(balance.body), "balance") == 700);

  // Further behind than the limit: the primary answers, with its price.
  BOOST_TEST(wait_until(kMaxLagMs * 1ms + 10s, [&] { return price_through(pool, product) == 2000; }));
  BOOST_TEST(price_on(on_standby, product) == 1000);
  BOOST_TEST(pool.wait_for_log(std::string(kLeftAside) + ": replay ", 2s), pool.log());
  BOOST_TEST(pool.log_lines_with("ms behind, over SHOP_DATABASE_READ_MAX_LAG_MS " + std::to_string(kMaxLagMs)) == 1u);
  BOOST_TEST(wait_until(2s, [&] { return standby_counts(pool) == "0,1"; }), standby_counts(pool));
  BOOST_TEST(call(pool, "GET", "/api/v1/products?page=1&size=5").status == 200);
  BOOST_TEST(call(pool, "GET", "/api/v1/products/top").status == 200);

  // Caught up, it serves again: a fresh change seen by the standby, replay paused, one more change on the
  // primary, and the pool shows the standby's price once its next lag check (once a second) trusts it.
  BOOST_TEST_REQUIRE(standby.superuser_sql("SELECT pg_wal_replay_resume()"));
  set_price(primary.sql(), product, 3000);
  BOOST_TEST_REQUIRE(wait_until(15s, [&] { return price_on(on_standby, product) == 3000; }));
  BOOST_TEST_REQUIRE(standby.superuser_sql("SELECT pg_wal_replay_pause()"));
  set_price(primary.sql(), product, 4000);
  BOOST_TEST(wait_until(3s, [&] { return price_through(pool, product) == 3000; }));
  BOOST_TEST(price_on(primary.sql(), product) == 4000);
  BOOST_TEST(wait_until(2s, [&] { return pool.log_lines_with(kInUse) == 2u; }), pool.log());
  BOOST_TEST(wait_until(2s, [&] { return standby_counts(pool) == "1,0"; }), standby_counts(pool));

  // A real standby refuses writes (25006): a pool whose URL may land on it (target_session_attrs=any) answers
  // 503 with Retry-After, never 500; with read-write, libpq passes the standby by and writes reach the primary.
  {
    const PrivatePool on_any(1, {{"SHOP_DATABASE_URL", standby.standby_first_url("any")}});
    const Answer refused = sign_up(on_any);
    BOOST_TEST(refused.status == 503, refused.head << refused.body);
    BOOST_TEST(refused.head.find("Retry-After: ") != std::string::npos, refused.head);
    BOOST_TEST(on_any.wait_for_log("connection dropped", 5s));
    const PrivatePool on_primary(1, {{"SHOP_DATABASE_URL", standby.standby_first_url("read-write")}});
    const Answer created = sign_up(on_primary);
    BOOST_TEST(created.status == 201, created.head << created.body);
  }

  // Stopped: the catalog is answered by the primary, not by an error.
  BOOST_TEST_REQUIRE(standby.stop());
  BOOST_TEST(price_through(pool, product) == 4000);
  BOOST_TEST(call(pool, "GET", "/api/v1/products?page=1&size=5").status == 200);
  BOOST_TEST(call(pool, "GET", "/api/v1/products/top").status == 200);
  BOOST_TEST(price_through(pool, product) == 4000);
  // Whether a read or the next lag check meets the closed connection first, the line names the failure.
  BOOST_TEST(wait_until(2s,
                        [&] {
                          return pool.log_lines_with(std::string(kLeftAside) + ": a read failed: ") +
                                     pool.log_lines_with(std::string(kLeftAside) + ": cannot use it: ") ==
                                 1u;
                        }),
             pool.log());
  BOOST_TEST(wait_until(2s, [&] { return standby_counts(pool) == "0,1"; }), standby_counts(pool));
}
