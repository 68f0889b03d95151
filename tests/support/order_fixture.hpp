#pragma once

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/test_database.hpp"

namespace shop::test {

/// Test settings whose orders expire `seconds` after they are placed.
model::Settings settings_with_ttl(int seconds);

/// The database tests of orders and baskets: connections opened once per test program (every test makes its own
/// users and products), a model whose orders last 10 minutes (`shop`) and one whose orders are due at once
/// (`instant`).
struct OrderFixture {
  TestDatabase& db;
  model::Shop& shop;
  model::Shop& instant;

  OrderFixture();

  model::Id product(model::Won price = 1000, long long stock = 100);
  model::Id user(model::Won balance = 1'000'000);
  long long stock(model::Id product_id);
};

}  // namespace shop::test
