// ProductFacade / ProductService / ProductRepository against the real database: a product is read with its
// current stock, the list pages by id and counts everything, admins create and partly update products (a
// stock delta only within 0..the cap, and all of the patch or none of it), and a closed order's stock goes
// back. (An order's locks, checks and stock taking are one statement: tests/orders/db_order_place.cpp.)
#include <boost/test/unit_test.hpp>
#include <utility>
#include <vector>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

// Connections are opened once for the whole file (each costs tens of milliseconds); every test makes its
// own rows, so sharing them couples nothing.
struct Connections {
  test::TestDatabase db;
  model::Shop shop{test::test_settings()};
  // The service's restock is used inside transactions of the test's making, on a connection of
  // their own (Shop does not expose its services).
  model::Database own{test::test_settings().database_url, "Asia/Seoul"};
  model::ProductRepository repository{own.sql()};
  model::SalesRepository sales{own.sql()};
  model::ProductService service{repository, sales};
};

Connections& connections() {
  static Connections instance;
  return instance;
}

struct ProductFixture {
  test::TestDatabase& db = connections().db;
  model::Shop& shop = connections().shop;
  model::Database& own = connections().own;
  model::ProductService& service = connections().service;

  model::Id product(model::Won price = 1000, long long stock = 10) {
    return test::insert_product(db.sql(), unique_name("product"), price, stock);
  }

  /// The 1-based position of the product in the list by id.
  int position_of(model::Id id) {
    long long position = 0;
    db.sql() << "SELECT count(*) FROM products WHERE id <= :id", soci::use(id), soci::into(position);
    return static_cast<int>(position);
  }

  long long product_count() {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM products", soci::into(count);
    return count;
  }

  model::Id funded_user(model::Won balance) { return db.create_user(unique_name("buyer"), balance); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(products, ProductFixture)

BOOST_AUTO_TEST_CASE(get_returns_the_product_with_its_current_stock) {
  const std::string name = unique_name("apple");
  const model::Id id = test::insert_product(db.sql(), name, 1500, 7);
  const model::Product product = shop.products().get(id);
  BOOST_TEST(product.id == id);
  BOOST_TEST(product.name == name);
  BOOST_TEST(product.price == 1500);
  BOOST_TEST(product.stock == 7);

  db.sql() << "UPDATE products SET stock = 3 WHERE id = :id", soci::use(id);
  BOOST_TEST(shop.products().get(id).stock == 3);
}

BOOST_AUTO_TEST_CASE(get_of_an_unknown_product_is_product_not_found) {
  const model::Id missing = test::missing_product_id(db.sql());
  check_domain_error([&] { shop.products().get(missing); }, "PRODUCT_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(list_pages_through_the_products_by_id) {
  const model::Id first = product();
  const model::Id second = product();
  const model::Id third = product();
  for (const model::Id id : {first, second, third}) {
    const auto page = shop.products().list(model::PageRequest{position_of(id), 1});
    BOOST_TEST_REQUIRE(page.items.size() == 1u);
    BOOST_TEST(page.items[0].id == id);
    BOOST_TEST(page.page == position_of(id));
    BOOST_TEST(page.size == 1);
  }
  const auto page = shop.products().list(model::PageRequest{1, 100});
  BOOST_TEST(page.items.size() == static_cast<std::size_t>(std::min<long long>(product_count(), 100)));
  for (std::size_t i = 1; i < page.items.size(); ++i) BOOST_TEST(page.items[i - 1].id < page.items[i].id);
}

BOOST_AUTO_TEST_CASE(list_counts_every_product_and_a_page_past_the_end_is_empty) {
  product();
  const long long before = product_count();
  const auto page = shop.products().list(model::PageRequest{1'000'000, 100});
  const long long after = product_count();
  BOOST_TEST(page.items.empty());
  BOOST_TEST(page.total_count >= before);
  BOOST_TEST(page.total_count <= after);
}

BOOST_AUTO_TEST_CASE(create_saves_the_product_and_returns_it_with_its_new_id) {
  const std::string name = unique_name("created");
  const model::Product created = shop.products().create(model::ProductDraft{name, 2500, 40});
  BOOST_TEST(created.id > 0);
  BOOST_TEST(created.name == name);
  BOOST_TEST(created.price == 2500);
  BOOST_TEST(created.stock == 40);
  BOOST_TEST(test::stock_of(db.sql(), created.id) == 40);
  std::string stored_name;
  model::Won stored_price = 0;
  db.sql() << "SELECT name, price FROM products WHERE id = :id", soci::use(created.id), soci::into(stored_name),
      soci::into(stored_price);
  BOOST_TEST(stored_name == name);
  BOOST_TEST(stored_price == 2500);
}

BOOST_AUTO_TEST_CASE(update_changes_only_the_fields_it_is_given) {
  const std::string name = unique_name("partial");
  const model::Id id = test::insert_product(db.sql(), name, 1000, 10);

  model::ProductChanges price_only;
  price_only.price = 1200;
  model::Product product = shop.products().update(id, price_only);
  BOOST_TEST(product.name == name);
  BOOST_TEST(product.price == 1200);
  BOOST_TEST(product.stock == 10);

  model::ProductChanges stock_only;
  stock_only.stock = 0;
  product = shop.products().update(id, stock_only);
  BOOST_TEST(product.name == name);
  BOOST_TEST(product.price == 1200);
  BOOST_TEST(product.stock == 0);

  const std::string renamed = unique_name("renamed");
  model::ProductChanges name_only;
  name_only.name = renamed;
  product = shop.products().update(id, name_only);
  BOOST_TEST(product.name == renamed);
  BOOST_TEST(product.price == 1200);
  BOOST_TEST(product.stock == 0);

  model::ProductChanges all;
  all.name = name;
  all.price = 0;
  all.stock = 1'000'000'000;
  product = shop.products().update(id, all);
  BOOST_TEST(product.name == name);
  BOOST_TEST(product.price == 0);
  BOOST_TEST(product.stock == 1'000'000'000);
  BOOST_TEST(shop.products().get(id).stock == 1'000'000'000);
}

BOOST_AUTO_TEST_CASE(update_without_any_change_is_invalid_request_and_changes_nothing) {
  const model::Id id = product(1000, 10);
  check_domain_error([&] { shop.products().update(id, model::ProductChanges{}); }, "INVALID_REQUEST");
  BOOST_TEST(shop.products().get(id).price == 1000);
}

BOOST_AUTO_TEST_CASE(update_of_an_unknown_product_is_product_not_found) {
  model::ProductChanges changes;
  changes.price = 1;
  const model::Id missing = test::missing_product_id(db.sql());
  check_domain_error([&] { shop.products().update(missing, changes); }, "PRODUCT_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(a_stock_delta_changes_the_current_stock_down_to_0_and_up_to_the_cap) {
  const model::Id id = product(1000, 10);
  for (const auto& [delta, expected] : std::vector<std::pair<long long, long long>>{
           {5, 15}, {-3, 12}, {0, 12}, {-12, 0}, {1'000'000'000, 1'000'000'000}, {-1'000'000'000, 0}}) {
    BOOST_TEST_CONTEXT(delta) {
      model::ProductChanges changes;
      changes.stock_delta = delta;
      BOOST_TEST(shop.products().update(id, changes).stock == expected);
      BOOST_TEST(test::stock_of(db.sql(), id) == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_stock_delta_below_0_is_out_of_stock_and_changes_nothing_of_the_patch) {
  const std::string name = unique_name("scarce");
  const model::Id id = test::insert_product(db.sql(), name, 1000, 2);
  model::ProductChanges changes;
  changes.name = unique_name("renamed");
  changes.price = 7;
  changes.stock_delta = -3;
  check_domain_error([&] { shop.products().update(id, changes); }, "OUT_OF_STOCK");
  const model::Product unchanged = shop.products().get(id);
  BOOST_TEST(unchanged.name == name);
  BOOST_TEST(unchanged.price == 1000);
  BOOST_TEST(unchanged.stock == 2);
}

BOOST_AUTO_TEST_CASE(a_stock_delta_past_the_cap_is_invalid_stock_delta_and_changes_nothing) {
  const model::Id id = product(1000, 999'999'999);
  model::ProductChanges changes;
  changes.price = 7;
  changes.stock_delta = 2;
  check_domain_error([&] { shop.products().update(id, changes); }, "INVALID_REQUEST", "stockDelta");
  BOOST_TEST(shop.products().get(id).price == 1000);
  BOOST_TEST(test::stock_of(db.sql(), id) == 999'999'999);
}

BOOST_AUTO_TEST_CASE(a_stock_above_the_cap_may_still_decrease_but_not_grow) {
  // Units given back by orders can leave a stock set to the cap above it.
  const model::Id id = product(1000, 10);
  db.sql() << "UPDATE products SET stock = 1000000005 WHERE id = :id", soci::use(id);
  model::ProductChanges changes;
  changes.stock_delta = 1;
  check_domain_error([&] { shop.products().update(id, changes); }, "INVALID_REQUEST", "stockDelta");
  changes.stock_delta = -2;
  BOOST_TEST(shop.products().update(id, changes).stock == 1'000'000'003);
}

BOOST_AUTO_TEST_CASE(stock_and_stock_delta_together_are_invalid_stock_delta_and_change_nothing) {
  const model::Id id = product(1000, 10);
  model::ProductChanges changes;
  changes.stock = 4;
  changes.stock_delta = 1;
  check_domain_error([&] { shop.products().update(id, changes); }, "INVALID_REQUEST", "stockDelta");
  BOOST_TEST(test::stock_of(db.sql(), id) == 10);
}

BOOST_AUTO_TEST_CASE(a_stock_delta_of_an_unknown_product_is_product_not_found) {
  for (const long long delta : {-1LL, 1LL}) {
    BOOST_TEST_CONTEXT(delta) {
      model::ProductChanges changes;
      changes.stock_delta = delta;
      const model::Id missing = test::missing_product_id(db.sql());
      check_domain_error([&] { shop.products().update(missing, changes); }, "PRODUCT_NOT_FOUND");
    }
  }
}

BOOST_AUTO_TEST_CASE(restock_gives_the_units_of_an_order_back) {
  const model::Id a = product(100, 5);
  const model::Id b = product(300, 9);
  const model::Order order = shop.orders().place(funded_user(10'000), {{a, 2}, {b, 3}});
  BOOST_TEST(test::stock_of(db.sql(), a) == 3);
  BOOST_TEST(test::stock_of(db.sql(), b) == 6);
  // Inside a transaction that is rolled back: the order stays as it was.
  soci::transaction tx(own.sql());
  service.restock(order.id);
  BOOST_TEST(test::stock_of(own.sql(), a) == 5);
  BOOST_TEST(test::stock_of(own.sql(), b) == 9);
  tx.rollback();
  BOOST_TEST(test::stock_of(db.sql(), a) == 3);
}

BOOST_AUTO_TEST_SUITE_END()
