// Sign-up and sign-in are limited per client address by nginx (SHOP_AUTH_RATE, bursts of 20): past the burst
// a POST to either is 429 TOO_MANY_REQUESTS with Retry-After, nginx's own JSON answer; nothing else is ever
// limited. The limited nginx of scripts/test (SHOP_TEST_LIMITED_BASE_URL) runs at 1 per second; the main one
// (SHOP_TEST_BASE_URL) at 0, which is no limit at all.
//
// Each case connects from an address of its own in 127.0.0.0/8, so the cases (and a second run against the
// same stack) never share a budget. The bodies are empty JSON objects: the pool refuses them at once and
// creates nothing, and nginx counts requests, whatever the pool answers.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"

using namespace shop::test;

namespace {

// Allowed at once by limit_req: the first request and a burst of 20.
constexpr int kBurst = 21;

/// An address of 127.0.0.0/8 for case `n`, unique to this process (never 127.0.0.1, the other tests' own).
std::string source_address(int n) {
  const auto pid = static_cast<unsigned>(::getpid());
  return "127." + std::to_string(10 + n) + "." + std::to_string((pid >> 8) & 0xff) + "." +
         std::to_string(1 + pid % 250);
}

struct Client {
  HttpClient http;

  Client(const char* base_env, int n) : http(require_env(base_env)) { http.set_source_address(source_address(n)); }

  HttpResponse post(const std::string& path, const std::vector<std::string>& headers = {}) {
    return http.send("POST", path, std::string("{}"), headers);
  }
};

Client limited(int n) {
  return Client("SHOP_TEST_LIMITED_BASE_URL", n);
}

/// The index of the first 429 among `answers`, if any.
std::optional<std::size_t> first_429(const std::vector<HttpResponse>& answers) {
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i].status == 429) return i;
  }
  return std::nullopt;
}

/// Exactly the contract's 429: nginx's JSON error with Retry-After and one X-Request-Id.
void check_too_many(const HttpResponse& response) {
  check_error(response, "TOO_MANY_REQUESTS");
  BOOST_TEST(response.header("Retry-After").value_or("<none>") == "1");
}

/// Sends POSTs to `path` until the first 429 (at most 40); every answer before it is not 429.
std::vector<HttpResponse> post_until_429(Client& client, const std::string& path,
                                         const std::vector<std::string>& headers = {}) {
  std::vector<HttpResponse> answers;
  for (int i = 0; i < 40 && (answers.empty() || answers.back().status != 429); ++i) {
    answers.push_back(client.post(path, headers));
  }
  return answers;
}

/// Spends the address's whole budget on sign-ups.
void exhaust(Client& client) {
  const auto answers = post_until_429(client, "/api/v1/users");
  BOOST_TEST_REQUIRE(answers.back().status == 429);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limit)

BOOST_AUTO_TEST_CASE(a_burst_of_sign_ups_from_one_address_is_429_after_the_burst) {
  auto client = limited(1);
  const auto answers = post_until_429(client, "/api/v1/users");
  const auto first = first_429(answers);
  BOOST_TEST_REQUIRE(first.has_value(), "40 sign-ups at once and never a 429");
  BOOST_TEST(*first >= std::size_t{kBurst}, "a 429 within the burst, at request " << *first);
  for (std::size_t i = 0; i < *first; ++i) {
    BOOST_TEST_CONTEXT("answer " << i) {
      BOOST_TEST(answers[i].status == 400, answers[i].body);  // the pool's answer to {}
    }
  }
  check_too_many(answers[*first]);
  // The limit holds: the next one at once is refused too.
  check_too_many(client.post("/api/v1/users"));
}

BOOST_AUTO_TEST_CASE(a_burst_of_sign_ins_from_one_address_is_429_after_the_burst) {
  auto client = limited(2);
  const auto answers = post_until_429(client, "/api/v1/sessions");
  const auto first = first_429(answers);
  BOOST_TEST_REQUIRE(first.has_value(), "40 sign-ins at once and never a 429");
  BOOST_TEST(*first >= std::size_t{kBurst}, "a 429 within the burst, at request " << *first);
  check_too_many(answers[*first]);
}

BOOST_AUTO_TEST_CASE(sign_ups_and_sign_ins_share_one_budget_and_a_query_string_counts) {
  auto client = limited(3);
  for (int i = 0; i < kBurst - 1; ++i) {
    const auto answer = client.post(i % 2 == 0 ? "/api/v1/users" : "/api/v1/users?lang=ko");
    BOOST_TEST_REQUIRE(answer.status != 429, "sign-up " << i << " refused within the burst");
  }
  // One more request is within the burst, and the refill of the time this takes (1 per second) a few more: with a
  // budget of their own, sign-ins would get 21.
  const auto answers = post_until_429(client, "/api/v1/sessions");
  BOOST_TEST_REQUIRE(answers.back().status == 429);
  BOOST_TEST(answers.size() <= 6u, answers.size() - 1 << " sign-ins passed after a burst of sign-ups");
  check_too_many(answers.back());
}

BOOST_AUTO_TEST_CASE(the_429_carries_the_cors_headers_of_an_allowed_origin) {
  auto client = limited(4);
  const std::string origin = require_env("SHOP_TEST_CORS_ORIGIN");
  const auto answers = post_until_429(client, "/api/v1/users", {"Origin: " + origin});
  BOOST_TEST_REQUIRE(answers.back().status == 429);
  BOOST_TEST(answers.back().header("Access-Control-Allow-Origin").value_or("<none>") == origin);
  BOOST_TEST(answers.back().header("Access-Control-Expose-Headers").value_or("<none>") ==
             "X-Request-Id, Idempotent-Replayed");
}

BOOST_AUTO_TEST_CASE(another_address_keeps_its_own_budget) {
  auto spent = limited(5);
  exhaust(spent);
  auto other = limited(6);
  for (int i = 0; i < 5; ++i) BOOST_TEST(other.post("/api/v1/users").status == 400);
}

BOOST_AUTO_TEST_CASE(nothing_but_sign_up_and_sign_in_posts_is_limited) {
  auto client = limited(7);
  exhaust(client);
  const std::string origin = require_env("SHOP_TEST_CORS_ORIGIN");
  for (int i = 0; i < 30; ++i) {
    const auto health = client.http.get("/api/v1/health");
    BOOST_TEST_REQUIRE(health.status == 200, "health " << i << ": " << health.status_line);
  }
  const std::vector<std::pair<std::string, std::string>> others = {
      {"GET", "/api/v1/sessions/current"},
      {"DELETE", "/api/v1/sessions/current"},
      {"GET", "/api/v1/users"},
      {"GET", "/api/v1/sessions"},
      {"POST", "/api/v1/users/1/balance/charge"},
      {"POST", "/api/v1/orders"},
      {"GET", "/api/v1/products?page=1&size=1"},
      {"GET", "/api/v1/products/top"},
  };
  for (int round = 0; round < 3; ++round) {
    for (const auto& [method, path] : others) {
      const auto answer =
          client.http.send(method, path, method == "POST" ? std::optional<std::string>("{}") : std::nullopt);
      BOOST_TEST(answer.status != 429, method << " " << path << " limited");
    }
  }
  // A browser's preflight of a sign-up is no sign-up.
  const auto preflight = client.http.send("OPTIONS", "/api/v1/users", std::nullopt,
                                          {"Origin: " + origin, "Access-Control-Request-Method: POST"});
  BOOST_TEST(preflight.status == 204);
  // And the address is still over its rate for sign-ups.
  BOOST_TEST(client.post("/api/v1/users").status == 429);
}

BOOST_AUTO_TEST_CASE(with_shop_auth_rate_0_a_burst_is_never_limited) {
  Client client("SHOP_TEST_BASE_URL", 8);
  for (const char* path : {"/api/v1/users", "/api/v1/users?lang=ko", "/api/v1/sessions"}) {
    for (int i = 0; i < 40; ++i) {
      const auto answer = client.post(path);
      BOOST_TEST_REQUIRE(answer.status != 429, "POST " << path << " " << i << " limited");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
