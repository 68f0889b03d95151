#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "model/settings.hpp"
#include "model/types.hpp"
#include "tests/support/credentials.hpp"

namespace shop::test {

/// The model's settings for the test database: SHOP_TEST_DATABASE_URL, zone Asia/Seoul.
model::Settings test_settings();

/// A SOCI session on SHOP_TEST_DATABASE_URL, for a test to make its own rows and to check what the code
/// under test wrote. Separate from the model's connection, so it sees only committed data.
class TestDatabase {
 public:
  TestDatabase();

  soci::session& sql() { return sql_; }

  /// Inserts a user directly; a positive `balance` comes with its CHARGE ledger line, so that the balance
  /// equals the ledger's sum as the contract wants (used to start near the cap).
  model::Id create_user(const std::string& name, model::Won balance = 0);
  /// Signs `user_id` in directly: a sessions row (SHA-256 of the token, hex, as API.md has the database keep
  /// it) of a new random token, valid for a day; the token.
  std::string create_session(model::Id user_id);
  /// create_user and create_session: the user and its own token.
  UserCredentials create_signed_in_user(const std::string& name, model::Won balance = 0);
  /// Moves the token's session past its expiry (a second ago).
  void expire_session(const std::string& token);
  /// Renames the user holding `name`, if any, to a unique name: names are unique, and a test that must sign up
  /// under a fixed name ("k", 50 times "김") would otherwise find it taken by an earlier run or pass.
  void release_name(const std::string& name);

  model::Won balance(model::Id user_id);
  long long ledger_count(model::Id user_id);
  /// Charges minus payments.
  model::Won ledger_sum(model::Id user_id);
  /// Amounts of the user's CHARGE lines, in the order they were written.
  std::vector<model::Won> charge_amounts(model::Id user_id);
  /// The database's clock, in seconds since the epoch: what expiries are measured against.
  long long now_seconds();
  /// An id that no user has.
  model::Id missing_user_id();

 private:
  soci::session sql_;
};

}  // namespace shop::test
