// OrderFacade::pay (the seed's 결제) against the real database, in one transaction: the order is the user's
// and PENDING, the balance covers it, the balance is taken with a PAYMENT ledger line naming the order, the
// order becomes PAID with a payment row, today's ranking rows count the units (an upsert), and an
// ORDER_PAID event carrying the whole order is written to the outbox. A refused payment changes nothing.
#include <boost/test/unit_test.hpp>

#include "model/shop.hpp"
#include "model/shop_parts.hpp"
#include "tests/support/catalog_rows.hpp"
#include "tests/support/domain_checks.hpp"
#include "tests/support/json.hpp"
#include "tests/support/names.hpp"
#include "tests/support/order_fixture.hpp"
#include "tests/support/order_rows.hpp"
#include "tests/support/test_database.hpp"

using namespace shop;
using shop::test::check_domain_error;
using shop::test::unique_name;

namespace {

using PayFixture = test::OrderFixture;

struct LedgerLine {
  std::string type;
  model::Won amount = 0;
  model::Won balance_after = 0;
  model::Id order_id = 0;
};

LedgerLine last_ledger_line(test::TestDatabase& db, model::Id user_id) {
  LedgerLine line;
  soci::indicator order_ind = soci::i_null;
  db.sql() << "SELECT type, amount, balance_after, order_id FROM balance_ledger WHERE user_id = :id "
              "ORDER BY id DESC LIMIT 1",
      soci::use(user_id), soci::into(line.type), soci::into(line.amount), soci::into(line.balance_after),
      soci::into(line.order_id, order_ind);
  if (order_ind != soci::i_ok) line.order_id = 0;
  return line;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pay, PayFixture)

BOOST_AUTO_TEST_CASE(pay_takes_the_total_and_returns_the_payment_with_the_balance_after) {
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 3}});
  const model::Payment payment = shop.orders().pay(order.id, buyer);
  BOOST_TEST(payment.id > 0);
  BOOST_TEST(payment.order_id == order.id);
  BOOST_TEST(payment.user_id == buyer);
  BOOST_TEST(payment.amount == 3000);
  BOOST_TEST(payment.balance == 7000);
  BOOST_TEST(payment.paid_at.ends_with("+09:00"), payment.paid_at);
  BOOST_TEST(db.balance(buyer) == 7000);
}

BOOST_AUTO_TEST_CASE(pay_writes_one_payment_ledger_line_naming_the_order) {
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 3}});
  const long long lines_before = db.ledger_count(buyer);
  shop.orders().pay(order.id, buyer);
  BOOST_TEST(db.ledger_count(buyer) == lines_before + 1);
  const LedgerLine line = last_ledger_line(db, buyer);
  BOOST_TEST(line.type == "PAYMENT");
  BOOST_TEST(line.amount == 3000);
  BOOST_TEST(line.balance_after == 7000);
  BOOST_TEST(line.order_id == order.id);
  BOOST_TEST(db.ledger_sum(buyer) == db.balance(buyer));
}

BOOST_AUTO_TEST_CASE(pay_marks_the_order_paid_and_saves_one_payment_row) {
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{product(), 1}});
  const model::Payment payment = shop.orders().pay(order.id, buyer);
  const model::Order paid = shop.orders().get(order.id, buyer);
  BOOST_TEST((paid.status == model::OrderStatus::kPaid));
  BOOST_TEST(paid.paid_at.value_or("") == payment.paid_at);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PAID");
  BOOST_TEST(test::payment_rows(db.sql(), order.id) == 1);
  model::Id payment_id = 0;
  model::Id payment_user = 0;
  model::Won amount = 0;
  db.sql() << "SELECT id, user_id, amount FROM payments WHERE order_id = :id", soci::use(order.id),
      soci::into(payment_id), soci::into(payment_user), soci::into(amount);
  BOOST_TEST(payment_id == payment.id);
  BOOST_TEST(payment_user == buyer);
  BOOST_TEST(amount == 1000);
}

BOOST_AUTO_TEST_CASE(pay_counts_the_units_in_todays_ranking_row_of_each_product_by_upsert) {
  const model::Id a = product(100);
  const model::Id b = product(100);
  const model::Id buyer = user();
  const model::Order first = shop.orders().place(buyer, {{a, 2}, {b, 3}});
  BOOST_TEST(test::sold_today(db.sql(), a) == 0);
  shop.orders().pay(first.id, buyer);
  BOOST_TEST(test::sold_today(db.sql(), a) == 2);
  BOOST_TEST(test::sold_today(db.sql(), b) == 3);
  const model::Order second = shop.orders().place(buyer, {{a, 4}});
  shop.orders().pay(second.id, buyer);
  BOOST_TEST(test::sold_today(db.sql(), a) == 6);
  BOOST_TEST(test::sales_rows(db.sql(), a) == 1);
}

BOOST_AUTO_TEST_CASE(an_unpaid_order_is_not_counted_in_the_ranking) {
  const model::Id a = product(100);
  shop.orders().place(user(), {{a, 2}});
  BOOST_TEST(test::sales_rows(db.sql(), a) == 0);
}

BOOST_AUTO_TEST_CASE(pay_writes_an_order_paid_event_carrying_the_whole_order_to_the_outbox) {
  const std::string name = unique_name("evented");
  const model::Id a = test::insert_product(db.sql(), name, 700, 10);
  const model::Id b = product(50);
  const model::Id buyer = user();
  const model::Order order = shop.orders().place(buyer, {{b, 1}, {a, 2}});
  const model::Payment payment = shop.orders().pay(order.id, buyer);
  BOOST_TEST_REQUIRE(test::outbox_events_of(db.sql(), order.id) == 1);

  std::string event_id;
  std::string type;
  std::string payload_text;
  db.sql() << "SELECT event_id::text, type, payload::text FROM outbox_events "
              "WHERE (payload -> 'order' ->> 'orderId')::bigint = :id",
      soci::use(order.id), soci::into(event_id), soci::into(type), soci::into(payload_text);
  BOOST_TEST(type == "ORDER_PAID");
  const auto payload = test::parse_json(payload_text);
  BOOST_TEST(test::json_string(payload, "eventId") == event_id);
  BOOST_TEST(test::json_string(payload, "type") == "ORDER_PAID");
  BOOST_TEST(test::json_string(payload, "occurredAt").ends_with("+09:00"));
  const auto& event_order = test::json_object(payload, "order");
  BOOST_TEST(test::json_int(event_order, "orderId") == order.id);
  BOOST_TEST(test::json_int(event_order, "userId") == buyer);
  BOOST_TEST(test::json_int(event_order, "paymentId") == payment.id);
  BOOST_TEST(test::json_string(event_order, "status") == "PAID");
  BOOST_TEST(test::json_int(event_order, "totalAmount") == 1450);
  BOOST_TEST(test::json_string(event_order, "createdAt") == order.created_at);
  BOOST_TEST(test::json_string(event_order, "paidAt") == payment.paid_at);
  const auto& items = test::json_array(event_order, "items");
  BOOST_TEST_REQUIRE(items.Size() == 2u);
  BOOST_TEST(test::json_int(items[0], "productId") == a);
  BOOST_TEST(test::json_string(items[0], "name") == name);
  BOOST_TEST(test::json_int(items[0], "unitPrice") == 700);
  BOOST_TEST(test::json_int(items[0], "quantity") == 2);
  BOOST_TEST(test::json_int(items[0], "amount") == 1400);
  BOOST_TEST(test::json_int(items[1], "productId") == b);
  BOOST_TEST(test::json_int(items[1], "amount") == 50);
}

BOOST_AUTO_TEST_CASE(paying_twice_is_order_not_payable_and_takes_nothing_more) {
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 1}});
  shop.orders().pay(order.id, buyer);
  check_domain_error([&] { shop.orders().pay(order.id, buyer); }, "ORDER_NOT_PAYABLE");
  BOOST_TEST(db.balance(buyer) == 9000);
  BOOST_TEST(test::payment_ledger_lines(db.sql(), order.id) == 1);
  BOOST_TEST(test::payment_rows(db.sql(), order.id) == 1);
  BOOST_TEST(test::outbox_events_of(db.sql(), order.id) == 1);
}

BOOST_AUTO_TEST_CASE(paying_another_users_or_an_unknown_order_is_order_not_found) {
  const model::Id buyer = user(10'000);
  const model::Id other = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 1}});
  check_domain_error([&] { shop.orders().pay(order.id, other); }, "ORDER_NOT_FOUND");
  check_domain_error([&] { shop.orders().pay(order.id, db.missing_user_id()); }, "ORDER_NOT_FOUND");
  check_domain_error([&] { shop.orders().pay(test::missing_order_id(db.sql()), buyer); }, "ORDER_NOT_FOUND");
  BOOST_TEST(db.balance(other) == 10'000);
  BOOST_TEST(db.balance(buyer) == 10'000);
  BOOST_TEST(test::stored_status(db.sql(), order.id) == "PENDING");
}

BOOST_AUTO_TEST_CASE(a_short_balance_is_insufficient_balance_and_the_order_stays_pending_with_nothing_changed) {
  const model::Id a = product(1000);
  const model::Id buyer = user(1000);
  // Each order is covered when placed; after the first payment the second is not.
  const model::Order first = shop.orders().place(buyer, {{a, 1}});
  const model::Order second = shop.orders().place(buyer, {{a, 1}});
  shop.orders().pay(first.id, buyer);
  check_domain_error([&] { shop.orders().pay(second.id, buyer); }, "INSUFFICIENT_BALANCE");
  BOOST_TEST(test::stored_status(db.sql(), second.id) == "PENDING");
  BOOST_TEST((shop.orders().get(second.id, buyer).status == model::OrderStatus::kPending));
  BOOST_TEST(db.balance(buyer) == 0);
  BOOST_TEST(db.ledger_sum(buyer) == 0);
  BOOST_TEST(test::payment_ledger_lines(db.sql(), second.id) == 0);
  BOOST_TEST(test::payment_rows(db.sql(), second.id) == 0);
  BOOST_TEST(test::outbox_events_of(db.sql(), second.id) == 0);
  BOOST_TEST(test::sold_today(db.sql(), a) == 1);
  // Charged again, it can be paid.
  shop.balance().charge(buyer, 1000);
  BOOST_TEST(shop.orders().pay(second.id, buyer).balance == 0);
}

BOOST_AUTO_TEST_CASE(a_cancelled_order_is_not_payable) {
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 1}});
  shop.orders().cancel(order.id, buyer);
  check_domain_error([&] { shop.orders().pay(order.id, buyer); }, "ORDER_NOT_PAYABLE");
  BOOST_TEST(db.balance(buyer) == 10'000);
  BOOST_TEST(test::payment_rows(db.sql(), order.id) == 0);
}

BOOST_AUTO_TEST_CASE(an_order_past_its_deadline_is_not_payable) {
  const model::Id buyer = user(10'000);
  const model::Order order = instant.orders().place(buyer, {{product(1000), 1}});
  check_domain_error([&] { instant.orders().pay(order.id, buyer); }, "ORDER_NOT_PAYABLE");
  BOOST_TEST(db.balance(buyer) == 10'000);
  BOOST_TEST(test::payment_rows(db.sql(), order.id) == 0);
  BOOST_TEST((instant.orders().get(order.id, buyer).status == model::OrderStatus::kExpired));
}

BOOST_AUTO_TEST_CASE(an_order_past_its_deadline_is_refused_even_before_the_sweep_has_reached_it) {
  const model::Id buyer = user(10'000);
  const model::Order order = shop.orders().place(buyer, {{product(1000), 1}});
  // The deadline is moved into the past inside a transaction that is never committed: the pool's sweep
  // cannot see it, so only the payment's own check can refuse the order.
  model::Database own(test::test_settings().database_url, "Asia/Seoul");
  model::OrderRepository orders(own.sql());
  model::PaymentRepository payments(own.sql());
  model::OutboxRepository outbox(own.sql());
  model::OrderService service(orders, payments, outbox, 600);
  soci::transaction tx(own.sql());
  own.sql() << "UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id", soci::use(order.id);
  check_domain_error([&] { service.pay(order.id, buyer, ""); }, "ORDER_NOT_PAYABLE");
  check_domain_error([&] { service.require_cancellable(order.id, buyer); }, "ORDER_NOT_CANCELLABLE");
  BOOST_TEST(test::stored_status(own.sql(), order.id) == "PENDING");
  BOOST_TEST(test::payment_rows(own.sql(), order.id) == 0);
  tx.rollback();
}

BOOST_AUTO_TEST_CASE(a_free_order_is_paid_with_a_ledger_line_of_0) {
  const model::Id buyer = user(0);
  const model::Order order = shop.orders().place(buyer, {{product(0), 2}});
  BOOST_TEST(order.total_amount == 0);
  const model::Payment payment = shop.orders().pay(order.id, buyer);
  BOOST_TEST(payment.amount == 0);
  BOOST_TEST(payment.balance == 0);
  const LedgerLine line = last_ledger_line(db, buyer);
  BOOST_TEST(line.type == "PAYMENT");
  BOOST_TEST(line.amount == 0);
  BOOST_TEST(line.order_id == order.id);
}

BOOST_AUTO_TEST_CASE(the_ranking_day_is_the_day_in_the_shops_time_zone) {
  // A zone whose date differs from UTC's right now: UTC-12 before noon UTC, UTC+14 from 10:00 UTC on.
  int utc_hour = 0;
  db.sql() << "SELECT extract(hour FROM now() AT TIME ZONE 'UTC')::int", soci::into(utc_hour);
  model::Settings settings = test::test_settings();
  settings.timezone = utc_hour < 12 ? "Etc/GMT+12" : "Etc/GMT-14";
  model::Shop elsewhere(settings);

  const model::Id a = product(10);
  const model::Id buyer = user();
  elsewhere.orders().pay(elsewhere.orders().place(buyer, {{a, 1}}).id, buyer);
  std::string sales_date;
  std::string zone_today;
  std::string utc_today;
  db.sql() << "SELECT sales_date::text, (now() AT TIME ZONE :zone)::date::text, (now() AT TIME ZONE 'UTC')::date::text "
              "FROM product_daily_sales WHERE product_id = :id",
      soci::use(settings.timezone), soci::use(a), soci::into(sales_date), soci::into(zone_today), soci::into(utc_today);
  BOOST_TEST(zone_today != utc_today);
  BOOST_TEST(sales_date == zone_today);
}

BOOST_AUTO_TEST_SUITE_END()
