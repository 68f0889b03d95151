// One order paid by 20 requests at once, each from its own process: exactly one is 201,
// the others 409 ORDER_NOT_PAYABLE; the balance is taken once, with one PAYMENT ledger line and one payment.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "tests/support/catalog_api.hpp"
#include "tests/support/env.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_api.hpp"
#include "tests/support/order_checks.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/processes.hpp"
#include "tests/support/shop_api.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using namespace shop::test;

namespace {

constexpr int kPayers = 20;

struct Outcome {
  std::atomic<long> status;
  std::atomic<bool> not_payable;
};

}  // namespace

BOOST_AUTO_TEST_CASE(one_order_paid_by_twenty_requests_at_once_is_paid_exactly_once) {
  ShopApi api;
  const model::Id product = create_product(api.http(), unique_name("once"), 3000, 10);
  const UserCredentials buyer = create_funded_user(api.http(), unique_name("eager"), 10'000);
  const model::Id order_id = place_order_id(api.http(), buyer, {{product, 1}});
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<Outcome> outcomes(kPayers);
  const auto codes = run_processes(kPayers, std::chrono::seconds(60), [&](int index) {
    HttpClient http(base);
    const auto response = pay_order(http, order_id, buyer);
    outcomes[static_cast<std::size_t>(index)].status = response.status;
    outcomes[static_cast<std::size_t>(index)].not_payable = error_code_of(response.body) == "ORDER_NOT_PAYABLE";
    return 0;
  });

  int paid = 0;
  int refused = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    BOOST_TEST(codes[i] == 0);
    if (outcomes[i].status.load() == 201) ++paid;
    if (outcomes[i].status.load() == 409 && outcomes[i].not_payable.load()) ++refused;
  }
  BOOST_TEST(paid == 1);
  BOOST_TEST(refused == kPayers - 1);
  BOOST_TEST(api.balance(buyer) == 7000);
  BOOST_TEST(order_status(api.http(), order_id, buyer) == "PAID");
  TestDatabase db;
  BOOST_TEST(payment_ledger_lines(db.sql(), order_id) == 1);
  BOOST_TEST(payment_rows(db.sql(), order_id) == 1);
  BOOST_TEST(outbox_events_of(db.sql(), order_id) == 1);
  BOOST_TEST(db.ledger_sum(buyer.id) == 7000);
}
