#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

#include "model/db/database.hpp"
#include "model/db/function_ref.hpp"
#include "model/db/replica_health.hpp"
#include "model/notices.hpp"
#include "model/product/standby_use.hpp"
#include "model/settings.hpp"

namespace shop::model {

class ProductService;

/// Where the catalog's reads (a product, the list, the ranking) run: on the read standby of
/// SHOP_DATABASE_READ_URL when there is one and it is fit, else on the primary. Its connection is a second
/// one of the worker, opened on the first read, with statements of its own. A standby that cannot be
/// reached, fails a read or lags more than SHOP_DATABASE_READ_MAX_LAG_MS sends the reads back to the primary
/// (never to an error) and is tried again later (ReplicaHealth); connecting to it waits 1 s at most. Inside a
/// transaction of the primary every read stays there, so that a use case sees its own writes. Each change
/// between the two (and the first choice) goes to `notices`, with its reason.
class CatalogReads {
 public:
  CatalogReads(Database& primary, ProductService& primary_products, const Settings& settings, Notices notices = {});
  ~CatalogReads();
  CatalogReads(const CatalogReads&) = delete;
  CatalogReads& operator=(const CatalogReads&) = delete;

  /// Runs `work(products)` as one autocommit read, on the standby or on the primary.
  template <class Work>
  std::invoke_result_t<Work&, ProductService&> read(Work&& work) {
    using Result = std::invoke_result_t<Work&, ProductService&>;
    std::optional<Result> result;
    if (on_standby([&](ProductService& products) { result.emplace(work(products)); })) return *std::move(result);
    return primary_.autocommit([&] { return work(primary_products_); });
  }

  /// As last announced; kNone before the first choice and without a standby.
  StandbyUse standby_use() const noexcept { return use_; }

 private:
  struct Standby;

  /// Runs `work` on the standby when it may serve; false when it did not (not configured, resting, lagging,
  /// or the read failed there: then the primary answers).
  bool on_standby(FunctionRef<void(ProductService&)> work);
  /// The standby's parts when it may serve now, connecting and checking its lag as due; null otherwise.
  Standby* fit_standby();
  void standby_failed(std::string_view what);
  /// Tells `notices_` when the standby starts or stops serving; nothing while that stays as it was.
  void announce(bool serving, std::string_view why);

  Database& primary_;
  ProductService& primary_products_;
  Settings settings_;
  ReplicaHealth health_;
  std::unique_ptr<Standby> standby_;
  Notices notices_;
  StandbyUse use_ = StandbyUse::kNone;  ///< as last announced
};

}  // namespace shop::model
