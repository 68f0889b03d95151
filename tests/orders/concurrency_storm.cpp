// A mixed storm of orders, payments, cancels and charges by several processes at once
// over a few users and products; processes of the same user also pay each other's newest orders, so that
// payments of one order race. Afterwards, for each user: balance = start + charges - payments = the sum of
// its ledger (and of its payments); for each product: stock never below 0 and stock + units held by PENDING
// and PAID orders = start; each order paid at most once, each PAID order with one payment, one ledger line and
// one ORDER_PAID outbox event, and nothing of a payment for an order that is not PAID.
// No answer is a 5xx or anything the contract does not list for the call.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <random>
#include <string>

#include "tests/support/catalog_api.hpp"
#include "tests/support/catalog_rows.hpp"
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

constexpr int kProcesses = 12;
constexpr int kStepsPerProcess = 40;
constexpr std::size_t kUsers = 3;
constexpr std::size_t kProducts = 3;
constexpr model::Won kStartBalance = 60'000;
constexpr long long kStartStock = 120;
constexpr model::Won kPrices[kProducts] = {300, 700, 1100};

struct UserTotals {
  std::atomic<long long> charged;
  std::atomic<long long> paid;
};

struct Counters {
  std::atomic<long> placed;
  std::atomic<long> payments;
  std::atomic<long> cancels;
  std::atomic<long> charges;
  std::atomic<long> unexpected;
};

bool is_one_of(const std::string& code, std::initializer_list<const char*> codes) {
  for (const char* c : codes) {
    if (code == c) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_storm_of_orders_payments_cancels_and_charges_keeps_every_won_and_unit) {
  ShopApi api;
  std::vector<UserCredentials> users;
  for (std::size_t i = 0; i < kUsers; ++i) {
    users.push_back(create_funded_user(api.http(), unique_name("storm"), kStartBalance));
  }
  std::vector<model::Id> products;
  for (std::size_t i = 0; i < kProducts; ++i) {
    products.push_back(create_product(api.http(), unique_name("storm"), kPrices[i], kStartStock));
  }
  const std::string base = require_env("SHOP_TEST_BASE_URL");

  SharedArray<UserTotals> totals(kUsers);
  SharedArray<Counters> counters(1);
  // Each process's newest placed order, for the other processes of its user to pay too.
  SharedArray<std::atomic<long long>> newest(kProcesses);
  const auto codes = run_processes(kProcesses, std::chrono::seconds(90), [&](int index) {
    HttpClient http(base);
    std::mt19937 random(static_cast<unsigned>(index) * 7919u + 17u);
    auto pick = [&](unsigned n) { return static_cast<unsigned>(random() % n); };  // 0..n-1
    const std::size_t u = static_cast<std::size_t>(index) % kUsers;
    const UserCredentials& user = users[u];
    std::vector<model::Id> pending;  // this process's orders, oldest first
    auto unexpected = [&](const std::string& what, const HttpResponse& response) {
      ++counters[0].unexpected;
      std::fprintf(stderr, "child %d: unexpected answer to %s: %ld %s\n", index, what.c_str(), response.status,
                   response.body.c_str());
    };
    for (int step = 0; step < kStepsPerProcess; ++step) {
      const unsigned roll = pick(100);
      if (roll < 40 || pending.empty()) {
        std::vector<LineRequest> lines;
        const unsigned count = 1 + pick(3);
        for (unsigned i = 0; i < count; ++i) lines.push_back({products[pick(kProducts)], 1 + pick(3)});
        const auto response = place_order(http, user, lines);
        if (response.status == 201) {
          ++counters[0].placed;
          pending.push_back(json_int(parse_json(response.body), "orderId"));
          newest[static_cast<std::size_t>(index)] = pending.back();
        } else if (response.status != 409 ||
                   !is_one_of(error_code_of(response.body), {"OUT_OF_STOCK", "INSUFFICIENT_BALANCE"})) {
          unexpected("order", response);
        }
      } else if (roll < 70) {
        model::Id order_id = 0;
        // A third of the payments is of the newest order of another process of the same user, which that
        // process may be paying or cancelling at the same moment.
        const auto other =
            static_cast<std::size_t>((index + static_cast<int>(kUsers) * (1 + static_cast<int>(pick(3)))) % kProcesses);
        if (roll < 50 && newest[other].load() != 0) {
          order_id = newest[other].load();
        } else {
          order_id = pending.front();
          pending.erase(pending.begin());
        }
        const auto response = pay_order(http, order_id, user);
        if (response.status == 201) {
          ++counters[0].payments;
          totals[u].paid += json_int(parse_json(response.body), "amount");
        } else if (response.status != 409 ||
                   !is_one_of(error_code_of(response.body), {"ORDER_NOT_PAYABLE", "INSUFFICIENT_BALANCE"})) {
          unexpected("payment", response);
        }
      } else if (roll < 85) {
        const model::Id order_id = pending.back();
        pending.pop_back();
        const auto response = cancel_order(http, order_id, user);
        if (response.status == 200) {
          ++counters[0].cancels;
        } else if (response.status != 409 || error_code_of(response.body) != "ORDER_NOT_CANCELLABLE") {
          unexpected("cancel", response);
        }
      } else {
        const model::Won amount = 1 + pick(5000);
        const auto response = charge(http, user, amount);
        if (response.status == 200) {
          ++counters[0].charges;
          totals[u].charged += amount;
        } else {
          unexpected("charge", response);
        }
      }
    }
    return 0;
  });

  for (std::size_t i = 0; i < codes.size(); ++i) BOOST_TEST(codes[i] == 0);
  BOOST_TEST(counters[0].unexpected.load() == 0);
  // The storm did happen: each kind of change went through at least once.
  BOOST_TEST(counters[0].placed.load() > 0);
  BOOST_TEST(counters[0].payments.load() > 0);
  BOOST_TEST(counters[0].cancels.load() > 0);
  BOOST_TEST(counters[0].charges.load() > 0);

  TestDatabase db;
  for (std::size_t u = 0; u < kUsers; ++u) {
    BOOST_TEST_CONTEXT("user " << users[u].id) {
      const model::Won expected = kStartBalance + totals[u].charged.load() - totals[u].paid.load();
      BOOST_TEST(api.balance(users[u]) == expected);
      BOOST_TEST(db.ledger_sum(users[u].id) == expected);
      model::Won payments = 0;
      db.sql() << "SELECT coalesce(sum(amount), 0)::bigint FROM payments WHERE user_id = :id", soci::use(users[u].id),
          soci::into(payments);
      BOOST_TEST(payments == totals[u].paid.load());
    }
  }
  for (std::size_t p = 0; p < kProducts; ++p) {
    BOOST_TEST_CONTEXT("product " << products[p]) {
      BOOST_TEST(stock_and_held_units(db.sql(), products[p]) == kStartStock);
      BOOST_TEST(test::stock_of(db.sql(), products[p]) >= 0);
    }
  }
  // Per order of the storm's users: payments, PAYMENT ledger lines and ORDER_PAID events are 1 each for a
  // PAID order and 0 for any other; counted as orders that break this.
  std::string user_ids = "{";
  for (const auto& user : users) {
    if (user_ids.size() > 1) user_ids += ',';
    user_ids += std::to_string(user.id);
  }
  user_ids += "}";
  long long broken = -1;
  long long paid_orders = -1;
  db.sql() << "WITH storm AS ("
              "  SELECT CASE WHEN o.status = 'PAID' THEN 1 ELSE 0 END AS expected,"
              "    (SELECT count(*) FROM payments p WHERE p.order_id = o.id) AS payments,"
              "    (SELECT count(*) FROM balance_ledger l WHERE l.order_id = o.id AND l.type = 'PAYMENT') AS ledger,"
              "    (SELECT count(*) FROM outbox_events e"
              "     WHERE e.type = 'ORDER_PAID' AND (e.payload -> 'order' ->> 'orderId')::bigint = o.id) AS events"
              "  FROM orders o WHERE o.user_id = ANY(:ids::bigint[])) "
              "SELECT count(*) FILTER (WHERE payments <> expected OR ledger <> expected OR events <> expected),"
              "       count(*) FILTER (WHERE expected = 1) FROM storm",
      soci::use(user_ids, "ids"), soci::into(broken), soci::into(paid_orders);
  BOOST_TEST(broken == 0);
  BOOST_TEST(paid_orders == counters[0].payments.load());
}
