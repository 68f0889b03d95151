#include "model/basket/basket_facade.hpp"

#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/product/product_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

Basket BasketFacade::get(Id user_id) {
  return db_.autocommit([&] { return baskets_.basket(users_.require(user_id)); });
}

// Every line change has the same shape: the user and the product must exist (an unknown product is an error
// even where the line is absent), then the change, then the basket as it now is, in one transaction.
template <class Change>
Basket BasketFacade::change_line(Id user_id, Id product_id, Change change) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    products_.require(product_id);
    change(user);
    return baskets_.basket(user);
  });
}

Basket BasketFacade::add(Id user_id, Id product_id, int quantity) {
  return change_line(user_id, product_id, [&](const User& user) { baskets_.add(user, product_id, quantity); });
}

Basket BasketFacade::set(Id user_id, Id product_id, int quantity) {
  return change_line(user_id, product_id, [&](const User& user) { baskets_.set(user, product_id, quantity); });
}

Basket BasketFacade::remove(Id user_id, Id product_id) {
  return change_line(user_id, product_id, [&](const User& user) { baskets_.remove(user, product_id); });
}

}  // namespace shop::model
