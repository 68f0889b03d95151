#pragma once

#include "model/db/row.hpp"
#include "model/idempotency/idempotency_repository.hpp"

namespace shop::model {

/// The row of idempotency/lock_and_find: whether the key's lock was taken, and the kept answer (fingerprint,
/// status, body: NULL for an unused key).
inline void read_row(const soci::values& row, IdempotencyRepository::Claim& claim) {
  claim.locked = row.get<int>("locked") != 0;
  claim.fingerprint = optional_column<std::string>(row, "fingerprint");
  claim.answer.reset();
  if (claim.fingerprint) claim.answer = KeptAnswer{row.get<int>("status"), row.get<std::string>("body")};
}

}  // namespace shop::model
