// API.md "Products and ranking", the catalog reads, through nginx: GET /api/v1/products/{id} and the
// paged list by id, with every error row that applies (bad ids, unknown product, page and size bounds).
#include <boost/test/unit_test.hpp>

#include "tests/support/catalog_api.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/names.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr const char* kMaxId = "9223372036854775807";

struct ProductsFixture {
  ShopApi api;
  HttpClient& http = api.http();

  /// The 1-based position of the product in the list by id (read from the database).
  static int position_of(model::Id id) {
    static TestDatabase db;
    long long position = 0;
    db.sql() << "SELECT count(*) FROM products WHERE id <= :id", soci::use(id), soci::into(position);
    return static_cast<int>(position);
  }
};

/// A product object of the contract: exactly id, name, price, stock.
void check_product(const rapidjson::Value& product, model::Id id, const std::string& name, model::Won price,
                   long long stock) {
  BOOST_TEST(product.MemberCount() == 4u);
  BOOST_TEST(json_int(product, "id") == id);
  BOOST_TEST(json_string(product, "name") == name);
  BOOST_TEST(json_int(product, "price") == price);
  BOOST_TEST(json_int(product, "stock") == stock);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(products, ProductsFixture)

BOOST_AUTO_TEST_CASE(get_product_answers_200_with_id_name_price_and_stock) {
  const std::string name = unique_name("사과");
  const model::Id id = create_product(http, name, 1500, 12);
  const auto response = http.get(product_path(id));
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  check_product(parse_json(response.body), id, name, 1500, 12);
}

BOOST_AUTO_TEST_CASE(get_product_shows_the_current_stock_and_price) {
  const model::Id id = create_product(http, unique_name("changing"), 1500, 12);
  BOOST_TEST(admin_patch_product(http, id, R"({"price": 990, "stock": 4})").status == 200);
  const auto json = parse_json(http.get(product_path(id)).body);
  BOOST_TEST(json_int(json, "price") == 990);
  BOOST_TEST(json_int(json, "stock") == 4);
}

BOOST_AUTO_TEST_CASE(get_of_an_unknown_product_is_404_product_not_found) {
  check_error(http.get(std::string("/api/v1/products/") + kMaxId), "PRODUCT_NOT_FOUND");
}

BOOST_AUTO_TEST_CASE(a_product_id_that_is_not_a_positive_64_bit_integer_is_400_naming_it) {
  for (const char* bad : {"0", "-1", "abc", "1.5", "1e3", "9223372036854775808", "99999999999999999999", "%201"}) {
    BOOST_TEST_CONTEXT("productId " << bad) {
      check_error(http.get(std::string("/api/v1/products/") + bad), "INVALID_REQUEST", std::string("productId"));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_list_defaults_to_page_1_of_20_by_id_and_counts_every_product) {
  create_product(http, unique_name("listed"), 100, 1);
  const auto response = http.get("/api/v1/products");
  BOOST_TEST(response.status == 200);
  check_contract_headers(response);
  const auto json = parse_json(response.body);
  BOOST_TEST(json.MemberCount() == 4u);
  BOOST_TEST(json_int(json, "page") == 1);
  BOOST_TEST(json_int(json, "size") == 20);
  const long long total = json_int(json, "totalCount");
  const auto& items = json_array(json, "items");
  BOOST_TEST(total >= 1);
  BOOST_TEST(items.Size() == static_cast<rapidjson::SizeType>(std::min<long long>(total, 20)));
  for (rapidjson::SizeType i = 1; i < items.Size(); ++i) {
    BOOST_TEST(json_int(items[i - 1], "id") < json_int(items[i], "id"));
  }
}

BOOST_AUTO_TEST_CASE(each_product_is_on_the_page_of_its_position_by_id) {
  std::vector<std::pair<model::Id, std::string>> created;
  for (int i = 0; i < 3; ++i) {
    const std::string name = unique_name("paged");
    created.emplace_back(create_product(http, name, 100 + i, 5 + i), name);
  }
  for (std::size_t i = 0; i < created.size(); ++i) {
    const auto& [id, name] = created[i];
    const int position = position_of(id);
    const auto response = http.get("/api/v1/products?page=" + std::to_string(position) + "&size=1");
    BOOST_TEST_REQUIRE(response.status == 200);
    const auto json = parse_json(response.body);
    BOOST_TEST(json_int(json, "page") == position);
    BOOST_TEST(json_int(json, "size") == 1);
    BOOST_TEST(json_int(json, "totalCount") >= position);
    const auto& items = json_array(json, "items");
    BOOST_TEST_REQUIRE(items.Size() == 1u);
    check_product(items[0], id, name, 100 + static_cast<model::Won>(i), 5 + static_cast<long long>(i));
  }
}

BOOST_AUTO_TEST_CASE(size_100_is_accepted_and_a_page_past_the_end_is_empty) {
  const auto full = http.get("/api/v1/products?size=100");
  BOOST_TEST(full.status == 200);
  BOOST_TEST(json_int(parse_json(full.body), "size") == 100);
  const auto past = http.get("/api/v1/products?page=1000000&size=100");
  BOOST_TEST(past.status == 200);
  const auto json = parse_json(past.body);
  BOOST_TEST(json_array(json, "items").Size() == 0u);
  BOOST_TEST(json_int(json, "page") == 1000000);
  BOOST_TEST(json_int(json, "totalCount") >= 1);
}

BOOST_AUTO_TEST_CASE(a_size_outside_1_to_100_is_400_naming_size) {
  for (const char* bad : {"0", "101", "-1", "abc", "1.5", ""}) {
    BOOST_TEST_CONTEXT("size=" << bad) {
      check_error(http.get(std::string("/api/v1/products?size=") + bad), "INVALID_REQUEST", std::string("size"));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_page_below_1_or_not_an_integer_is_400_naming_page) {
  for (const char* bad : {"0", "-1", "abc", "2.0"}) {
    BOOST_TEST_CONTEXT("page=" << bad) {
      check_error(http.get(std::string("/api/v1/products?page=") + bad), "INVALID_REQUEST", std::string("page"));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
