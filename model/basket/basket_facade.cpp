#include "model/basket/basket_facade.hpp"

#include <string>

#include "model/account/secrets.hpp"
#include "model/account/session_service.hpp"
#include "model/basket/basket_service.hpp"
#include "model/db/database.hpp"
#include "model/domain_error.hpp"
#include "model/product/product_service.hpp"
#include "model/user/user_service.hpp"

namespace shop::model {

Basket BasketFacade::get(Id user_id) {
  return db_.autocommit([&] { return baskets_.basket(users_.require(user_id)); });
}

// 장바구니 추가 is one statement (basket/add_line), its parts the seed's steps: the user must exist
// (UserService), the product too (ProductService), then the line is added within 1..999 (BasketService) and
// the basket read as it now is. A refusal changes nothing.
Basket BasketFacade::add(Id user_id, Id product_id, int quantity, std::string_view unproven_token) {
  const std::string session_hash = unproven_token.empty() ? std::string() : token_hash(unproven_token);
  return db_.autocommit([&] {
    if (auto basket = baskets_.add(user_id, product_id, quantity, session_hash)) return *std::move(basket);
    refuse_caller(unproven_token, user_id);
  });
}

// A set has the old shape: the user and the product must exist (an unknown product is an error even where
// the line is absent), then the change, then the basket as it now is, in one transaction.
Basket BasketFacade::set(Id user_id, Id product_id, int quantity) {
  return db_.transact([&] {
    const User user = users_.require(user_id);
    products_.require(product_id);
    baskets_.set(user, product_id, quantity);
    return baskets_.basket(user);
  });
}

// 장바구니 삭제 is one statement (basket/remove_line): the user and the product must exist (an unknown product
// is an error even where the line is absent), then the line is removed (an absent one is fine) and the basket
// read as it now is.
Basket BasketFacade::remove(Id user_id, Id product_id, std::string_view unproven_token) {
  const std::string session_hash = unproven_token.empty() ? std::string() : token_hash(unproven_token);
  return db_.autocommit([&] {
    if (auto basket = baskets_.remove(user_id, product_id, session_hash)) return *std::move(basket);
    refuse_caller(unproven_token, user_id);
  });
}

void BasketFacade::refuse_caller(std::string_view unproven_token, Id user_id) {
  sessions_.prove(unproven_token, user_id);
  // Not reached in practice: sessions never come back to life, so a token proven now was live when the
  // statement ran. Refusing is the safe answer.
  throw DomainError(ErrorCode::kUnauthorized);
}

}  // namespace shop::model
