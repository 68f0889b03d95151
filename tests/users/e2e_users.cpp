// Sign-up: POST /api/v1/users {"name", "password"} → 201 {"id", "name", "balance": 0, "token", "expiresAt"};
// name 1..50 characters (tests/users/e2e_accounts.cpp has the password, the token and taken names).
#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/text.hpp"

using namespace shop::test;

namespace {

struct UsersFixture {
  ShopApi api;
  TestDatabase db;

  HttpResponse create(const std::string& body) { return api.http().post("/api/v1/users", body); }
  /// A sign-up body of `members` (JSON object members, without braces) and a valid password.
  static std::string with_password(const std::string& members) {
    return "{" + members + (members.empty() ? "" : ",") + "\"password\":" + json_quote(kTestPassword) + "}";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(users, UsersFixture)

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_new_user_a_zero_balance_and_a_token) {
  const std::string name = unique_name("e2e-user");
  const auto response = create(credentials_body(name));
  BOOST_TEST(response.status == 201, response.body);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 5u, response.body);
  const long long id = json_int(json, "id");
  BOOST_TEST(id > 0);
  BOOST_TEST(json_string(json, "name") == name);
  BOOST_TEST(json_int(json, "balance") == 0);
  BOOST_TEST(!json_string(json, "token").empty());
  BOOST_TEST(!json_string(json, "expiresAt").empty());
  BOOST_TEST(db.balance(id) == 0);
}

BOOST_AUTO_TEST_CASE(the_new_user_can_be_read_back) {
  const UserCredentials user = api.create_user(unique_name("readback"));
  const auto response = api.http().get(user_path(user.id, "/balance"), {authorization(user.token)});
  BOOST_TEST(response.status == 200);
  const auto json = parse_json(response.body);
  BOOST_TEST(json_int(json, "userId") == user.id);
  BOOST_TEST(json_int(json, "balance") == 0);
}

BOOST_AUTO_TEST_CASE(a_body_sent_as_curl_d_sends_it_is_parsed_as_json) {
  // curl -d sends Content-Type: application/x-www-form-urlencoded; an explicit JSON type works as well.
  BOOST_TEST(create(credentials_body(unique_name("curl-d"))).status == 201);
  const auto typed = api.http().send("POST", "/api/v1/users", credentials_body(unique_name("typed")),
                                     {"Content-Type: application/json; charset=utf-8"});
  BOOST_TEST(typed.status == 201, typed.body);
  const auto plain =
      api.http().send("POST", "/api/v1/users", credentials_body(unique_name("plain")), {"Content-Type: text/plain"});
  BOOST_TEST(plain.status == 201, plain.body);
}

BOOST_AUTO_TEST_CASE(names_of_1_and_50_characters_are_accepted_counting_characters_not_bytes) {
  for (const std::string& name :
       {std::string("k"), repeat("a", 50), repeat("김", 50), repeat("\xF0\x9F\x98\x80", 50)}) {
    db.release_name(name);
    const auto response = create(credentials_body(name));
    BOOST_TEST(response.status == 201, response.body);
    if (response.status == 201) BOOST_TEST(json_string(parse_json(response.body), "name") == name);
  }
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored) {
  const auto response = create(with_password("\"name\": " + json_quote(unique_name("extra")) +
                                             R"(, "balance": 1000000, "id": 1, "admin": true)"));
  BOOST_TEST(response.status == 201, response.body);
  BOOST_TEST(json_int(parse_json(response.body), "balance") == 0);
}

BOOST_AUTO_TEST_CASE(names_of_0_or_51_characters_are_400_naming_name) {
  check_error(create(credentials_body("")), "INVALID_REQUEST", "name");
  check_error(create(credentials_body(repeat("a", 51))), "INVALID_REQUEST", "name");
  check_error(create(credentials_body(repeat("김", 51))), "INVALID_REQUEST", "name");
}

BOOST_AUTO_TEST_CASE(a_missing_or_mistyped_name_is_400_naming_name) {
  for (const char* members :
       {"", R"("name": null)", R"("name": 7)", R"("name": ["kim"])", R"("Name": "kim")", R"("name": true)"}) {
    BOOST_TEST_CONTEXT(members) {
      check_error(create(with_password(members)), "INVALID_REQUEST", std::string("name"));
    }
  }
}

BOOST_AUTO_TEST_CASE(control_characters_or_only_spaces_in_a_name_are_400_naming_name) {
  for (const char* members : {R"("name": "a\nb")", R"("name": "\u0000")", R"("name": "tab\there")",
                              R"("name": "\u007f")", R"("name": "   ")"}) {
    BOOST_TEST_CONTEXT(members) {
      check_error(create(with_password(members)), "INVALID_REQUEST", std::string("name"));
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_name_is_400_and_never_a_500) {
  for (const char* members :
       {"\"name\": \"\xff\xfe\"", "\"name\": \"k\xc3\"", "\"name\": \"\xed\xa0\x80\"", "\"name\": \"\xc0\xaf\""}) {
    BOOST_TEST_CONTEXT(members) {
      const auto response = create(with_password(members));
      BOOST_TEST(response.status == 400, response.body);
      check_contract_headers(response);
    }
  }
}

BOOST_AUTO_TEST_CASE(escaped_lone_surrogates_in_a_name_are_400_and_never_a_500) {
  for (const char* members : {R"("name": "\ud800")", R"("name": "\udc00")", R"("name": "x\udfffy")"}) {
    BOOST_TEST_CONTEXT(members) {
      const auto response = create(with_password(members));
      BOOST_TEST(response.status == 400, response.body);
      if (response.status == 400) {
        BOOST_TEST(json_string(json_object(parse_json(response.body), "error"), "code") == "INVALID_REQUEST");
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
