#include "model/idempotency/idempotency_repository.hpp"

#include "model/idempotency/idempotency_claim_row.hpp"
#include "sql/queries.hpp"

namespace shop::model {

IdempotencyRepository::IdempotencyRepository(soci::session& sql)
    : lock_and_find_((sql.prepare << sql::kIdempotencyLockAndFind, soci::use(owner_, "owner"), soci::use(key_, "key"),
                      soci::use(ttl_seconds_, "ttl_seconds"), soci::into(claim_))),
      insert_((sql.prepare << sql::kIdempotencyInsert, soci::use(owner_, "owner"), soci::use(key_, "key"),
               soci::use(fingerprint_, "fingerprint"), soci::use(status_, "status"), soci::use(body_, "body"),
               soci::use(ttl_seconds_, "ttl_seconds"))),
      delete_expired_((sql.prepare << sql::kIdempotencyDeleteExpired, soci::use(ttl_seconds_, "ttl_seconds"),
                       soci::use(batch_, "batch"))) {}

IdempotencyRepository::Claim IdempotencyRepository::lock_and_find(const IdempotentRequest& request) {
  owner_ = request.owner;
  key_ = request.key;
  lock_and_find_.execute(true);
  return claim_;
}

bool IdempotencyRepository::insert(const IdempotentRequest& request, const KeptAnswer& answer) {
  owner_ = request.owner;
  key_ = request.key;
  fingerprint_ = request.fingerprint;
  status_ = answer.status;
  body_ = answer.body;
  insert_.execute(true);
  return insert_.get_affected_rows() == 1;
}

long long IdempotencyRepository::delete_expired(int batch) {
  batch_ = batch;
  delete_expired_.execute(true);
  return delete_expired_.get_affected_rows();
}

}  // namespace shop::model
