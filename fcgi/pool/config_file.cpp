#include "fcgi/pool/config_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace shop::fcgi {
namespace {

constexpr std::string_view kPrefix = "SHOP_";
constexpr std::string_view kBlank = " \t\r";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlank) - first + 1);
}

bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

ConfigFile ConfigFile::read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
  ConfigFile file;
  file.path_ = path;
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    const auto where = [&] { return path + ":" + std::to_string(number) + ": "; };
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == ';' || line.front() == '#') continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) throw std::invalid_argument(where() + "expected key = value");
    const std::string key(trim(line.substr(0, equals)));
    if (!valid_key(key)) {
      throw std::invalid_argument(where() + "'" + key + "' is not a key (lower case letters, digits and _)");
    }
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    const auto [found, added] = file.entries_.emplace(key, ConfigEntry{std::string(value), number});
    if (!added) {
      throw std::invalid_argument(where() + key + " is already set on line " + std::to_string(found->second.line));
    }
  }
  if (in.bad()) throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
  return file;
}

const ConfigEntry* ConfigFile::find(std::string_view key) const {
  const auto found = entries_.find(std::string(key));
  return found == entries_.end() ? nullptr : &found->second;
}

std::string key_of(std::string_view variable) {
  if (variable.starts_with(kPrefix)) variable.remove_prefix(kPrefix.size());
  std::string key(variable);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

std::string variable_of(std::string_view key) {
  std::string variable(kPrefix);
  for (const char c : key) variable += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return variable;
}

}  // namespace shop::fcgi
