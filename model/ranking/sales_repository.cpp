#include "model/ranking/sales_repository.hpp"

namespace shop::model {
namespace {

// current_date is the date in the session's TimeZone. Rows are upserted in product order so that two
// payments never wait on each other's rows in opposite orders.
constexpr const char* kRecord = R"SQL(
INSERT INTO product_daily_sales AS s (sales_date, product_id, quantity)
SELECT current_date, product_id, quantity FROM order_items WHERE order_id = :order_id::bigint ORDER BY product_id
ON CONFLICT (sales_date, product_id) DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity)SQL";

constexpr const char* kTop = R"SQL(
SELECT s.product_id, p.name, p.price, p.stock, s.sold
FROM (SELECT product_id, sum(quantity)::bigint AS sold
      FROM product_daily_sales
      WHERE sales_date > current_date - :days::integer
      GROUP BY product_id) s
JOIN products p ON p.id = s.product_id
ORDER BY s.sold DESC, s.product_id
LIMIT :limit::integer)SQL";

}  // namespace

SalesRepository::SalesRepository(soci::session& sql)
    : record_((sql.prepare << kRecord, soci::use(order_id_, "order_id"))),
      top_((sql.prepare << kTop, soci::use(days_, "days"), soci::use(limit_, "limit"), soci::into(row_.product_id),
            soci::into(row_.name), soci::into(row_.price), soci::into(row_.stock), soci::into(row_.sold_quantity))) {}

void SalesRepository::record(Id order_id) {
  order_id_ = order_id;
  record_.execute(true);
}

std::vector<RankedProduct> SalesRepository::top(int days, int limit) {
  days_ = days;
  limit_ = limit;
  std::vector<RankedProduct> ranking;
  top_.execute();
  while (top_.fetch()) {
    row_.rank = static_cast<int>(ranking.size()) + 1;
    ranking.push_back(row_);
  }
  return ranking;
}

}  // namespace shop::model
