#pragma once

#include <string>
#include <string_view>

namespace shop::model {

/// SHA-256 of `data`, as 64 lower-case hex digits (libsodium).
std::string sha256_hex(std::string_view data);

/// libsodium's one-time initialisation; every user of libsodium in the model calls it first.
void ensure_sodium();

}  // namespace shop::model
