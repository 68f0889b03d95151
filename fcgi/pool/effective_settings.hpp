#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fcgi/pool/setting_source.hpp"

namespace shop::fcgi {

/// `value` as it may be shown to an operator: a token, password or secret key fully hidden, a URL's
/// password (postgresql://user:PASSWORD@..., ?password=..., libpq's password=...) hidden inside it.
std::string masked_setting(std::string_view key, std::string_view value);

/// What `shop --test-config` prints: one `key = value` line per setting in the file's syntax (secrets masked),
/// each followed by where its value came from (default, file:LINE, environment SHOP_X, command line).
std::string describe_settings(const std::vector<SettingRead>& reads, const std::string& file);

}  // namespace shop::fcgi
