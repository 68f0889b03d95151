#pragma once

// Who a test acts as on the calls about one user (API.md "Accounts, sign-in and who may do what"): every such
// call carries `Authorization: Bearer <token>` of that user, or the admin's.

#include <string>

#include "model/types.hpp"

namespace shop::test {

/// The user a call is about and the bearer token it is sent with: the user's own token (a user acting for
/// itself, the common path), or the admin's acting for it (as_admin). The id need not exist.
struct UserCredentials {
  model::Id id = 0;
  std::string token;
};

/// The password every test account signs up with (8..128 characters).
inline constexpr const char* kTestPassword = "correct horse battery staple";

/// "Authorization: Bearer <token>".
std::string authorization(const std::string& token);
/// SHOP_TEST_ADMIN_TOKEN.
std::string admin_token();
/// "Authorization: Bearer $SHOP_TEST_ADMIN_TOKEN".
std::string admin_authorization();
/// The admin acting for `user_id`: for calls about users a test did not sign in (or that do not exist).
UserCredentials as_admin(model::Id user_id);

}  // namespace shop::test
