#include "model/product/catalog_reads.hpp"

#include <soci/soci.h>

#include <string>

#include "model/db/replica_lag.hpp"
#include "model/domain_error.hpp"
#include "model/product/product_repository.hpp"
#include "model/product/product_service.hpp"
#include "model/ranking/sales_repository.hpp"

namespace shop::model {
namespace {

// The primary's deadlines, but a shorter wait to connect: the primary answers the catalog when the standby
// does not, so a dead standby host should cost little.
DatabaseDeadlines read_deadlines(const Settings& settings) {
  DatabaseDeadlines deadlines = database_deadlines(settings);
  deadlines.connect_timeout = std::chrono::seconds(1);
  return deadlines;
}

}  // namespace

/// The read side's own connection and statements (prepared statements belong to one connection).
struct CatalogReads::Standby {
  explicit Standby(const Settings& settings)
      : db(settings.database_read_url, settings.timezone, read_deadlines(settings)),
        preparing(db.bounded()),
        product_repository(db.sql()),
        sales_repository(db.sql()),
        lag(db.sql()),
        products(product_repository, sales_repository) {
    preparing.reset();
  }

  Database db;
  std::optional<ClientDeadline::Armed> preparing;
  ProductRepository product_repository;
  SalesRepository sales_repository;
  ReplicaLagProbe lag;
  ProductService products;
};

CatalogReads::CatalogReads(Database& primary, ProductService& primary_products, const Settings& settings,
                           Notices notices)
    : primary_(primary),
      primary_products_(primary_products),
      settings_(settings),
      health_(std::chrono::milliseconds(settings.database_read_max_lag_ms)),
      notices_(std::move(notices)) {}

CatalogReads::~CatalogReads() = default;

bool CatalogReads::on_standby(FunctionRef<void(ProductService&)> work) {
  if (settings_.database_read_url.empty() || primary_.in_transaction()) return false;
  Standby* standby = fit_standby();
  if (standby == nullptr) return false;
  try {
    standby->db.autocommit([&] { work(standby->products); });
    return true;
  } catch (const DatabaseError& e) {
    standby_failed(std::string("a read failed: ") + e.what());
  } catch (const DomainError&) {
    // Not there (yet): a product created a moment ago may not have been replayed. The primary decides.
  }
  return false;
}

CatalogReads::Standby* CatalogReads::fit_standby() {
  const auto now = ReplicaHealth::Clock::now();
  if (!health_.may_try(now)) return nullptr;
  try {
    // Probed (a poll(), no round trip) only when its lag is due, as often as that: a connection the standby
    // closed meanwhile fails one read, which the primary answers.
    const bool due = health_.lag_check_due(now);
    if (standby_ && due && standby_->db.connection_lost()) standby_.reset();
    if (!standby_) standby_ = std::make_unique<Standby>(settings_);
    if (due) {
      const auto lag = standby_->db.autocommit([&] { return standby_->lag.measure(); });
      health_.lag_seen(lag, now);
      const bool usable = health_.usable(now);
      announce(usable, "replay " + std::to_string(lag.count()) + " ms behind, " + (usable ? "within" : "over") +
                           " SHOP_DATABASE_READ_MAX_LAG_MS " + std::to_string(settings_.database_read_max_lag_ms));
    }
  } catch (const DatabaseError& e) {
    standby_failed(std::string("cannot use it: ") + e.what());
    return nullptr;
  } catch (const soci::soci_error& e) {
    // Connected, but preparing a statement failed (the server went away, or the schema is not there).
    standby_failed(std::string("cannot prepare its statements: ") + e.what());
    return nullptr;
  }
  return health_.usable(now) ? standby_.get() : nullptr;
}

void CatalogReads::standby_failed(std::string_view what) {
  standby_.reset();
  health_.failed(ReplicaHealth::Clock::now());
  announce(false, what);
}

void CatalogReads::announce(bool serving, std::string_view why) {
  const StandbyUse use = serving ? StandbyUse::kServing : StandbyUse::kLeftAside;
  if (use_ == use) return;
  use_ = use;
  if (!notices_) return;
  const std::string message = serving ? "read standby in use for catalog reads: " + std::string(why)
                                      : "read standby left aside, catalog reads go to the primary: " + std::string(why);
  notices_(serving ? NoticeLevel::kInfo : NoticeLevel::kTrouble, message);
}

}  // namespace shop::model
