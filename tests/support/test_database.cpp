#include "tests/support/test_database.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include "tests/support/env.hpp"

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

model::Id TestDatabase::missing_user_id() {
  model::Id id = 0;
  sql_ << "SELECT coalesce(max(id), 0) + 1000000000 FROM users", soci::into(id);
  return id;
}

}  // namespace shop::test
