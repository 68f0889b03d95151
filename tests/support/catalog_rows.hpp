#pragma once

// Direct SQL on the catalog and basket tables, for the database tests to make their own rows and to check
// what the code under test committed (on a connection of their own).

#include <soci/soci.h>

#include <string>

#include "model/types.hpp"

namespace shop::test {

model::Id insert_product(soci::session& sql, const std::string& name, model::Won price, long long stock);
/// The product's stock; throws when there is no such product.
long long stock_of(soci::session& sql, model::Id product_id);
/// An id no product has.
model::Id missing_product_id(soci::session& sql);
/// The quantity of the user's basket line for the product; 0 when there is none.
long long basket_quantity(soci::session& sql, model::Id user_id, model::Id product_id);
long long basket_line_count(soci::session& sql, model::Id user_id);

}  // namespace shop::test
