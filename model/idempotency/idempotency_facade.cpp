#include "model/idempotency/idempotency_facade.hpp"

#include "model/db/database.hpp"
#include "model/domain_error.hpp"
#include "model/idempotency/idempotency_repository.hpp"

namespace shop::model {
namespace {

/// Thrown through the transaction to roll back the change of an answer that is not a success.
struct Undone {
  KeptAnswer answer;
};

/// Thrown through the transaction when the key's insert finds an answer the claim did not see. The claim's
/// statement reads with a snapshot taken before it gets the key's lock, so a request with the key that
/// commits (and so lets go of the lock) in between is missed there, and this request's work would apply a
/// second time: it is rolled back, and the next claim, reading after that commit, replays that answer.
struct KeptMeanwhile {};

// One more claim sees the other request's answer; a bound all the same.
constexpr int kMaxRuns = 3;

}  // namespace

std::optional<KeptAnswer> IdempotencyFacade::claim(const IdempotentRequest& request) {
  const auto found = keys_.lock_and_find(request);
  if (!found.locked) throw DomainError(ErrorCode::kIdempotencyKeyInUse);
  if (!found.answer) return std::nullopt;
  if (found.fingerprint != request.fingerprint) throw DomainError(ErrorCode::kIdempotencyKeyReused);
  return found.answer;
}

IdempotentResult IdempotencyFacade::run(const IdempotentRequest& request, FunctionRef<KeptAnswer()> work) {
  for (int attempt = 1;; ++attempt) {
    try {
      return run_once(request, work);
    } catch (const KeptMeanwhile&) {
      if (attempt == kMaxRuns) throw DomainError(ErrorCode::kIdempotencyKeyInUse);
    }
  }
}

IdempotentResult IdempotencyFacade::run_once(const IdempotentRequest& request, FunctionRef<KeptAnswer()> work) {
  try {
    return db_.transact([&]() -> IdempotentResult {
      if (auto kept = claim(request)) return {*std::move(kept), true};
      KeptAnswer answer = work();
      if (answer.status >= 300) throw Undone{std::move(answer)};
      if (!keys_.insert(request, answer)) throw KeptMeanwhile{};
      return {std::move(answer), false};
    });
  } catch (Undone& undone) {
    if (undone.answer.status >= 500) return {std::move(undone.answer), false};
    // The 4xx changed nothing and is kept now, under the key's lock again. A request with the key that got in
    // between the two transactions wins: its answer is the key's. While that one still runs, this one is
    // IDEMPOTENCY_KEY_IN_USE as well: its 4xx may never be the key's answer, and a retry gets the one that is.
    return db_.transact([&]() -> IdempotentResult {
      if (auto kept = claim(request)) return {*std::move(kept), true};
      if (!keys_.insert(request, undone.answer)) throw KeptMeanwhile{};
      return {undone.answer, false};
    });
  }
}

long long IdempotencyFacade::delete_expired(int batch) {
  return db_.autocommit([&] { return keys_.delete_expired(batch); });
}

}  // namespace shop::model
