// GET /api/v1/users/{userId}/balance/history?page=&size= → {"items": [{"id", "type", "amount",
// "balanceAfter", "createdAt"}], "page", "size", "totalCount"}, newest first; createdAt RFC 3339 with offset.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop::test;

namespace {

struct HistoryFixture {
  ShopApi api;
  TestDatabase db;

  /// A user with charges of 1000, 2000 and 3000 through the API, in that order.
  UserCredentials user_with_three_charges() {
    const UserCredentials user = api.create_user(unique_name("hist"));
    for (const long long amount : {1000, 2000, 3000}) expect_status(api.charge(user, amount), 200, "charge");
    return user;
  }

  rapidjson::Document history(const UserCredentials& user, const std::string& query = {}) {
    const auto response = api.http().get(user_path(user.id, "/balance/history" + query), {authorization(user.token)});
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    check_contract_headers(response);
    return parse_json(response.body);
  }
};

std::vector<long long> amounts(const rapidjson::Value& page) {
  std::vector<long long> out;
  for (const auto& item : json_array(page, "items").GetArray()) out.push_back(json_int(item, "amount"));
  return out;
}

/// The offset the pool writes: +09:00 for its default zone (Asia/Seoul), unless scripts/test was told
/// another zone.
std::string expected_offset() {
  const char* zone = std::getenv("SHOP_TEST_TIMEZONE");
  if (zone == nullptr || *zone == '\0' || std::string(zone) == "Asia/Seoul") return R"(\+09:00)";
  return R"([+-]\d{2}:\d{2})";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(history, HistoryFixture)

BOOST_AUTO_TEST_CASE(history_lists_charges_newest_first_with_every_field) {
  const UserCredentials user = user_with_three_charges();
  const auto page = history(user);
  BOOST_TEST(amounts(page) == (std::vector<long long>{3000, 2000, 1000}), boost::test_tools::per_element());
  const long long balances[] = {6000, 3000, 1000};
  long long previous_id = 0;
  int i = 0;
  for (const auto& item : json_array(page, "items").GetArray()) {
    BOOST_TEST(item.MemberCount() == 5u);  // id, type, amount, balanceAfter, createdAt: no orderId for a CHARGE
    BOOST_TEST(json_string(item, "type") == "CHARGE");
    BOOST_TEST(json_int(item, "balanceAfter") == balances[i++]);
    BOOST_TEST(!json_has(item, "orderId"));
    const long long line_id = json_int(item, "id");
    BOOST_TEST(line_id > 0);
    if (previous_id != 0) BOOST_TEST(line_id < previous_id);
    previous_id = line_id;
  }
}

BOOST_AUTO_TEST_CASE(page_and_size_default_to_1_and_20) {
  const UserCredentials user = user_with_three_charges();
  const auto page = history(user);
  BOOST_TEST(page.MemberCount() == 4u);
  BOOST_TEST(json_int(page, "page") == 1);
  BOOST_TEST(json_int(page, "size") == 20);
  BOOST_TEST(json_int(page, "totalCount") == 3);
}

BOOST_AUTO_TEST_CASE(pages_split_the_history_and_all_carry_the_total_count) {
  const UserCredentials user = user_with_three_charges();
  const auto first = history(user, "?page=1&size=2");
  const auto second = history(user, "?page=2&size=2");
  const auto third = history(user, "?size=2&page=3");
  BOOST_TEST(amounts(first) == (std::vector<long long>{3000, 2000}), boost::test_tools::per_element());
  BOOST_TEST(amounts(second) == (std::vector<long long>{1000}), boost::test_tools::per_element());
  BOOST_TEST(amounts(third).empty());
  for (const auto* page : {&first, &second, &third}) {
    BOOST_TEST(json_int(*page, "totalCount") == 3);
    BOOST_TEST(json_int(*page, "size") == 2);
  }
  BOOST_TEST(json_int(second, "page") == 2);
  BOOST_TEST(json_int(third, "page") == 3);
}

BOOST_AUTO_TEST_CASE(a_new_user_has_an_empty_history) {
  const UserCredentials user = api.create_user(unique_name("none"));
  const auto page = history(user);
  BOOST_TEST(json_array(page, "items").Size() == 0u);
  BOOST_TEST(json_int(page, "totalCount") == 0);
}

BOOST_AUTO_TEST_CASE(created_at_is_rfc3339_with_the_shops_offset_and_the_time_of_the_line) {
  const UserCredentials user = user_with_three_charges();
  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})" + expected_offset());
  const auto page = history(user);  // the document must outlive the loop over its items
  for (const auto& item : json_array(page, "items").GetArray()) {
    const std::string created_at = json_string(item, "createdAt");
    BOOST_TEST(std::regex_match(created_at, rfc3339), created_at);
    // The same instant as the database holds for that line.
    const long long line_id = json_int(item, "id");
    int same = 0;
    db.sql() << "SELECT (date_trunc('second', created_at) = CAST(:text AS timestamptz))::int "
                "FROM balance_ledger WHERE id = :id",
        soci::use(created_at, "text"), soci::use(line_id, "id"), soci::into(same);
    BOOST_TEST(same == 1, created_at);
  }
}

BOOST_AUTO_TEST_CASE(page_and_size_out_of_range_or_not_integers_are_400_naming_them) {
  const UserCredentials user = api.create_user(unique_name("badpage"));
  const std::pair<const char*, const char*> cases[] = {
      {"?page=0", "page"},   {"?page=-1", "page"},   {"?page=abc", "page"},        {"?page=1.5", "page"},
      {"?page=", "page"},    {"?size=0", "size"},    {"?size=101", "size"},        {"?size=abc", "size"},
      {"?size=1e1", "size"}, {"?size=%2B5", "size"}, {"?page=1&size=-20", "size"},
  };
  for (const auto& [query, field] : cases) {
    BOOST_TEST_CONTEXT(query) {
      check_error(
          api.http().get(user_path(user.id, std::string("/balance/history") + query), {authorization(user.token)}),
          "INVALID_REQUEST", std::string(field));
    }
  }
  BOOST_TEST(json_int(history(user, "?size=100"), "size") == 100);
  BOOST_TEST(json_int(history(user, "?size=1"), "size") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
