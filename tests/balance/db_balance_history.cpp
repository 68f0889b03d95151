// BalanceFacade::history: the user's ledger newest first, paged, with the total count; timestamps are
// RFC 3339 with the offset of the shop's zone.
#include <boost/test/unit_test.hpp>
#include <regex>
#include <vector>

#include "model/shop.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

struct HistoryFixture {
  test::TestDatabase db;
  model::Shop shop{test::test_settings()};

  /// A user with charges of 1000, 2000 and 3000, in that order.
  model::Id user_with_three_charges() {
    const model::Id id = db.create_user(unique_name("history"));
    for (const model::Won amount : {1000, 2000, 3000}) shop.balance().charge(id, amount);
    return id;
  }

  model::Page<model::LedgerEntry> history(model::Id id, int page, int size) {
    return shop.balance().history(id, model::PageRequest{page, size});
  }
};

std::vector<model::Won> amounts(const model::Page<model::LedgerEntry>& page) {
  std::vector<model::Won> out;
  for (const auto& entry : page.items) out.push_back(entry.amount);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(history, HistoryFixture)

BOOST_AUTO_TEST_CASE(a_new_user_has_an_empty_history) {
  const model::Id id = db.create_user(unique_name("empty"));
  const auto page = history(id, 1, 20);
  BOOST_TEST(page.items.empty());
  BOOST_TEST(page.total_count == 0);
  BOOST_TEST(page.page == 1);
  BOOST_TEST(page.size == 20);
}

BOOST_AUTO_TEST_CASE(history_is_newest_first_with_each_balance_after) {
  const model::Id id = user_with_three_charges();
  const auto page = history(id, 1, 20);
  BOOST_TEST_REQUIRE(page.items.size() == 3u);
  BOOST_TEST(amounts(page) == (std::vector<model::Won>{3000, 2000, 1000}), boost::test_tools::per_element());
  BOOST_TEST(page.items[0].balance_after == 6000);
  BOOST_TEST(page.items[1].balance_after == 3000);
  BOOST_TEST(page.items[2].balance_after == 1000);
  BOOST_TEST(page.items[0].id > page.items[1].id);
  BOOST_TEST(page.items[1].id > page.items[2].id);
  for (const auto& entry : page.items) {
    BOOST_TEST((entry.type == model::LedgerEntryType::kCharge));
    BOOST_TEST(!entry.order_id.has_value());
  }
  BOOST_TEST(page.total_count == 3);
}

BOOST_AUTO_TEST_CASE(pages_split_the_history_and_all_carry_the_total_count) {
  const model::Id id = user_with_three_charges();
  const auto first = history(id, 1, 2);
  const auto second = history(id, 2, 2);
  const auto third = history(id, 3, 2);
  BOOST_TEST(amounts(first) == (std::vector<model::Won>{3000, 2000}), boost::test_tools::per_element());
  BOOST_TEST(amounts(second) == (std::vector<model::Won>{1000}), boost::test_tools::per_element());
  BOOST_TEST(third.items.empty());
  for (const auto* page : {&first, &second, &third}) {
    BOOST_TEST(page->total_count == 3);
    BOOST_TEST(page->size == 2);
  }
  BOOST_TEST(second.page == 2);
  BOOST_TEST(amounts(history(id, 2, 1)) == (std::vector<model::Won>{2000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(history_shows_only_the_users_own_lines) {
  const model::Id mine = user_with_three_charges();
  const model::Id other = db.create_user(unique_name("other"), 999);
  BOOST_TEST(history(other, 1, 20).total_count == 1);
  BOOST_TEST(history(mine, 1, 20).total_count == 3);
}

BOOST_AUTO_TEST_CASE(created_at_is_rfc3339_in_the_shops_zone) {
  const model::Id id = user_with_three_charges();
  const auto page = history(id, 1, 20);
  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00)");
  for (const auto& entry : page.items) {
    BOOST_TEST(std::regex_match(entry.created_at, rfc3339), entry.created_at);
    std::string expected;
    db.sql() << "SELECT to_char(created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+09:00' "
                "FROM balance_ledger WHERE id = :id",
        soci::use(entry.id), soci::into(expected);
    BOOST_TEST(entry.created_at == expected);
  }
}

BOOST_AUTO_TEST_CASE(the_zone_of_the_settings_sets_the_offset) {
  auto settings = test::test_settings();
  settings.timezone = "UTC";
  model::Shop utc(settings);
  const model::Id id = db.create_user(unique_name("utc"));
  utc.balance().charge(id, 100);
  const auto page = utc.balance().history(id, model::PageRequest{1, 20});
  BOOST_TEST_REQUIRE(page.items.size() == 1u);
  BOOST_TEST(std::regex_match(page.items[0].created_at, std::regex(R"(.*T\d{2}:\d{2}:\d{2}\+00:00)")),
             page.items[0].created_at);
}

BOOST_AUTO_TEST_CASE(history_of_a_missing_user_is_user_not_found) {
  check_domain_error([&] { history(db.missing_user_id(), 1, 20); }, "USER_NOT_FOUND");
}

BOOST_AUTO_TEST_SUITE_END()
