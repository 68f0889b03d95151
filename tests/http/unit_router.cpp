// Router: method + path pattern to handler; a literal segment beats a parameter; a known path with another
// method is 405 with Allow; anything else is 404 NOT_FOUND. Path parameters that must be ids are checked.
#include <boost/test/unit_test.hpp>
#include <string>

#include "fcgi/routing/router.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/domain_checks.hpp"

using shop::fcgi::Context;
using shop::fcgi::Request;
using shop::fcgi::Response;
using shop::fcgi::Router;
using shop::test::check_domain_error;
using shop::test::check_error_body;

namespace {

/// The Allow header of a front response; empty when there is none.
std::string allow_of(const shop::fcgi::Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Allow") return value;
  }
  return {};
}

/// A handler that answers its own name and the parameters it was given.
shop::fcgi::Handler named(std::string name) {
  return [name](Context& context) {
    std::string body = name;
    for (const char* p : {"id", "userId"}) {
      if (!context.param(p).empty()) body.append(" ").append(p).append("=").append(context.param(p));
    }
    return Response{200, body, {}};
  };
}

struct RouterFixture {
  // Never connected: no handler here touches the model.
  shop::fcgi::ShopConnection shop{shop::model::Settings{}};

  Response dispatch(const Router& router, const std::string& method, const std::string& path) {
    Request request;
    request.method = method;
    request.path = path;
    Context context(request, shop);
    return router.dispatch(context);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(router, RouterFixture)

BOOST_AUTO_TEST_CASE(a_literal_segment_beats_a_parameter_whatever_the_order_added) {
  Router first_param;
  first_param.add("GET", "/p/{id}", named("param"));
  first_param.add("GET", "/p/top", named("top"));
  Router first_literal;
  first_literal.add("GET", "/p/top", named("top"));
  first_literal.add("GET", "/p/{id}", named("param"));
  for (const Router* router : {&first_param, &first_literal}) {
    BOOST_TEST(dispatch(*router, "GET", "/p/top").body == "top");
    BOOST_TEST(dispatch(*router, "GET", "/p/5").body == "param id=5");
    BOOST_TEST(dispatch(*router, "GET", "/p/topx").body == "param id=topx");
  }
}

BOOST_AUTO_TEST_CASE(parameters_are_captured_by_name) {
  Router router;
  router.add("GET", "/api/v1/users/{userId}/balance", named("balance"));
  const auto response = dispatch(router, "GET", "/api/v1/users/42/balance");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == "balance userId=42");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_404_not_found) {
  Router router;
  router.add("GET", "/api/v1/users/{userId}/balance", named("balance"));
  for (const char* path : {"/", "", "/api", "/api/v1/users", "/api/v1/users/1", "/api/v1/users/1/balance/x",
                           "/api/v1/users/1/balancex", "/API/v1/users/1/balance", "/api/v1/users/1/balance/"}) {
    BOOST_TEST_CONTEXT(path) {
      const auto response = dispatch(router, "GET", path);
      BOOST_TEST(response.status == 404);
      BOOST_TEST(response.headers.empty());
      check_error_body(response.body, "NOT_FOUND");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_empty_segment_never_matches_a_parameter) {
  Router router;
  router.add("GET", "/api/v1/users/{userId}/balance", named("balance"));
  for (const char* path : {"/api/v1/users//balance", "//api/v1/users/1/balance", "/api//v1/users/1/balance"}) {
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(dispatch(router, "GET", path).status == 404);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_is_405_with_allow) {
  Router router;
  router.add("GET", "/api/v1/users/{userId}/balance", named("balance"));
  router.add("POST", "/api/v1/users/{userId}/balance/charge", named("charge"));
  const auto response = dispatch(router, "POST", "/api/v1/users/1/balance");
  BOOST_TEST(response.status == 405);
  BOOST_TEST(allow_of(response) == "GET, HEAD");
  check_error_body(response.body, "METHOD_NOT_ALLOWED");
  BOOST_TEST(allow_of(dispatch(router, "GET", "/api/v1/users/1/balance/charge")) == "POST");
  BOOST_TEST(allow_of(dispatch(router, "DELETE", "/api/v1/users/1/balance/charge")) == "POST");
}

BOOST_AUTO_TEST_CASE(allow_lists_every_method_of_the_path_once) {
  Router router;
  router.add("GET", "/items/{id}", named("get"));
  router.add("PUT", "/items/{id}", named("put"));
  router.add("DELETE", "/items/{id}", named("delete"));
  router.add("PUT", "/items/{id}", named("put again"));
  const auto response = dispatch(router, "POST", "/items/1");
  BOOST_TEST(response.status == 405);
  BOOST_TEST(allow_of(response) == "GET, HEAD, PUT, DELETE");
}

BOOST_AUTO_TEST_CASE(methods_match_exactly) {
  Router router;
  router.add("GET", "/x", named("x"));
  BOOST_TEST(dispatch(router, "GET", "/x").body == "x");
  BOOST_TEST(dispatch(router, "get", "/x").status == 405);
}

BOOST_AUTO_TEST_CASE(an_id_parameter_must_be_a_positive_64_bit_integer) {
  Router router;
  router.add("GET", "/u/{userId}", [](Context& context) {
    return Response{200, std::to_string(context.id_param("userId")), {}};
  });
  BOOST_TEST(dispatch(router, "GET", "/u/7").body == "7");
  BOOST_TEST(dispatch(router, "GET", "/u/9223372036854775807").body == "9223372036854775807");
  for (const char* path :
       {"/u/abc", "/u/0", "/u/-1", "/u/1.5", "/u/1e3", "/u/+1", "/u/9223372036854775808", "/u/1%20", "/u/0x1"}) {
    BOOST_TEST_CONTEXT(path) {
      check_domain_error([&] { dispatch(router, "GET", path); }, "INVALID_REQUEST", "userId");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
