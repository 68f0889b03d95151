// load_config's least-privilege settings: SHOP_USER and SHOP_GROUP (who the pool becomes), and the socket's
// SHOP_SOCKET_OWNER, SHOP_SOCKET_GROUP (default: the user and group) and SHOP_SOCKET_MODE (octal, 0660).
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "fcgi/pool/config.hpp"
#include "fcgi/pool/privileges.hpp"
#include "tests/support/scoped_environment.hpp"

using shop::fcgi::load_config;
using shop::fcgi::ServerConfig;

namespace {

constexpr const char* kVariables[] = {"SHOP_DATABASE_URL", "SHOP_USER",         "SHOP_GROUP",
                                      "SHOP_SOCKET_OWNER", "SHOP_SOCKET_GROUP", "SHOP_SOCKET_MODE"};

struct CleanEnvironment : shop::test::ScopedEnvironment {
  CleanEnvironment() : ScopedEnvironment({std::begin(kVariables), std::end(kVariables)}) {}
};

ServerConfig load() {
  const char* argv[] = {"shop"};
  return load_config(1, argv);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(privilege_config, CleanEnvironment)

BOOST_AUTO_TEST_CASE(by_default_nobody_is_named_and_the_socket_is_0660) {
  const auto config = load();
  BOOST_TEST(config.user.empty());
  BOOST_TEST(config.group.empty());
  BOOST_TEST(config.socket_owner.empty());
  BOOST_TEST(config.socket_group.empty());
  BOOST_TEST(config.socket_mode == 0660U);
}

BOOST_AUTO_TEST_CASE(the_socket_belongs_to_the_user_and_group_unless_told_otherwise) {
  ::setenv("SHOP_USER", "shop", 1);
  ::setenv("SHOP_GROUP", "shopgroup", 1);
  auto config = load();
  BOOST_TEST(config.user == "shop");
  BOOST_TEST(config.group == "shopgroup");
  BOOST_TEST(config.socket_owner == "shop");
  BOOST_TEST(config.socket_group == "shopgroup");
  ::setenv("SHOP_SOCKET_OWNER", "root", 1);
  ::setenv("SHOP_SOCKET_GROUP", "www-data", 1);
  ::setenv("SHOP_SOCKET_MODE", "600", 1);
  config = load();
  BOOST_TEST(config.socket_owner == "root");
  BOOST_TEST(config.socket_group == "www-data");
  BOOST_TEST(config.socket_mode == 0600U);
}

BOOST_AUTO_TEST_CASE(a_socket_mode_that_is_not_octal_up_to_0777_is_refused) {
  for (const char* value : {"0666x", "8", "01777", "rw", "-660", "00660"}) {
    BOOST_TEST_CONTEXT(value) {
      ::setenv("SHOP_SOCKET_MODE", value, 1);
      BOOST_CHECK_THROW(load(), std::invalid_argument);
    }
  }
  ::setenv("SHOP_SOCKET_MODE", "0770", 1);
  BOOST_TEST(load().socket_mode == 0770U);
}

BOOST_AUTO_TEST_CASE(accounts_are_found_by_name_or_number_and_a_missing_one_is_an_error) {
  BOOST_TEST(shop::fcgi::find_account("root").uid == 0U);
  BOOST_TEST(shop::fcgi::find_account("0").name == "root");
  BOOST_TEST(shop::fcgi::find_group("root") == 0U);
  BOOST_CHECK_THROW(shop::fcgi::find_account("no-such-user-of-shop"), std::runtime_error);
  BOOST_CHECK_THROW(shop::fcgi::find_group("no-such-group-of-shop"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
