// Browsers on other origins (SHOP_CORS_ORIGINS; scripts/test allows SHOP_TEST_CORS_ORIGIN). A preflight from an
// allowed origin, sent as a browser sends it, is answered 204 by nginx with the methods and headers the API
// takes; every answer to an allowed origin, nginx's own errors too (but 400 and 414 of a request line nginx
// could not read: there are no headers yet), names that origin (never "*") and exposes
// X-Request-Id and Idempotent-Replayed; no credentials are claimed (tokens are bearer headers). Any other origin
// gets no CORS header at all, so its browser refuses to pass the answer on; its preflight goes to the pool like
// any OPTIONS and is a 405.
#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/checks.hpp"
#include "tests/support/env.hpp"
#include "tests/support/http_client.hpp"

using namespace shop::test;

namespace {

const std::string kMethods = "GET, POST, PUT, PATCH, DELETE, HEAD";
const std::string kAllowedHeaders = "Authorization, Content-Type, Idempotency-Key";
const std::string kExposed = "X-Request-Id, Idempotent-Replayed";

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> cors_header_names(const HttpResponse& response) {
  std::vector<std::string> names;
  for (const auto& [name, value] : response.headers) {
    if (starts_with_ci(name, "Access-Control-")) names.push_back(name);
  }
  return names;
}

/// No CORS header names "*", whatever the request.
void check_no_wildcard(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (starts_with_ci(name, "Access-Control-"))
      BOOST_TEST(value.find('*') == std::string::npos, name << ": " << value);
  }
}

/// What every answer to an allowed origin carries.
void check_allowed(const HttpResponse& response, const std::string& origin) {
  BOOST_TEST(response.header_count("Access-Control-Allow-Origin") == 1);
  BOOST_TEST(response.header("Access-Control-Allow-Origin").value_or("<none>") == origin);
  BOOST_TEST(response.header("Access-Control-Expose-Headers").value_or("<none>") == kExposed);
  BOOST_TEST(response.header("Vary").value_or("<none>") == "Origin");
  BOOST_TEST(!response.header("Access-Control-Allow-Credentials").has_value());
  BOOST_TEST(response.header_count("X-Request-Id") == 1);
  check_no_wildcard(response);
}

/// An answer the browser of that page must not see: no CORS header at all. The answer still depends on the
/// Origin sent (another one would have been allowed), which caches learn from Vary.
void check_refused(const HttpResponse& response) {
  BOOST_TEST(cors_header_names(response).empty(), response.status_line);
  BOOST_TEST(response.header("Vary").value_or("<none>") == "Origin");
}

struct CorsFixture {
  HttpClient http{require_env("SHOP_TEST_BASE_URL")};
  std::string origin = require_env("SHOP_TEST_CORS_ORIGIN");

  /// OPTIONS as a browser sends it before a cross-origin `method` with a JSON body and a bearer token.
  HttpResponse preflight(const std::string& path, const std::string& sent_origin, const std::string& method = "POST") {
    return http.send(
        "OPTIONS", path, std::nullopt,
        {"Origin: " + sent_origin, "Access-Control-Request-Method: " + method,
         "Access-Control-Request-Headers: authorization,content-type,idempotency-key", "Sec-Fetch-Mode: cors"});
  }

  HttpResponse from(const std::string& sent_origin, const std::string& method, const std::string& path,
                    const std::optional<std::string>& body = std::nullopt) {
    return http.send(method, path, body, {"Origin: " + sent_origin});
  }
};

// Origins that are not the allowed one, though close to it.
const std::vector<std::string> kOtherOrigins = {
    "http://evil.test",         "https://allowed.test",
    "http://allowed.test:8080", "http://allowed.test.evil.test",
    "http://sub.allowed.test",  "null",
    "http://allowed.test/",     "*",
};

// One path of each kind of location: the pool's, sign-up and sign-in (rate limited), the cached ranking.
const std::vector<std::pair<std::string, std::string>> kPreflighted = {
    {"POST", "/api/v1/users/1/balance/charge"},
    {"GET", "/api/v1/users/1/balance"},
    {"DELETE", "/api/v1/users/1/basket/items/2"},
    {"PATCH", "/api/v1/admin/products/1"},
    {"POST", "/api/v1/users"},
    {"POST", "/api/v1/sessions"},
    {"DELETE", "/api/v1/sessions/current"},
    {"GET", "/api/v1/products/top"},
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cors, CorsFixture)

BOOST_AUTO_TEST_CASE(a_preflight_from_an_allowed_origin_is_answered_by_nginx) {
  for (const auto& [method, path] : kPreflighted) {
    BOOST_TEST_CONTEXT(method << " " << path) {
      const auto answer = preflight(path, origin, method);
      BOOST_TEST(answer.status == 204);
      BOOST_TEST(answer.body.empty());
      check_allowed(answer, origin);
      BOOST_TEST(answer.header("Access-Control-Allow-Methods").value_or("<none>") == kMethods);
      BOOST_TEST(answer.header("Access-Control-Allow-Headers").value_or("<none>") == kAllowedHeaders);
      const std::string max_age = answer.header("Access-Control-Max-Age").value_or("");
      BOOST_TEST(!max_age.empty());
      BOOST_TEST(max_age.find_first_not_of("0123456789") == std::string::npos, max_age);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_allowed_origin_matches_whatever_its_case) {
  std::string upper = origin;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto answer = preflight("/api/v1/users", upper);
  BOOST_TEST(answer.status == 204);
  BOOST_TEST(answer.header("Access-Control-Allow-Origin").value_or("<none>") == upper);
}

BOOST_AUTO_TEST_CASE(a_preflight_from_another_origin_gets_no_cors_headers) {
  for (const auto& other : kOtherOrigins) {
    for (const char* path : {"/api/v1/users/1/balance/charge", "/api/v1/users"}) {
      BOOST_TEST_CONTEXT(other << " " << path) {
        const auto answer = preflight(path, other);
        check_error(answer, "METHOD_NOT_ALLOWED");
        check_refused(answer);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_options_without_access_control_request_method_is_no_preflight) {
  const auto answer = from(origin, "OPTIONS", "/api/v1/users");
  check_error(answer, "METHOD_NOT_ALLOWED");
  check_allowed(answer, origin);
  BOOST_TEST(!answer.header("Access-Control-Allow-Methods").has_value());
}

BOOST_AUTO_TEST_CASE(the_pool_s_answers_to_an_allowed_origin_carry_allow_origin_and_expose_headers) {
  const std::vector<HttpResponse> answers = {
      from(origin, "GET", "/api/v1/health"),       from(origin, "GET", "/api/v1/products?page=1&size=1"),
      from(origin, "GET", "/api/v1/products/top"), from(origin, "HEAD", "/api/v1/health"),
      from(origin, "POST", "/api/v1/users", "{}"), from(origin, "POST", "/api/v1/sessions", "{}"),
      from(origin, "GET", "/api/v1/nope"),
  };
  for (const auto& answer : answers) {
    BOOST_TEST_CONTEXT(answer.status_line << " " << answer.body) {
      check_allowed(answer, origin);
      BOOST_TEST(!answer.header("Access-Control-Allow-Methods").has_value());
      BOOST_TEST(!answer.header("Access-Control-Max-Age").has_value());
    }
  }
  BOOST_TEST(answers[0].status == 200);
}

BOOST_AUTO_TEST_CASE(nginx_s_own_errors_carry_them_too) {
  const std::vector<std::pair<std::string, HttpResponse>> answers = {
      {"NOT_FOUND", from(origin, "GET", "/nope")},
      {"NOT_FOUND", from(origin, "GET", "/api")},
      {"PAYLOAD_TOO_LARGE", from(origin, "POST", "/api/v1/users", std::string(70 * 1024, ' '))},
      {"PAYLOAD_TOO_LARGE", from(origin, "POST", "/api/v1/users/1/balance/charge", std::string(70 * 1024, ' '))},
  };
  for (const auto& [code, answer] : answers) {
    BOOST_TEST_CONTEXT(code << ": " << answer.status_line) {
      check_error(answer, code);
      check_allowed(answer, origin);
    }
  }
}

BOOST_AUTO_TEST_CASE(another_origin_gets_no_cors_headers_on_any_answer) {
  for (const auto& other : kOtherOrigins) {
    BOOST_TEST_CONTEXT(other) {
      check_refused(from(other, "GET", "/api/v1/health"));
      check_refused(from(other, "GET", "/api/v1/products/top"));
      check_refused(from(other, "POST", "/api/v1/users", "{}"));
      check_refused(from(other, "GET", "/nope"));
      check_refused(from(other, "POST", "/api/v1/users", std::string(70 * 1024, ' ')));
    }
  }
}

BOOST_AUTO_TEST_CASE(without_an_origin_there_is_no_cors_header) {
  for (const char* path : {"/api/v1/health", "/api/v1/products/top", "/nope"}) {
    BOOST_TEST_CONTEXT(path) {
      check_refused(http.get(path));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
