#pragma once

#include "model/settings.hpp"

namespace shop::fcgi {

/// The body of the pool's relay process: delivers the outbox's events to SHOP_DATA_PLATFORM_URL. Wakes on the
/// payment transactions' NOTIFY and also polls, so a missed notification only delays. Reconnects by itself.
/// Returns the exit code.
int run_relay_process(const model::Settings& settings);

}  // namespace shop::fcgi
