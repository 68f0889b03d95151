#pragma once

// Boost.Test checks of the order and payment bodies of API.md (header only, like checks.hpp).

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "model/types.hpp"
#include "tests/support/json.hpp"
#include "tests/support/order_api.hpp"

namespace shop::test {

struct ExpectedLine {
  model::Id product_id;
  std::string name;
  model::Won unit_price;
  long long quantity;
};

/// An order body: orderId, userId, status, totalAmount, items (by productId: productId, name, unitPrice,
/// quantity, amount), createdAt, expiresAt (= createdAt + the pool's TTL), and paidAt exactly when PAID.
/// Returns the orderId.
inline model::Id check_order(const rapidjson::Value& order, model::Id user_id, const std::string& status,
                             const std::vector<ExpectedLine>& lines) {
  const bool paid = status == "PAID";
  BOOST_TEST(order.MemberCount() == (paid ? 8u : 7u));
  const model::Id order_id = json_int(order, "orderId");
  BOOST_TEST(order_id > 0);
  BOOST_TEST(json_int(order, "userId") == user_id);
  BOOST_TEST(json_string(order, "status") == status);
  const auto& items = json_array(order, "items");
  BOOST_TEST_REQUIRE(items.Size() == lines.size());
  model::Won total = 0;
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    const ExpectedLine& line = lines[i];
    BOOST_TEST_CONTEXT("line " << i) {
      BOOST_TEST(items[i].MemberCount() == 5u);
      BOOST_TEST(json_int(items[i], "productId") == line.product_id);
      BOOST_TEST(json_string(items[i], "name") == line.name);
      BOOST_TEST(json_int(items[i], "unitPrice") == line.unit_price);
      BOOST_TEST(json_int(items[i], "quantity") == line.quantity);
      BOOST_TEST(json_int(items[i], "amount") == line.unit_price * line.quantity);
    }
    total += line.unit_price * line.quantity;
  }
  BOOST_TEST(json_int(order, "totalAmount") == total);
  const std::string created = json_string(order, "createdAt");
  const std::string expires = json_string(order, "expiresAt");
  BOOST_TEST(created.ends_with("+09:00"), created);
  BOOST_TEST(rfc3339_seconds(expires) - rfc3339_seconds(created) == order_ttl_seconds());
  if (paid) BOOST_TEST(rfc3339_seconds(json_string(order, "paidAt")) >= rfc3339_seconds(created));
  return order_id;
}

}  // namespace shop::test
