#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fcgi/pool/config_file.hpp"

namespace shop::fcgi {

/// Where a setting's value came from, from the weakest to the strongest.
enum class SettingOrigin { kDefault, kFile, kEnvironment, kCommandLine };

const char* to_string(SettingOrigin origin) noexcept;

/// One setting as the configuration read it: its SHOP_* name, its value, where that came from.
struct SettingRead {
  std::string name;
  std::string value;
  SettingOrigin origin = SettingOrigin::kDefault;
  int line = 0;  ///< in the file, when it came from there
};

/// A value that is not what its setting accepts; `name` is the SHOP_* variable (or the command-line flag).
class BadSetting : public std::invalid_argument {
 public:
  BadSetting(std::string name, const std::string& message) : std::invalid_argument(message), name_(std::move(name)) {}
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

/// Where the pool's settings come from: the environment (a non-empty SHOP_* variable), then the configuration
/// file (its key, see key_of), then the caller's default. Every read is recorded, so that the set of keys a
/// file may hold is exactly the set of variables the configuration asks for: a file key nobody read is an
/// error (check_every_key_read), and a new SHOP_* setting becomes a file key by being read.
class SettingSource {
 public:
  SettingSource() = default;  ///< the environment only
  explicit SettingSource(ConfigFile file);

  /// The value of `name`, recorded. An empty value (variable or key) counts as unset.
  std::string get_or(std::string_view name, std::string fallback);
  /// A command-line flag overrode `name` with `value`.
  void set_from_command_line(std::string_view name, std::string value);

  /// "FILE:LINE: key: " when the value of `name` came from the file, else "" (no value: it may be a secret).
  std::string where(std::string_view name) const;
  /// Throws std::invalid_argument naming the file and line of the first key no read asked for.
  void check_every_key_read() const;

  const std::vector<SettingRead>& reads() const noexcept { return reads_; }
  const std::optional<ConfigFile>& file() const noexcept { return file_; }

 private:
  SettingRead* find_read(std::string_view name);
  const SettingRead* find_read(std::string_view name) const;

  std::optional<ConfigFile> file_;
  std::vector<SettingRead> reads_;
};

}  // namespace shop::fcgi
