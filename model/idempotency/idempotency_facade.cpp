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

}  // namespace

std::optional<KeptAnswer> IdempotencyFacade::claim(const IdempotentRequest& request) {
  const auto found = keys_.lock_and_find(request);
  if (!found.locked) throw DomainError(ErrorCode::kIdempotencyKeyInUse);
  if (!found.answer) return std::nullopt;
  if (found.fingerprint != request.fingerprint) throw DomainError(ErrorCode::kIdempotencyKeyReused);
  return found.answer;
}

IdempotentResult IdempotencyFacade::run(const IdempotentRequest& request, FunctionRef<KeptAnswer()> work) {
  try {
    return db_.transact([&]() -> IdempotentResult {
      if (auto kept = claim(request)) return {*std::move(kept), true};
      KeptAnswer answer = work();
      if (answer.status >= 300) throw Undone{std::move(answer)};
      keys_.insert(request, answer);
      return {std::move(answer), false};
    });
  } catch (Undone& undone) {
    if (undone.answer.status >= 500) return {std::move(undone.answer), false};
    // The 4xx changed nothing and is kept now, under the key's lock again. A request with the key that got in
    // between the two transactions wins: its answer is the key's.
    try {
      return db_.transact([&]() -> IdempotentResult {
        if (auto kept = claim(request)) return {*std::move(kept), true};
        keys_.insert(request, undone.answer);
        return {undone.answer, false};
      });
    } catch (const DomainError& e) {
      if (e.code() != ErrorCode::kIdempotencyKeyInUse) throw;
      return {std::move(undone.answer), false};
    }
  }
}

long long IdempotencyFacade::delete_expired(int batch) {
  return db_.autocommit([&] { return keys_.delete_expired(batch); });
}

}  // namespace shop::model
