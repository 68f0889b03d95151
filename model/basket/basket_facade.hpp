#pragma once

#include <string_view>

#include "model/basket/basket.hpp"
#include "model/user/user.hpp"

namespace shop::model {

class Database;
class UserService;
class ProductService;
class BasketService;
class SessionService;

/// The seed's 장바구니 조회 and 장바구니 추가/삭제 flows: the user is proven to exist (UserService), then the
/// basket is read or changed (BasketService) and returned as it now is. An add and a removal are one statement
/// each, in autocommit; a set is one transaction.
///
/// An add and a removal also take the caller's proof, as OrderFacade does: `unproven_token` is the bearer token
/// when nothing has shown yet that it is `user_id`'s (empty: the front has proven the caller); the statement
/// then checks it too, and only when it refused for that reason is UNAUTHORIZED or FORBIDDEN looked up.
class BasketFacade {
 public:
  BasketFacade(Database& db, UserService& users, ProductService& products, BasketService& baskets,
               SessionService& sessions)
      : db_(db), users_(users), products_(products), baskets_(baskets), sessions_(sessions) {}

  Basket get(Id user_id);
  Basket add(Id user_id, Id product_id, int quantity, std::string_view unproven_token = {});
  Basket set(Id user_id, Id product_id, int quantity);
  Basket remove(Id user_id, Id product_id, std::string_view unproven_token = {});

 private:
  /// After a statement refused an unproven token: UNAUTHORIZED or FORBIDDEN.
  [[noreturn]] void refuse_caller(std::string_view unproven_token, Id user_id);

  Database& db_;
  UserService& users_;
  ProductService& products_;
  BasketService& baskets_;
  SessionService& sessions_;
};

}  // namespace shop::model
