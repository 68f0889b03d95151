#pragma once

#include <string>

namespace shop::test {

/// `piece` written `times` times in a row: names and bodies of an exact length, or nested that deep.
inline std::string repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace shop::test
