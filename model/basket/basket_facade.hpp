#pragma once

#include "model/basket/basket.hpp"
#include "model/user/user.hpp"

namespace shop::model {

class Database;
class UserService;
class ProductService;
class BasketService;

/// The seed's 장바구니 조회 and 장바구니 추가/삭제 flows: the user is proven to exist (UserService), then the
/// basket is read or changed (BasketService) and returned as it now is. A change is one transaction.
class BasketFacade {
 public:
  BasketFacade(Database& db, UserService& users, ProductService& products, BasketService& baskets)
      : db_(db), users_(users), products_(products), baskets_(baskets) {}

  Basket get(Id user_id);
  Basket add(Id user_id, Id product_id, int quantity);
  Basket set(Id user_id, Id product_id, int quantity);
  Basket remove(Id user_id, Id product_id);

 private:
  template <class Change>
  Basket change_line(Id user_id, Id product_id, Change change);

  Database& db_;
  UserService& users_;
  ProductService& products_;
  BasketService& baskets_;
};

}  // namespace shop::model
