#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "fcgi/app/shop_connection.hpp"
#include "fcgi/http/query_params.hpp"
#include "fcgi/http/request.hpp"
#include "fcgi/json/json_body.hpp"
#include "model/account/session.hpp"
#include "model/types.hpp"

namespace shop::fcgi {

/// One request as a handler sees it: the request, the path parameters the route captured, and the model.
class Context {
 public:
  using Params = std::vector<std::pair<std::string_view, std::string_view>>;

  Context(const Request& request, ShopConnection& shop, std::string_view admin_token = {})
      : request_(request), shop_(shop), admin_token_(admin_token) {}

  const Request& request() const { return request_; }
  void set_params(Params params) { params_ = std::move(params); }

  /// A path parameter; empty when the route has none of that name.
  std::string_view param(std::string_view name) const;
  /// A path parameter that must be a positive 64-bit id; INVALID_REQUEST naming it otherwise.
  model::Id id_param(std::string_view name) const;

  JsonBody body() const { return JsonBody::parse(request_.body); }
  QueryParams query() const { return QueryParams(request_.query); }
  /// Connects on first use: read and validate the whole request before calling it, so that bad input is a
  /// 400 even while the database is down.
  model::Shop& shop() { return shop_.get(); }

  std::string_view admin_token() const { return admin_token_; }

  /// Who called, as the route's access check found it (fcgi/app/authorization.cpp).
  struct Caller {
    /// kUnproven: a user's token that the route's statement is to check (Access::checked_by_statement).
    enum class Kind { kNobody, kUser, kUnproven, kAdmin };
    Kind kind = Kind::kNobody;
    model::Session session;  ///< kUser: the token's live session (its user, name and expiry)
    std::string_view token;  ///< the bearer token, for the session routes
  };
  const Caller& caller() const { return caller_; }
  void set_caller(Caller caller) { caller_ = std::move(caller); }

  /// The token the handler's statement must check for a kUnproven caller; empty when the caller is proven.
  /// Asking counts as handing it on (App proves a caller whose handler never asked).
  std::string_view unproven_token() {
    token_handed_on_ = true;
    return caller_.kind == Caller::Kind::kUnproven ? caller_.token : std::string_view();
  }
  bool token_handed_on() const { return token_handed_on_; }

  /// The user a kUser route acts for: the token's user, or whom the admin named.
  model::Id acting_user() const { return acting_user_; }
  void set_acting_user(model::Id user_id) { acting_user_ = user_id; }

 private:
  const Request& request_;
  ShopConnection& shop_;
  std::string_view admin_token_;
  Params params_;
  Caller caller_;
  bool token_handed_on_ = false;
  model::Id acting_user_ = 0;
};

}  // namespace shop::fcgi
