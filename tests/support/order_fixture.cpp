#include "tests/support/order_fixture.hpp"

#include "tests/support/catalog_rows.hpp"
#include "tests/support/names.hpp"

namespace shop::test {
namespace {

struct Connections {
  TestDatabase db;
  model::Shop shop{settings_with_ttl(600)};
  model::Shop instant{settings_with_ttl(0)};
};

Connections& connections() {
  static Connections instance;
  return instance;
}

}  // namespace

model::Settings settings_with_ttl(int seconds) {
  model::Settings settings = test_settings();
  settings.order_ttl_seconds = seconds;
  return settings;
}

OrderFixture::OrderFixture() : db(connections().db), shop(connections().shop), instant(connections().instant) {}

model::Id OrderFixture::product(model::Won price, long long stock) {
  return insert_product(db.sql(), unique_name("goods"), price, stock);
}

model::Id OrderFixture::user(model::Won balance) {
  return db.create_user(unique_name("buyer"), balance);
}

long long OrderFixture::stock(model::Id product_id) {
  return stock_of(db.sql(), product_id);
}

}  // namespace shop::test
