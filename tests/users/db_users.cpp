// Users: registration and the seed's 유저 인증 (UserService::require), through the repository, the service
// and the facade, against the real database.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

struct UsersFixture {
  test::TestDatabase db;
  model::Database model_db{test::test_settings().database_url, "Asia/Seoul"};
  model::UserRepository repository{model_db.sql()};
  model::UserService service{repository};
  model::UserFacade facade{model_db, service};
};

std::string stored_name(test::TestDatabase& db, model::Id id) {
  std::string name;
  db.sql() << "SELECT name FROM users WHERE id = :id", soci::use(id), soci::into(name);
  return name;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(users, UsersFixture)

BOOST_AUTO_TEST_CASE(register_creates_a_user_with_a_new_id_and_a_zero_balance) {
  const std::string name = unique_name("reg");
  const model::User user = facade.register_user(name);
  BOOST_TEST(user.id > 0);
  BOOST_TEST(user.name == name);
  BOOST_TEST(user.balance == 0);
  BOOST_TEST(stored_name(db, user.id) == name);
  BOOST_TEST(db.balance(user.id) == 0);
  BOOST_TEST(db.ledger_count(user.id) == 0);
}

BOOST_AUTO_TEST_CASE(each_registration_gets_its_own_id_even_for_the_same_name) {
  const std::string name = unique_name("same");
  const auto first = facade.register_user(name);
  const auto second = facade.register_user(name);
  BOOST_TEST(first.id != second.id);
}

BOOST_AUTO_TEST_CASE(a_name_of_50_korean_characters_is_stored_as_given) {
  std::string name;
  for (int i = 0; i < 50; ++i) name += "김";
  const auto user = facade.register_user(name);
  BOOST_TEST(stored_name(db, user.id) == name);
  BOOST_TEST(service.require(user.id).name == name);
}

BOOST_AUTO_TEST_CASE(require_returns_the_user_with_the_current_balance) {
  const std::string name = unique_name("req");
  const model::Id id = db.create_user(name, 12345);
  const model::User user = service.require(id);
  BOOST_TEST(user.id == id);
  BOOST_TEST(user.name == name);
  BOOST_TEST(user.balance == 12345);
}

BOOST_AUTO_TEST_CASE(require_of_a_missing_user_is_user_not_found) {
  const model::Id missing = db.missing_user_id();
  check_domain_error([&] { service.require(missing); }, "USER_NOT_FOUND");
  BOOST_TEST(!repository.find(missing).has_value());
}

BOOST_AUTO_TEST_CASE(find_after_a_miss_still_finds_an_existing_user) {
  // The prepared statement's buffers are reused: a miss must not leave stale data behind.
  const model::Id id = db.create_user(unique_name("after-miss"), 7);
  BOOST_TEST(!repository.find(db.missing_user_id()).has_value());
  const auto found = repository.find(id);
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->balance == 7);
}

BOOST_AUTO_TEST_SUITE_END()
