// Every answer is application/json; charset=utf-8 with one X-Request-Id (nginx's $request_id, also on the
// answers nginx makes itself, those to requests it refuses by their protocol among them), and the pool's log
// line for that request carries the same id.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <regex>
#include <set>
#include <string>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/pool.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using namespace std::chrono_literals;

namespace {

struct HeadersFixture {
  ShopApi api;
  TestDatabase db;
  UserCredentials user = db.create_signed_in_user(unique_name("hdr"), 1'000'000'000'000 - 1);
  UserCredentials other = db.create_signed_in_user(unique_name("hdr-other"));

  HttpResponse get_balance() { return api.http().get(user_path(user.id, "/balance"), {authorization(user.token)}); }

  /// One request of each kind of answer: 200, 201, 400, 401, 403, 404 (pool and nginx), 405, 409, 413.
  std::vector<HttpResponse> one_of_each() {
    std::vector<HttpResponse> out;
    out.push_back(get_balance());
    out.push_back(api.http().post("/api/v1/users", credentials_body(unique_name("hdr"))));
    out.push_back(api.charge_body(user, R"({"amount": "x"})"));
    out.push_back(api.charge(UserCredentials{user.id, "unknown-token"}, 2));
    out.push_back(api.charge(UserCredentials{user.id, other.token}, 2));
    out.push_back(api.http().get(user_path(db.missing_user_id(), "/balance"), {admin_authorization()}));
    out.push_back(api.http().get("/api/v1/nope"));
    out.push_back(api.http().get("/nope"));
    out.push_back(api.http().send("DELETE", user_path(user.id, "/balance")));
    out.push_back(api.charge(user, 2));
    out.push_back(api.charge_body(user, std::string(70 * 1024, ' ')));
    return out;
  }
};

/// Sends `request` as it is to nginx (SHOP_TEST_BASE_URL's port on 127.0.0.1) and returns all it answers
/// until it closes, within 5 s: for requests no HTTP client library would send.
std::string raw_exchange(const std::string& request) {
  const std::string base = require_env("SHOP_TEST_BASE_URL");
  const int port = std::stoi(base.substr(base.rfind(':') + 1));
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  BOOST_TEST_REQUIRE(fd >= 0);
  const timeval limit{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

/// A raw answer is a JSON error with the contract's headers: `status`, `code`.
void check_raw_error(const std::string& answer, int status, const std::string& code) {
  BOOST_TEST(answer.rfind("HTTP/1.1 " + std::to_string(status) + " ", 0) == 0u, answer);
  BOOST_TEST(answer.find("\r\nContent-Type: application/json; charset=utf-8\r\n") != std::string::npos, answer);
  BOOST_TEST(std::regex_search(answer, std::regex("\r\nX-Request-Id: [0-9a-f]{32}\r\n")), answer);
  const auto body_at = answer.find("\r\n\r\n");
  BOOST_TEST_REQUIRE(body_at != std::string::npos, answer);
  const auto body = parse_json(answer.substr(body_at + 4));
  BOOST_TEST(json_string(body["error"], "code") == code, answer);
}

}  // namespace

BOOST_AUTO_TEST_CASE(requests_nginx_refuses_by_their_protocol_get_json_errors_with_a_request_id) {
  const std::string path = "/api/v1/products/1";
  check_raw_error(raw_exchange("TRACE " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405,
                  "METHOD_NOT_ALLOWED");
  check_raw_error(raw_exchange("GET " + path + " HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"), 505,
                  "INVALID_REQUEST");
  check_raw_error(raw_exchange("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                  501, "INVALID_REQUEST");
  // The pool's own 405 still names the methods the path takes.
  const auto pool_405 = ShopApi().http().send("DELETE", path);
  BOOST_TEST(pool_405.status == 405);
  BOOST_TEST(pool_405.header("Allow").has_value());
}

BOOST_FIXTURE_TEST_SUITE(headers, HeadersFixture)

BOOST_AUTO_TEST_CASE(every_kind_of_answer_is_json_with_one_request_id) {
  const auto answers = one_of_each();
  const long expected[] = {200, 201, 400, 401, 403, 404, 404, 404, 405, 409, 413};
  BOOST_TEST_REQUIRE(answers.size() == std::size(expected));
  for (std::size_t i = 0; i < answers.size(); ++i) {
    BOOST_TEST_CONTEXT("answer " << i << ": " << answers[i].status_line) {
      BOOST_TEST(answers[i].status == expected[i]);
      check_contract_headers(answers[i]);
      BOOST_CHECK_NO_THROW(parse_json(answers[i].body));
    }
  }
}

BOOST_AUTO_TEST_CASE(request_ids_are_nginx_ids_unique_per_request) {
  const std::regex nginx_id("[0-9a-f]{32}");
  std::set<std::string> seen;
  for (const auto& answer : one_of_each()) {
    const std::string rid = answer.header("X-Request-Id").value_or("");
    BOOST_TEST(std::regex_match(rid, nginx_id), rid);
    seen.insert(rid);
  }
  BOOST_TEST(seen.size() == 11u);
}

BOOST_AUTO_TEST_CASE(a_request_id_sent_by_the_client_is_not_echoed) {
  const auto response =
      api.http().get(user_path(user.id, "/balance"), {authorization(user.token), "X-Request-Id: chosen-by-me"});
  BOOST_TEST(response.header_count("X-Request-Id") == 1);
  BOOST_TEST(response.header("X-Request-Id").value_or("") != "chosen-by-me");
}

BOOST_AUTO_TEST_CASE(the_status_line_has_its_reason_phrase) {
  BOOST_TEST(get_balance().status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(api.http().post("/api/v1/users", credentials_body(unique_name("phrase"))).status_line ==
             "HTTP/1.1 201 Created");
  BOOST_TEST(api.charge_body(user, "[]").status_line == "HTTP/1.1 400 Bad Request");
  BOOST_TEST(api.charge(UserCredentials{user.id, "unknown-token"}, 2).status_line == "HTTP/1.1 401 Unauthorized");
  BOOST_TEST(api.charge(UserCredentials{user.id, other.token}, 2).status_line == "HTTP/1.1 403 Forbidden");
  BOOST_TEST(api.charge(user, 2).status_line == "HTTP/1.1 409 Conflict");
}

BOOST_AUTO_TEST_CASE(the_pool_log_line_of_a_request_carries_its_request_id) {
  const std::string path = user_path(user.id, "/balance");
  const auto ok = get_balance();
  const auto bad = api.charge_body(user, R"({"amount": 1.5})");
  const auto missing = api.http().get("/api/v1/nope-" + unique_name("log"));
  for (const auto* answer : {&ok, &bad, &missing}) {
    const std::string rid = answer->header("X-Request-Id").value_or("");
    BOOST_TEST_REQUIRE(!rid.empty());
    const auto line = wait_for_log_line(std::string("rid=").append(rid).append(" "), 10s);
    BOOST_TEST_REQUIRE(line.has_value(), "no line with rid=" << rid << " in the pool log");
    BOOST_TEST(line->find(std::string(" ").append(std::to_string(answer->status)).append(" ")) != std::string::npos,
               *line);
  }
  const std::string full_line =
      std::string("rid=").append(ok.header("X-Request-Id").value_or("")).append(" GET ").append(path).append(" 200 ");
  BOOST_TEST(wait_for_log_line(full_line, 10s).has_value(), full_line);
}

BOOST_AUTO_TEST_SUITE_END()
