#include "fcgi/pool/test_hooks.hpp"

#include <ctime>
#include <string>

#include "fcgi/http/strict_integer.hpp"
#include "fcgi/log.hpp"

namespace shop::fcgi {

#ifdef SHOP_TEST_HOOKS
void run_test_hooks(const char* sleep_ms_header, std::string_view request_id) noexcept {
  if (sleep_ms_header == nullptr) return;
  const auto millis = parse_strict_integer(sleep_ms_header);
  if (!millis || *millis < 0 || *millis > 600'000) return;
  try {
    // Tests wait for this line to know that the request is in a worker's hands: written now, not with the
    // request's own line (INFO lines wait in a buffer until the worker is idle).
    log_info(request_id, "test hook: sleeping " + std::to_string(*millis) + " ms");
    flush_log();
  } catch (...) {
  }
  timespec left{static_cast<time_t>(*millis / 1000), static_cast<long>(*millis % 1000) * 1'000'000};
  while (::nanosleep(&left, &left) != 0) {
  }
}
#else
void run_test_hooks(const char*, std::string_view) noexcept {}
#endif

}  // namespace shop::fcgi
