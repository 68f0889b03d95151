#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shop::model {

/// The most bytes of error text stored with an event: enough for a status line and the start of an answer.
inline constexpr std::size_t kMaxErrorTextBytes = 256;

/// `raw` (an HTTP answer's bytes, a library's message) as text PostgreSQL and a log line accept: valid UTF-8
/// (each byte that does not begin a valid character becomes U+FFFD), control characters and the backslash
/// escaped (`\n`, `\r`, `\t`, `\\`, others `\u00XX`), at most `max_bytes` bytes, cut before a character or an
/// escape that would not fit whole.
std::string clean_error_text(std::string_view raw, std::size_t max_bytes = kMaxErrorTextBytes);

}  // namespace shop::model
