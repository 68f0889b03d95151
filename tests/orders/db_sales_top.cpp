// SalesRepository::top through ProductFacade::top (the seed's 상위 TOP5) against the real database: units
// of the last `days` days (today included, in the shop's zone), most sold first, ties by product id, only
// products with sales, at most `limit`. Each test runs in a transaction that is rolled back, with the
// ranking table emptied inside it, so that it sees exactly the rows it wrote.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::unique_name;

namespace {

struct Connections {
  model::Shop shop{test::test_settings()};
};

Connections& connections() {
  static Connections instance;
  return instance;
}

struct TopFixture {
  model::Shop& shop = connections().shop;
  soci::session& sql = shop.parts().db.sql();
  soci::transaction tx{sql};  // rolled back when the test ends

  TopFixture() { sql << "DELETE FROM product_daily_sales"; }

  model::Id product(model::Won price = 100, long long stock = 10) {
    return test::insert_product(sql, unique_name("ranked"), price, stock);
  }
  /// Units sold `days_ago` days before today (the session's zone, Asia/Seoul).
  void sold(model::Id product_id, int days_ago, long long quantity) {
    sql << "INSERT INTO product_daily_sales (sales_date, product_id, quantity) "
           "VALUES (current_date - :ago::integer, :id, :quantity)",
        soci::use(days_ago), soci::use(product_id), soci::use(quantity);
  }
};

std::vector<model::Id> ids_of(const std::vector<model::RankedProduct>& ranking) {
  std::vector<model::Id> ids;
  for (const auto& item : ranking) ids.push_back(item.product_id);
  return ids;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(top, TopFixture)

BOOST_AUTO_TEST_CASE(most_sold_first_with_ranks_from_1_and_the_products_current_fields) {
  const model::Id a = product(150, 7);
  const model::Id b = product(250, 3);
  sold(a, 0, 5);
  sold(b, 0, 9);
  const auto ranking = shop.products().top(7, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 2u);
  BOOST_TEST(ranking[0].rank == 1);
  BOOST_TEST(ranking[0].product_id == b);
  BOOST_TEST(ranking[0].sold_quantity == 9);
  BOOST_TEST(ranking[0].price == 250);
  BOOST_TEST(ranking[0].stock == 3);
  BOOST_TEST(!ranking[0].name.empty());
  BOOST_TEST(ranking[1].rank == 2);
  BOOST_TEST(ranking[1].product_id == a);
  BOOST_TEST(ranking[1].sold_quantity == 5);
}

BOOST_AUTO_TEST_CASE(ties_are_ordered_by_product_id_ascending) {
  const model::Id a = product();
  const model::Id b = product();
  const model::Id c = product();
  const model::Id d = product();
  sold(d, 0, 4);
  sold(c, 0, 4);
  sold(b, 0, 9);
  sold(a, 0, 4);
  const std::vector<model::Id> expected = {b, a, c, d};
  BOOST_TEST(ids_of(shop.products().top(7, 5)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(products_without_sales_in_the_window_are_left_out) {
  const model::Id sold_now = product();
  product();  // never sold
  const model::Id sold_long_ago = product();
  sold(sold_now, 0, 1);
  sold(sold_long_ago, 30, 500);
  const std::vector<model::Id> expected = {sold_now};
  BOOST_TEST(ids_of(shop.products().top(30, 50)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_window_of_n_days_is_today_and_the_n_minus_1_days_before) {
  const model::Id a = product();
  const model::Id b = product();
  sold(a, 0, 3);
  sold(a, 6, 4);
  sold(a, 7, 100);
  sold(b, 1, 5);
  auto ranking = shop.products().top(7, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 2u);
  BOOST_TEST(ranking[0].product_id == a);
  BOOST_TEST(ranking[0].sold_quantity == 7);
  BOOST_TEST(ranking[1].sold_quantity == 5);

  ranking = shop.products().top(8, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 2u);
  BOOST_TEST(ranking[0].sold_quantity == 107);

  ranking = shop.products().top(1, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 1u);
  BOOST_TEST(ranking[0].product_id == a);
  BOOST_TEST(ranking[0].sold_quantity == 3);
}

BOOST_AUTO_TEST_CASE(the_days_of_the_window_add_up_per_product) {
  const model::Id a = product();
  const model::Id b = product();
  sold(a, 0, 2);
  sold(a, 1, 2);
  sold(a, 2, 2);
  sold(b, 0, 5);
  const auto ranking = shop.products().top(7, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 2u);
  BOOST_TEST(ranking[0].product_id == a);
  BOOST_TEST(ranking[0].sold_quantity == 6);
}

BOOST_AUTO_TEST_CASE(at_most_limit_products_are_listed) {
  std::vector<model::Id> products;
  for (int i = 0; i < 7; ++i) {
    products.push_back(product());
    sold(products.back(), 0, 10 + i);
  }
  const auto ranking = shop.products().top(7, 5);
  BOOST_TEST_REQUIRE(ranking.size() == 5u);
  BOOST_TEST(ranking[0].product_id == products[6]);
  BOOST_TEST(ranking[4].product_id == products[2]);
  BOOST_TEST(ranking[4].rank == 5);
  BOOST_TEST(shop.products().top(7, 1).size() == 1u);
  BOOST_TEST(shop.products().top(7, 50).size() == 7u);
}

BOOST_AUTO_TEST_SUITE_END()
