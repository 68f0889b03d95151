// Accounts (AccountFacade: sign-up, sign-in, the session of a token, sign-out, the sweep of dead sessions) and
// the seed's 유저 인증 behind them (UserService::require), against the real database.
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/account/secrets.hpp"
#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/text.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

constexpr const char* kPassword = "correct horse battery staple";

struct UsersFixture {
  test::TestDatabase db;
  model::Settings settings = test::test_settings();
  model::Database model_db{settings.database_url, settings.timezone};
  model::UserRepository repository{model_db.sql()};
  model::UserService service{repository};
  model::AccountRepository account_repository{model_db.sql()};
  model::SessionService sessions{account_repository};
  model::AccountFacade accounts{model_db, account_repository, sessions, settings.session_ttl_seconds};

  std::string stored_name(model::Id id) {
    std::string name;
    db.sql() << "SELECT name FROM users WHERE id = :id", soci::use(id), soci::into(name);
    return name;
  }
  long long users_named(const std::string& name) {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM users WHERE name = :name", soci::use(name), soci::into(count);
    return count;
  }
  std::string password_hash(model::Id id) {
    std::string hash;
    db.sql() << "SELECT password_hash FROM users WHERE id = :id", soci::use(id), soci::into(hash);
    return hash;
  }
  long long sessions_of(model::Id id) {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM sessions WHERE user_id = :id", soci::use(id), soci::into(count);
    return count;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(users, UsersFixture)

BOOST_AUTO_TEST_CASE(sign_up_creates_a_user_with_a_zero_balance_signed_in) {
  const std::string name = unique_name("signup");
  const model::SignUp signed_up = accounts.sign_up(name, kPassword);
  BOOST_TEST(signed_up.user.id > 0);
  BOOST_TEST(signed_up.user.name == name);
  BOOST_TEST(signed_up.user.balance == 0);
  BOOST_TEST(stored_name(signed_up.user.id) == name);
  BOOST_TEST(db.balance(signed_up.user.id) == 0);
  BOOST_TEST(db.ledger_count(signed_up.user.id) == 0);

  BOOST_TEST(signed_up.session.user_id == signed_up.user.id);
  BOOST_TEST(signed_up.session.name == name);
  BOOST_TEST(signed_up.session.token.size() >= 22u);  // at least 128 bits, base64
  const long long expires = test::rfc3339_seconds(signed_up.session.expires_at);
  BOOST_TEST(std::abs(expires - (db.now_seconds() + settings.session_ttl_seconds)) <= 60);
  const auto session = accounts.session(signed_up.session.token);
  BOOST_TEST_REQUIRE(session.has_value());
  BOOST_TEST(session->user_id == signed_up.user.id);
  BOOST_TEST(session->name == name);
  BOOST_TEST(session->expires_at == signed_up.session.expires_at);
}

BOOST_AUTO_TEST_CASE(a_taken_name_is_name_taken_and_creates_nothing) {
  const std::string name = unique_name("taken");
  const model::SignUp first = accounts.sign_up(name, kPassword);
  check_domain_error([&] { accounts.sign_up(name, "another password"); }, "NAME_TAKEN");
  BOOST_TEST(users_named(name) == 1);
  BOOST_TEST(sessions_of(first.user.id) == 1);
  // The first account's password is the one that signs in.
  BOOST_TEST(accounts.sign_in(name, kPassword).user_id == first.user.id);
}

BOOST_AUTO_TEST_CASE(a_name_of_50_korean_characters_is_stored_as_given) {
  const std::string name = test::repeat("김", 50);
  db.release_name(name);
  const auto signed_up = accounts.sign_up(name, kPassword);
  BOOST_TEST(stored_name(signed_up.user.id) == name);
  BOOST_TEST(service.require(signed_up.user.id).name == name);
}

BOOST_AUTO_TEST_CASE(sign_in_opens_a_new_session_beside_the_others) {
  const std::string name = unique_name("signin");
  const model::SignUp signed_up = accounts.sign_up(name, kPassword);
  const model::Session signed_in = accounts.sign_in(name, kPassword);
  BOOST_TEST(signed_in.user_id == signed_up.user.id);
  BOOST_TEST(signed_in.name == name);
  BOOST_TEST(signed_in.token != signed_up.session.token);
  BOOST_TEST(accounts.session(signed_in.token).has_value());
  BOOST_TEST(accounts.session(signed_up.session.token).has_value());
  BOOST_TEST(sessions_of(signed_up.user.id) == 2);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_and_an_unknown_name_are_both_invalid_credentials) {
  const std::string name = unique_name("creds");
  const model::SignUp signed_up = accounts.sign_up(name, kPassword);
  check_domain_error([&] { accounts.sign_in(name, "correct horse battery stapler"); }, "INVALID_CREDENTIALS");
  check_domain_error([&] { accounts.sign_in(name, ""); }, "INVALID_CREDENTIALS");
  check_domain_error([&] { accounts.sign_in(unique_name("nobody"), kPassword); }, "INVALID_CREDENTIALS");
  BOOST_TEST(sessions_of(signed_up.user.id) == 1);
}

BOOST_AUTO_TEST_CASE(a_user_made_without_a_password_cannot_sign_in) {
  const std::string name = unique_name("nopass");
  db.create_user(name);
  check_domain_error([&] { accounts.sign_in(name, kPassword); }, "INVALID_CREDENTIALS");
}

BOOST_AUTO_TEST_CASE(the_stored_password_hash_is_an_argon2id_string_and_not_the_password) {
  const model::SignUp signed_up = accounts.sign_up(unique_name("hash"), kPassword);
  const std::string hash = password_hash(signed_up.user.id);
  BOOST_TEST(hash.starts_with("$argon2id$v=19$"), hash);
  BOOST_TEST(hash.find(kPassword) == std::string::npos, hash);
  // OWASP's floor for Argon2id: 19 MiB (19456 KiB), 2 passes.
  unsigned memory_kib = 0, passes = 0, lanes = 0;
  BOOST_TEST_REQUIRE(std::sscanf(hash.c_str(), "$argon2id$v=19$m=%u,t=%u,p=%u$", &memory_kib, &passes, &lanes) == 3,
                     hash);
  BOOST_TEST(memory_kib >= 19456u);
  BOOST_TEST(passes >= 2u);
  BOOST_TEST(model::password_matches(hash, kPassword));
  // Salted: the same password hashes differently for another account.
  const model::SignUp other = accounts.sign_up(unique_name("hash"), kPassword);
  BOOST_TEST(password_hash(other.user.id) != hash);
}

BOOST_AUTO_TEST_CASE(the_sessions_table_holds_only_a_sha256_of_the_token) {
  const model::SignUp signed_up = accounts.sign_up(unique_name("tokenhash"), kPassword);
  const std::string& token = signed_up.session.token;
  std::string stored, expected;
  long long rows = 0, holding_the_token = 0;
  db.sql() << "SELECT count(*), min(token_hash), encode(sha256(convert_to(:token, 'UTF8')), 'hex'), "
              "count(*) FILTER (WHERE strpos(row_to_json(s)::text, :again) > 0) "
              "FROM sessions s WHERE user_id = :id",
      soci::use(token, "token"), soci::use(token, "again"), soci::use(signed_up.user.id, "id"), soci::into(rows),
      soci::into(stored), soci::into(expected), soci::into(holding_the_token);
  BOOST_TEST(rows == 1);
  BOOST_TEST(stored == expected);
  BOOST_TEST(stored != token);
  BOOST_TEST(holding_the_token == 0);
}

BOOST_AUTO_TEST_CASE(sign_out_revokes_the_session_at_once_and_only_it) {
  const std::string name = unique_name("signout");
  const model::SignUp signed_up = accounts.sign_up(name, kPassword);
  const model::Session other = accounts.sign_in(name, kPassword);
  accounts.sign_out(signed_up.session.token);
  BOOST_TEST(!accounts.session(signed_up.session.token).has_value());
  BOOST_TEST(accounts.session(other.token).has_value());
  accounts.sign_out(signed_up.session.token);  // again: nothing left to revoke, not an error
  BOOST_TEST(!accounts.session(signed_up.session.token).has_value());
}

BOOST_AUTO_TEST_CASE(an_expired_or_unknown_token_is_no_session) {
  const model::SignUp signed_up = accounts.sign_up(unique_name("expired"), kPassword);
  db.expire_session(signed_up.session.token);
  BOOST_TEST(!accounts.session(signed_up.session.token).has_value());
  BOOST_TEST(!accounts.session(model::new_session_token()).has_value());
  BOOST_TEST(!accounts.session("").has_value());
}

BOOST_AUTO_TEST_CASE(the_sweep_deletes_expired_and_revoked_sessions_and_keeps_live_ones) {
  const std::string name = unique_name("sweep");
  const model::SignUp signed_up = accounts.sign_up(name, kPassword);
  const model::Session revoked = accounts.sign_in(name, kPassword);
  const model::Session expired = accounts.sign_in(name, kPassword);
  accounts.sign_out(revoked.token);
  db.expire_session(expired.token);
  // Small batches until none is left (the pool's sweeper may take some meanwhile).
  for (int i = 0; i < 10'000 && accounts.delete_dead_sessions(100) > 0; ++i) {
  }
  BOOST_TEST(sessions_of(signed_up.user.id) == 1);
  BOOST_TEST(accounts.session(signed_up.session.token).has_value());
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
