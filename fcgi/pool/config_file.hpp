#pragma once

#include <map>
#include <string>
#include <string_view>

namespace shop::fcgi {

/// One `key = value` line of a configuration file.
struct ConfigEntry {
  std::string value;
  int line = 0;
};

/// A configuration file in the shape of a php-fpm pool file: `key = value` lines, whole-line comments starting
/// with `;` or `#`, blank lines. A value may be wrapped in double quotes (kept inside: spaces at its ends).
/// Keys are the pool's SHOP_* variables without the prefix, in lower case (`workers` is SHOP_WORKERS): see
/// key_of and variable_of, the one mapping between the two. Which keys exist is decided by what the pool
/// reads (SettingSource), not here.
class ConfigFile {
 public:
  /// Reads and parses `path`; throws std::invalid_argument "PATH:LINE: ..." for a malformed or repeated line,
  /// "cannot read PATH: ..." when it cannot be opened.
  static ConfigFile read(const std::string& path);

  const std::string& path() const noexcept { return path_; }
  const std::map<std::string, ConfigEntry>& entries() const noexcept { return entries_; }
  /// The entry of `key`; nullptr when the file has none.
  const ConfigEntry* find(std::string_view key) const;

 private:
  std::string path_;
  std::map<std::string, ConfigEntry> entries_;
};

/// SHOP_WORKERS -> workers: the configuration file's key of an environment variable.
std::string key_of(std::string_view variable);
/// workers -> SHOP_WORKERS.
std::string variable_of(std::string_view key);

}  // namespace shop::fcgi
