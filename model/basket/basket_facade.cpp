#include "model/basket/basket_facade.hpp"

#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/product/product_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

Basket BasketFacade::get(Id user_id) {
  return db_.autocommit([&] { return baskets_.basket(users_.require(user_id)); });
}

Basket BasketFacade::add(Id user_id, Id product_id, int quantity) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    products_.require(product_id);
    baskets_.add(user, product_id, quantity);
    return baskets_.basket(user);
  });
}

Basket BasketFacade::set(Id user_id, Id product_id, int quantity) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    products_.require(product_id);
    baskets_.set(user, product_id, quantity);
    return baskets_.basket(user);
  });
}

Basket BasketFacade::remove(Id user_id, Id product_id) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    products_.require(product_id);  // an unknown product is an error; an absent line is not
    baskets_.remove(user, product_id);
    return baskets_.basket(user);
  });
}

}  // namespace shop::model
