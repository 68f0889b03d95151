#pragma once

// Direct SQL on the order tables, for tests to check what the code under test committed (on a connection
// of their own). Statuses here are the stored column, not the EXPIRED that reads show past the deadline.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "model/types.hpp"

namespace shop::test {

/// The stored status of the order; throws when there is no such order.
std::string stored_status(soci::session& sql, model::Id order_id);
/// Units of the product held by orders whose stored status is PENDING or PAID.
long long held_units(soci::session& sql, model::Id product_id);
/// The product's stock plus held_units, read in one statement (one snapshot), so that an expiry or a
/// cancel committing meanwhile cannot make the two disagree.
long long stock_and_held_units(soci::session& sql, model::Id product_id);
long long order_count(soci::session& sql, model::Id user_id);
/// Ids of the user's orders, ascending.
std::vector<model::Id> order_ids_of(soci::session& sql, model::Id user_id);
long long payment_rows(soci::session& sql, model::Id order_id);
/// PAYMENT ledger lines naming the order.
long long payment_ledger_lines(soci::session& sql, model::Id order_id);
long long outbox_events_of(soci::session& sql, model::Id order_id);
/// Units of the product in today's ranking row (today in Asia/Seoul); 0 without a row.
long long sold_today(soci::session& sql, model::Id product_id);
/// Ranking rows of the product, all days.
long long sales_rows(soci::session& sql, model::Id product_id);
model::Id missing_order_id(soci::session& sql);
/// Deadlocks PostgreSQL has detected in this database (pg_stat_database; backends report them within a
/// second or so of going idle).
long long deadlocks_detected(soci::session& sql);

}  // namespace shop::test
