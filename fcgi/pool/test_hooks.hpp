#pragma once

#include <string_view>

namespace shop::fcgi {

/// Ways for the tests to make a worker misbehave on purpose, compiled in only with -DSHOP_TEST_HOOKS=ON (which
/// scripts/test uses; Release, bench and scripts/up builds leave them out, and this does nothing there).
///
/// `X-Shop-Test-Sleep-Ms: N` on any request: the worker sleeps N ms (at most 10 min) before handling it,
/// whatever signal comes meanwhile (a stop asks a worker to finish its request), like a request stuck on a
/// database that stopped answering. A header rather than a route, so the routing table and the API stay as
/// API.md has them.
void run_test_hooks(const char* sleep_ms_header, std::string_view request_id) noexcept;

/// The FastCGI param that carries the header.
inline constexpr const char* kTestSleepParam = "HTTP_X_SHOP_TEST_SLEEP_MS";

}  // namespace shop::fcgi
