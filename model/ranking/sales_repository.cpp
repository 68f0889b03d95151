#include "model/ranking/sales_repository.hpp"

#include "model/ranking/ranked_product_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

SalesRepository::SalesRepository(soci::session& sql)
    : record_((sql.prepare << sql::kRankingRecord, soci::use(order_id_, "order_id"))),
      top_((sql.prepare << sql::kRankingTop, soci::use(days_, "days"), soci::use(limit_, "limit"), soci::into(row_))) {}

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
