#include "fcgi/pool/effective_settings.hpp"

#include <regex>

#include "fcgi/pool/config_file.hpp"

namespace shop::fcgi {
namespace {

constexpr const char* kMask = "********";

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string mask_url_passwords(std::string text) {
  // URI form: the password of user:password@host.
  static const std::regex userinfo(R"((://[^:/@\s]*:)[^@/\s]*@)");
  // URI query and libpq key=value forms: password=..., quoted or not.
  static const std::regex parameter(R"((^|[?&\s])(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*))");
  text = std::regex_replace(text, userinfo, std::string("$1") + kMask + "@");
  return std::regex_replace(text, parameter, std::string("$1$2") + kMask);
}

}  // namespace

std::string masked_setting(std::string_view key, std::string_view value) {
  if (value.empty()) return {};
  if (contains(key, "token") || contains(key, "password") || contains(key, "secret")) return kMask;
  if (key.ends_with("_url")) return mask_url_passwords(std::string(value));
  return std::string(value);
}

std::string describe_settings(const std::vector<SettingRead>& reads, const std::string& file) {
  std::string text;
  for (const SettingRead& read : reads) {
    const std::string key = key_of(read.name);
    text += key + " = " + masked_setting(key, read.value) + "    ; ";
    switch (read.origin) {
      case SettingOrigin::kFile:
        text += "file " + file + ":" + std::to_string(read.line);
        break;
      case SettingOrigin::kEnvironment:
        text += "environment " + read.name;
        break;
      default:
        text += to_string(read.origin);
        break;
    }
    text += '\n';
  }
  return text;
}

}  // namespace shop::fcgi
