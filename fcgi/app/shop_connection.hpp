#pragma once

#include <chrono>
#include <memory>

#include "model/settings.hpp"
#include "model/shop.hpp"

namespace shop::fcgi {

/// A worker's one connection to the model, opened on first use (after fork) and dropped when it breaks,
/// so that the next request reconnects by itself once PostgreSQL is back.
class ShopConnection {
 public:
  explicit ShopConnection(model::Settings settings) : settings_(std::move(settings)) {}

  /// The connected model; throws model::DatabaseUnavailable when the database cannot be reached.
  model::Shop& get();
  /// True when a connection exists and libpq has seen it break.
  bool lost();
  void drop() noexcept { shop_.reset(); }
  /// Where the catalog's reads go (kNone while not connected).
  model::StandbyUse standby_use() const noexcept { return shop_ ? shop_->catalog_standby() : model::StandbyUse::kNone; }

 private:
  model::Settings settings_;
  std::unique_ptr<model::Shop> shop_;
  std::chrono::steady_clock::time_point last_use_{};
};

}  // namespace shop::fcgi
