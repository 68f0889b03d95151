#pragma once

#include "model/shop.hpp"
#include "tests/support/credentials.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

namespace shop::test {

/// Where a test of a statement that checks the caller's token starts: the test database, a model over it, and
/// two users signed in with 5,000 won each, the one the calls are about and another.
struct TwoSignedInUsers {
  TestDatabase db;
  model::Shop shop{test_settings()};
  UserCredentials owner = db.create_signed_in_user(unique_name("owner"), 5000);
  UserCredentials other = db.create_signed_in_user(unique_name("other"), 5000);
};

}  // namespace shop::test
