#pragma once

#include <soci/soci.h>

#include <vector>

#include "model/ranking/ranked_product.hpp"

namespace shop::model {

/// The ranking table: units sold per product per day, in the session's time zone (SHOP_TIMEZONE).
class SalesRepository {
 public:
  explicit SalesRepository(soci::session& sql);
  SalesRepository(const SalesRepository&) = delete;
  SalesRepository& operator=(const SalesRepository&) = delete;

  /// The best sellers of the last `days` days (today included): most sold first, ties by product id.
  std::vector<RankedProduct> top(int days, int limit);

 private:
  int days_ = 0;
  int limit_ = 0;
  RankedProduct row_;
  soci::statement top_;
};

}  // namespace shop::model
