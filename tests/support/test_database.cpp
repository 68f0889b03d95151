#include "tests/support/test_database.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <cstdio>
#include <random>

#include "tests/support/env.hpp"
#include "tests/support/names.hpp"

namespace shop::test {

model::Settings test_settings() {
  model::Settings settings;
  settings.database_url = require_env("SHOP_TEST_DATABASE_URL");
  settings.timezone = "Asia/Seoul";
  return settings;
}

TestDatabase::TestDatabase() {
  sql_.open(*soci::factory_postgresql(), require_env("SHOP_TEST_DATABASE_URL"));
}

model::Id TestDatabase::create_user(const std::string& name, model::Won balance) {
  soci::transaction tx(sql_);
  model::Id id = 0;
  sql_ << "INSERT INTO users (name, balance) VALUES (:name, :balance) RETURNING id", soci::use(name),
      soci::use(balance), soci::into(id);
  if (balance > 0) {
    sql_ << "INSERT INTO balance_ledger (user_id, type, amount, balance_after) "
            "VALUES (:id, 'CHARGE', :amount, :amount)",
        soci::use(id, "id"), soci::use(balance, "amount");
  }
  tx.commit();
  return id;
}

std::string TestDatabase::create_session(model::Id user_id) {
  static std::random_device random;
  std::string token;
  for (int i = 0; i < 8; ++i) {
    char word[9];
    std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(random()));
    token += word;
  }
  sql_ << "INSERT INTO sessions (token_hash, user_id, expires_at) "
          "VALUES (encode(sha256(convert_to(:token, 'UTF8')), 'hex'), :id, now() + interval '1 day')",
      soci::use(token, "token"), soci::use(user_id, "id");
  return token;
}

UserCredentials TestDatabase::create_signed_in_user(const std::string& name, model::Won balance) {
  const model::Id id = create_user(name, balance);
  return UserCredentials{id, create_session(id)};
}

void TestDatabase::expire_session(const std::string& token) {
  soci::statement st = (sql_.prepare << "UPDATE sessions SET expires_at = now() - interval '1 second' "
                                        "WHERE token_hash = encode(sha256(convert_to(:token, 'UTF8')), 'hex')",
                        soci::use(token, "token"));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw std::runtime_error("no session of that token");
}

void TestDatabase::release_name(const std::string& name) {
  const std::string renamed = unique_name("released");
  sql_ << "UPDATE users SET name = :renamed WHERE name = :name", soci::use(renamed, "renamed"), soci::use(name, "name");
}

model::Won TestDatabase::balance(model::Id user_id) {
  model::Won value = 0;
  sql_ << "SELECT balance FROM users WHERE id = :id", soci::use(user_id), soci::into(value);
  if (!sql_.got_data()) throw std::runtime_error("no user " + std::to_string(user_id));
  return value;
}

long long TestDatabase::ledger_count(model::Id user_id) {
  long long count = 0;
  sql_ << "SELECT count(*) FROM balance_ledger WHERE user_id = :id", soci::use(user_id), soci::into(count);
  return count;
}

model::Won TestDatabase::ledger_sum(model::Id user_id) {
  model::Won sum = 0;
  sql_ << "SELECT coalesce(sum(CASE type WHEN 'CHARGE' THEN amount ELSE -amount END), 0)::bigint "
          "FROM balance_ledger WHERE user_id = :id",
      soci::use(user_id), soci::into(sum);
  return sum;
}

std::vector<model::Won> TestDatabase::charge_amounts(model::Id user_id) {
  std::vector<model::Won> amounts;
  model::Won amount = 0;
  soci::statement st = (sql_.prepare << "SELECT amount FROM balance_ledger WHERE user_id = :id AND type = 'CHARGE' "
                                        "ORDER BY id",
                        soci::use(user_id), soci::into(amount));
  st.execute();
  while (st.fetch()) amounts.push_back(amount);
  return amounts;
}

long long TestDatabase::now_seconds() {
  long long seconds = 0;
  sql_ << "SELECT extract(epoch FROM now())::bigint", soci::into(seconds);
  return seconds;
}

model::Id TestDatabase::missing_user_id() {
  model::Id id = 0;
  sql_ << "SELECT coalesce(max(id), 0) + 1000000000 FROM users", soci::into(id);
  return id;
}

}  // namespace shop::test
