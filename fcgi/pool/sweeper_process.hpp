#pragma once

#include "model/settings.hpp"

namespace shop::fcgi {

/// The body of the pool's sweeper process: every second, expires the PENDING orders past their deadline
/// and gives their stock back, without any request touching them, and deletes idempotency keys past their
/// 24 hours and expired or revoked sessions in small batches. Several pools on one database share the work
/// (SKIP LOCKED). Reconnects by itself when the database goes away. Returns the exit code.
int run_sweeper_process(const model::Settings& settings);

}  // namespace shop::fcgi
