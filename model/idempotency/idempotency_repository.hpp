#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "model/idempotency/idempotent_request.hpp"

namespace shop::model {

/// The SQL of idempotency keys, prepared once per connection.
class IdempotencyRepository {
 public:
  explicit IdempotencyRepository(soci::session& sql);
  IdempotencyRepository(const IdempotencyRepository&) = delete;
  IdempotencyRepository& operator=(const IdempotencyRepository&) = delete;

  /// What the key holds, under its transaction lock.
  struct Claim {
    bool locked = false;  ///< false: another transaction holds the key (its request still runs)
    std::optional<std::string> fingerprint;
    std::optional<KeptAnswer> answer;  ///< the kept answer, if the key was used within its time
  };
  /// Takes the key's transaction lock without waiting and reads what it holds; inside a transaction.
  Claim lock_and_find(const IdempotentRequest& request);
  /// Keeps the answer of the key's first request; under the key's lock. False when the key already holds an
  /// answer within its time, kept by a request that committed after lock_and_find's snapshot was taken.
  bool insert(const IdempotentRequest& request, const KeptAnswer& answer);
  /// Deletes up to `batch` keys past their time; how many it deleted.
  long long delete_expired(int batch);

 private:
  std::string owner_;
  std::string key_;
  std::string fingerprint_;
  int status_ = 0;
  std::string body_;
  int ttl_seconds_ = kIdempotencyKeyTtlSeconds;
  int batch_ = 0;
  Claim claim_;
  soci::statement lock_and_find_;
  soci::statement insert_;
  soci::statement delete_expired_;
};

}  // namespace shop::model
