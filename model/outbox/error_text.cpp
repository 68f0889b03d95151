#include "model/outbox/error_text.hpp"

#include <array>

namespace shop::model {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// The length of the valid UTF-8 character at the start of `text`, or 0 when it does not start with one
/// (a stray continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, a cut sequence).
std::size_t valid_char_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;  // the range of the second byte, narrower after some leads (RFC 3629)
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

/// The escape of a control character (C0, DEL, or C1 given as its code point), or of the backslash.
std::string escape(unsigned code_point) {
  switch (code_point) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\\':
      return "\\\\";
    default: {
      constexpr std::array<char, 16> kHex{'0', '1', '2', '3', '4', '5', '6', '7',
                                          '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
      return std::string("\\u00") + kHex[(code_point >> 4) & 0xF] + kHex[code_point & 0xF];
    }
  }
}

}  // namespace

std::string clean_error_text(std::string_view raw, std::size_t max_bytes) {
  std::string clean;
  std::size_t at = 0;
  while (at < raw.size()) {
    const std::string_view rest = raw.substr(at);
    const std::size_t length = valid_char_length(rest);
    std::string piece;
    if (length == 0) {
      piece = kReplacement;
      at += 1;
    } else {
      const auto lead = static_cast<unsigned char>(rest[0]);
      if (lead < 0x20 || lead == 0x7F || lead == '\\') {
        piece = escape(lead);
      } else if (lead == 0xC2 && static_cast<unsigned char>(rest[1]) < 0xA0) {
        piece = escape(static_cast<unsigned char>(rest[1]));  // C1 controls, U+0080..U+009F
      } else {
        piece = rest.substr(0, length);
      }
      at += length;
    }
    if (clean.size() + piece.size() > max_bytes) break;
    clean += piece;
  }
  return clean;
}

}  // namespace shop::model
