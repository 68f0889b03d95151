#include "model/ranking/sales_repository.hpp"

#include "model/ranking/ranked_product_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

SalesRepository::SalesRepository(soci::session& sql)
    : top_((sql.prepare << sql::kRankingTop, soci::use(days_, "days"), soci::use(limit_, "limit"), soci::into(row_))) {}

std::vector<RankedProduct> SalesRepository::top(int days, int limit) {
  days_ = days;
  limit_ = limit;
  std::vector<RankedProduct> ranking = fetch_all(top_, row_);
  for (std::size_t i = 0; i < ranking.size(); ++i) ranking[i].rank = static_cast<int>(i) + 1;
  return ranking;
}

}  // namespace shop::model
