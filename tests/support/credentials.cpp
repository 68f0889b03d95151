#include "tests/support/credentials.hpp"

#include "tests/support/env.hpp"

namespace shop::test {

std::string authorization(const std::string& token) {
  return "Authorization: Bearer " + token;
}

std::string admin_token() {
  return require_env("SHOP_TEST_ADMIN_TOKEN");
}

std::string admin_authorization() {
  return authorization(admin_token());
}

UserCredentials as_admin(model::Id user_id) {
  return UserCredentials{user_id, admin_token()};
}

}  // namespace shop::test
