#include "fcgi/pool/setting_source.hpp"

#include <algorithm>
#include <cstdlib>

namespace shop::fcgi {

const char* to_string(SettingOrigin origin) noexcept {
  switch (origin) {
    case SettingOrigin::kDefault:
      return "default";
    case SettingOrigin::kFile:
      return "file";
    case SettingOrigin::kEnvironment:
      return "environment";
    case SettingOrigin::kCommandLine:
      return "command line";
  }
  return "?";
}

SettingSource::SettingSource(ConfigFile file) : file_(std::move(file)) {}

std::string SettingSource::get_or(std::string_view name, std::string fallback) {
  SettingRead read{std::string(name), std::move(fallback), SettingOrigin::kDefault, 0};
  const char* value = std::getenv(read.name.c_str());
  if (value != nullptr && *value != '\0') {
    read.value = value;
    read.origin = SettingOrigin::kEnvironment;
  } else if (const ConfigEntry* entry = file_ ? file_->find(key_of(name)) : nullptr;
             entry != nullptr && !entry->value.empty()) {
    read.value = entry->value;
    read.origin = SettingOrigin::kFile;
    read.line = entry->line;
  }
  // A setting read twice (a fallback computed from another) keeps its first record's place.
  if (SettingRead* earlier = find_read(name)) {
    *earlier = read;
  } else {
    reads_.push_back(read);
  }
  return read.value;
}

void SettingSource::set_from_command_line(std::string_view name, std::string value) {
  SettingRead read{std::string(name), std::move(value), SettingOrigin::kCommandLine, 0};
  if (SettingRead* earlier = find_read(name)) {
    *earlier = std::move(read);
  } else {
    reads_.push_back(std::move(read));
  }
}

std::string SettingSource::where(std::string_view name) const {
  const SettingRead* read = find_read(name);
  if (read == nullptr || read->origin != SettingOrigin::kFile) return {};
  return file_->path() + ":" + std::to_string(read->line) + ": " + key_of(name) + ": ";
}

void SettingSource::check_every_key_read() const {
  if (!file_) return;
  for (const auto& [key, entry] : file_->entries()) {
    const bool read =
        std::any_of(reads_.begin(), reads_.end(), [&](const SettingRead& r) { return r.name == variable_of(key); });
    if (!read) {
      throw std::invalid_argument(file_->path() + ":" + std::to_string(entry.line) + ": unknown key '" + key +
                                  "' (the keys are the pool's SHOP_* settings in lower case, without SHOP_)");
    }
  }
}

SettingRead* SettingSource::find_read(std::string_view name) {
  const auto found = std::find_if(reads_.begin(), reads_.end(), [&](const SettingRead& r) { return r.name == name; });
  return found == reads_.end() ? nullptr : &*found;
}

const SettingRead* SettingSource::find_read(std::string_view name) const {
  const auto found = std::find_if(reads_.begin(), reads_.end(), [&](const SettingRead& r) { return r.name == name; });
  return found == reads_.end() ? nullptr : &*found;
}

}  // namespace shop::fcgi
