#pragma once

#include <optional>

#include "model/db/function_ref.hpp"
#include "model/idempotency/idempotent_request.hpp"

namespace shop::model {

class Database;
class IdempotencyRepository;

/// Exactly once for a retried request (API.md "Retrying safely"): the first request with a key runs inside
/// one transaction with the key's row, so that the change and the kept answer commit together or not at all.
class IdempotencyFacade {
 public:
  IdempotencyFacade(Database& db, IdempotencyRepository& keys) : db_(db), keys_(keys) {}

  /// Runs `work` (a whole use case and its answer) once per key: a key already used gets its kept answer
  /// (replayed); another request under the same key is IDEMPOTENCY_KEY_REUSED; a key whose first request
  /// still runs is IDEMPOTENCY_KEY_IN_USE, at once. A 4xx answer of `work` is rolled back and then kept; a
  /// 5xx answer or an exception is rolled back and not kept.
  IdempotentResult run(const IdempotentRequest& request, FunctionRef<KeptAnswer()> work);

  /// Deletes up to `batch` keys past their 24 hours; how many it deleted.
  long long delete_expired(int batch);

 private:
  /// The kept answer of the key, under its lock; nullopt when the key is unused.
  std::optional<KeptAnswer> claim(const IdempotentRequest& request);
  /// One try of run(); throws KeptMeanwhile (rolled back) when another request kept an answer under the key
  /// that the claim could not see yet.
  IdempotentResult run_once(const IdempotentRequest& request, FunctionRef<KeptAnswer()> work);

  Database& db_;
  IdempotencyRepository& keys_;
};

}  // namespace shop::model
