// Who may do what, for every route of the routing table, through nginx: each route that is not public is
// called with no token, malformed headers, an unknown, an expired and a revoked token, another user's token
// (for an existing and a missing user), the user's own token and the admin token; each answer is API.md's,
// and the refused calls changed nothing. A route whose path is not one of API.md's public ones and that
// declares no access fails here, so a route added later without a declaration cannot slip through.
#include <soci/soci.h>

#include <boost/test/unit_test.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "fcgi/handlers/routes.hpp"
#include "model/account/secrets.hpp"
#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;
using shop::fcgi::Access;
using shop::fcgi::Route;
using shop::model::Id;

namespace {

/// API.md "Public": the only routes that may be called without a token.
const std::set<std::string> kPublicRoutes = {
    "GET /api/v1/health", "GET /api/v1/products",  "GET /api/v1/products/top", "GET /api/v1/products/{productId}",
    "POST /api/v1/users", "POST /api/v1/sessions",
};

std::string pattern_of(const Route& route) {
  std::string pattern;
  for (const auto& segment : route.segments) pattern += "/" + segment;
  return pattern;
}

/// A session row made directly, for tokens the API cannot hand out (expired ones).
std::string insert_session(soci::session& sql, Id user_id, const std::string& expires_in, bool revoked = false) {
  const std::string token = shop::model::new_session_token();
  const std::string hash = shop::model::token_hash(token);
  const int is_revoked = revoked ? 1 : 0;
  sql << "INSERT INTO sessions (token_hash, user_id, expires_at, revoked_at) "
         "VALUES (:h, :u, now() + CAST(:e AS interval), CASE WHEN :r = 1 THEN now() END)",
      soci::use(hash, "h"), soci::use(user_id, "u"), soci::use(expires_in, "e"), soci::use(is_revoked, "r");
  return token;
}

/// Everything a refused call could have changed, summed up.
struct Snapshot {
  long long ledger = 0, orders = 0, closed_orders = 0, basket = 0, products = 0, stock = 0, live_sessions = 0, keys = 0;
  bool operator==(const Snapshot&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Snapshot& s) {
  return out << "{ledger " << s.ledger << ", orders " << s.orders << ", closed orders " << s.closed_orders
             << ", basket " << s.basket << ", products " << s.products << ", stock " << s.stock << ", live sessions "
             << s.live_sessions << ", keys " << s.keys << "}";
}

/// What a refused call could change, counted so that the pool's sweeper, which goes on meanwhile, changes
/// none of it: the fixture's PENDING order may expire (its stock comes back: stock plus what pending orders
/// hold stays the same) and its expired session may be deleted (only unexpired ones are counted).
Snapshot snapshot(soci::session& sql, Id owner, Id other, Id product) {
  Snapshot s;
  sql << "SELECT (SELECT count(*) FROM balance_ledger WHERE user_id IN (:owner, :other)), "
         "(SELECT count(*) FROM orders WHERE user_id IN (:owner, :other)), "
         "(SELECT count(*) FROM orders WHERE user_id IN (:owner, :other) AND status IN ('PAID', 'CANCELLED')), "
         "(SELECT count(*) FROM basket_items WHERE user_id IN (:owner, :other)), (SELECT count(*) FROM products), "
         "(SELECT stock FROM products WHERE id = :product) + (SELECT coalesce(sum(i.quantity), 0) "
         "  FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.product_id = :product "
         "  AND o.status = 'PENDING'), "
         "(SELECT count(*) FROM sessions WHERE user_id IN (:owner, :other) AND revoked_at IS NULL "
         "  AND expires_at > now()), "
         "(SELECT count(*) FROM idempotency_keys)",
      soci::use(owner, "owner"), soci::use(other, "other"), soci::use(product, "product"), soci::into(s.ledger),
      soci::into(s.orders), soci::into(s.closed_orders), soci::into(s.basket), soci::into(s.products),
      soci::into(s.stock), soci::into(s.live_sessions), soci::into(s.keys);
  return s;
}

struct MatrixFixture {
  ShopApi api;
  TestDatabase db;
  const std::vector<Route> routes = shop::fcgi::make_router().routes();

  Id owner = db.create_user(unique_name("owner"), 1'000'000);
  Id other = db.create_user(unique_name("other"), 1'000'000);
  Id missing = db.missing_user_id();
  Id product = insert_product(db.sql(), unique_name("matrix"), 1000, 1000);
  std::string owner_token = insert_session(db.sql(), owner, "1 day");
  std::string other_token = insert_session(db.sql(), other, "1 day");
  std::string expired_token = insert_session(db.sql(), owner, "-1 second");
  std::string revoked_token = insert_session(db.sql(), owner, "1 day", true);
  Id order = place_order_of(owner);

  Id place_order_of(Id user) {
    const auto response = api.http().send("POST", "/api/v1/orders",
                                          "{\"userId\":" + std::to_string(user) + ",\"items\":[{\"productId\":" +
                                              std::to_string(product) + ",\"quantity\":1}]}",
                                          {admin_authorization()});
    if (response.status != 201) throw std::runtime_error("order: " + response.body);
    return json_int(parse_json(response.body), "orderId");
  }

  /// The route's path with its parameters filled: the user `user`, this fixture's product and order.
  std::string path_of(const Route& route, Id user) const {
    std::string path;
    for (const auto& segment : route.segments) {
      path += "/";
      if (segment == "{userId}") {
        path += std::to_string(user);
      } else if (segment == "{productId}") {
        path += std::to_string(product);
      } else if (segment == "{orderId}") {
        path += std::to_string(order);
      } else if (segment == "{eventId}") {
        path += "00000000-0000-4000-8000-000000000000";
      } else {
        path += segment;
      }
    }
    return path;
  }

  /// A body the route could act on, naming `user` where the route takes its user from the body.
  std::string body_of(const Route& route, Id user) const {
    if (route.method == "GET" || route.method == "DELETE") return {};
    std::string body = "{\"userId\":" + std::to_string(user) + ",\"orderId\":" + std::to_string(order) +
                       ",\"productId\":" + std::to_string(product) +
                       ",\"quantity\":1,\"amount\":1,\"items\":[{\"productId\":" + std::to_string(product) +
                       ",\"quantity\":1}],\"name\":\"x\",\"price\":1,\"stock\":1}";
    return body;
  }

  HttpResponse call(const Route& route, Id user, const std::vector<std::string>& headers) {
    const std::string body = body_of(route, user);
    return api.http().send(route.method, path_of(route, user),
                           body.empty() ? std::optional<std::string>() : std::optional<std::string>(body), headers);
  }
};

std::string bearer(const std::string& token) {
  return "Authorization: Bearer " + token;
}

void check_unauthorized(const HttpResponse& response, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    check_error(response, "UNAUTHORIZED");
    BOOST_TEST(response.header("WWW-Authenticate").value_or("") == "Bearer");
  }
}

void check_allowed(const HttpResponse& response, const std::string& what) {
  BOOST_TEST((response.status != 401 && response.status != 403 && response.status < 500),
             what + ": " + std::to_string(response.status) + " " + response.body);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(access_matrix, MatrixFixture)

BOOST_AUTO_TEST_CASE(every_route_that_is_not_public_declares_who_may_call_it) {
  BOOST_TEST_REQUIRE(!routes.empty());
  for (const auto& route : routes) {
    const std::string name = route.method + " " + pattern_of(route);
    if (kPublicRoutes.contains(name)) {
      BOOST_TEST((route.access.kind == Access::Kind::kAnyone), name);
    } else {
      BOOST_TEST((route.access.kind != Access::Kind::kAnyone), name + " declares no access");
    }
  }
}

BOOST_AUTO_TEST_CASE(refused_calls_answer_401_or_403_and_change_nothing) {
  const Snapshot before = snapshot(db.sql(), owner, other, product);
  int checked = 0;
  for (const auto& route : routes) {
    if (route.access.kind == Access::Kind::kAnyone) continue;
    const std::string name = route.method + " " + pattern_of(route);
    for (const auto& headers : std::vector<std::vector<std::string>>{{},
                                                                     {"Authorization: Bearer"},
                                                                     {"Authorization: Basic dXNlcjpwYXNz"},
                                                                     {"Authorization: " + owner_token},
                                                                     {bearer("unknown" + owner_token.substr(7))},
                                                                     {bearer(expired_token)},
                                                                     {bearer(revoked_token)}}) {
      check_unauthorized(call(route, owner, headers), name + " with " + (headers.empty() ? "no header" : headers[0]));
      ++checked;
    }
    switch (route.access.kind) {
      case Access::Kind::kUser:
        // Another user's token, for a user who exists and for one who does not: the same 403.
        check_error(call(route, owner, {bearer(other_token)}), "FORBIDDEN");
        check_error(call(route, missing, {bearer(other_token)}), "FORBIDDEN");
        break;
      case Access::Kind::kSignedIn:
        // The owner's order, read with another user's token: as if it did not exist.
        check_error(call(route, owner, {bearer(other_token)}), "ORDER_NOT_FOUND");
        break;
      case Access::Kind::kSession:
        check_error(call(route, owner, {admin_authorization()}), "FORBIDDEN");
        break;
      case Access::Kind::kAdmin:
        check_error(call(route, owner, {bearer(owner_token)}), "FORBIDDEN");
        break;
      case Access::Kind::kAnyone:
        break;
    }
  }
  BOOST_TEST(checked > 0);
  BOOST_TEST(snapshot(db.sql(), owner, other, product) == before, "a refused call changed something");
}

// API.md: "In a body, userId may be left out; given, it must be the token's user", on the routes that name
// their user in the path too (their one statement checks the token: the body is looked at first).
BOOST_AUTO_TEST_CASE(a_body_or_query_naming_another_user_is_refused_and_changes_nothing) {
  const Snapshot before = snapshot(db.sql(), owner, other, product);
  int checked = 0;
  for (const auto& route : routes) {
    if (route.access.kind != Access::Kind::kUser || route.access.source != Access::Source::kPath) continue;
    if (route.method == "GET" || route.method == "DELETE") continue;
    const std::string name = route.method + " " + pattern_of(route);
    const std::string path = path_of(route, owner);
    BOOST_TEST_CONTEXT(name) {
      check_error(api.http().send(route.method, path, body_of(route, other), {bearer(owner_token)}), "FORBIDDEN");
      check_error(api.http().send(route.method, path, body_of(route, other), {admin_authorization()}),
                  "INVALID_REQUEST", std::string("userId"));
      // The name spelled with an escape is the same name.
      std::string escaped = body_of(route, other);
      escaped.replace(escaped.find("userId"), 6, "user\\u0049d");
      check_error(api.http().send(route.method, path, escaped, {bearer(owner_token)}), "FORBIDDEN");
      for (const char* bad : {"\"1\"", "0", "-1", "1.5"}) {
        std::string body = body_of(route, owner);
        body.replace(body.find(std::to_string(owner)), std::to_string(owner).size(), bad);
        check_error(api.http().send(route.method, path, body, {bearer(owner_token)}), "INVALID_REQUEST",
                    std::string("userId"));
      }
      // A bad token learns nothing from its body: 401 first.
      check_unauthorized(api.http().send(route.method, path, body_of(route, other), {bearer(revoked_token)}),
                         name + " revoked token");
      ++checked;
    }
  }
  BOOST_TEST(checked >= 4);
  // The order read: `?userId=` with a user's token names that user, or finds nothing; not an id, 400.
  const std::string order_path = "/api/v1/orders/" + std::to_string(order);
  check_error(api.http().get(order_path + "?userId=" + std::to_string(other), {bearer(owner_token)}),
              "ORDER_NOT_FOUND");
  check_error(api.http().get(order_path + "?userId=abc", {bearer(owner_token)}), "INVALID_REQUEST",
              std::string("userId"));
  BOOST_TEST(api.http().get(order_path + "?userId=" + std::to_string(owner), {bearer(owner_token)}).status == 200);
  BOOST_TEST(snapshot(db.sql(), owner, other, product) == before, "a refused call changed something");
}

BOOST_AUTO_TEST_CASE(the_users_own_token_and_the_admin_token_get_through) {
  for (const auto& route : routes) {
    const std::string name = route.method + " " + pattern_of(route);
    // The session routes end the session they are about: each gets a token of its own.
    const std::string own =
        route.access.kind == Access::Kind::kSession ? insert_session(db.sql(), owner, "1 day") : owner_token;
    switch (route.access.kind) {
      case Access::Kind::kUser:
      case Access::Kind::kSignedIn:
        check_allowed(call(route, owner, {bearer(own)}), name + " with the user's token");
        check_allowed(call(route, owner, {admin_authorization()}), name + " with the admin token");
        break;
      case Access::Kind::kSession:
        check_allowed(call(route, owner, {bearer(own)}), name + " with the user's token");
        break;
      case Access::Kind::kAdmin:
        check_allowed(call(route, owner, {admin_authorization()}), name + " with the admin token");
        break;
      case Access::Kind::kAnyone:
        check_allowed(call(route, owner, {}), name + " with no token");
        break;
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
