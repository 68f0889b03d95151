#include "model/db/replica_lag.hpp"

#include "sql/queries.hpp"

namespace shop::model {

ReplicaLagProbe::ReplicaLagProbe(soci::session& sql)
    : query_((sql.prepare << sql::kDbReplicaLag, soci::into(lag_ms_))) {}

std::chrono::milliseconds ReplicaLagProbe::measure() {
  query_.execute(true);
  return std::chrono::milliseconds(lag_ms_);
}

}  // namespace shop::model
