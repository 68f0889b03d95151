#include "fcgi/json/json_body.hpp"

#include <algorithm>
#include <vector>

#include "model/domain_error.hpp"

namespace shop::fcgi {
namespace {

using model::DomainError;
using model::ErrorCode;

/// Nesting depth of `text`, counted outside strings; stops counting past the limit.
bool nesting_within_limit(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

/// Code points of valid UTF-8 (the parser has validated it).
int utf8_length(std::string_view text) {
  int count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

/// No control characters, not only spaces, and no surrogate code point: RapidJSON decodes a lone "\udc00"
/// escape into bytes that are not UTF-8 (ED B0 80), which PostgreSQL would refuse.
bool acceptable_text(std::string_view text) {
  bool any_visible = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) return false;
    if (byte == 0xED && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xA0) return false;
    if (byte != ' ') any_visible = true;
  }
  return any_visible;
}

/// True when some object in `value`, at any depth, names a member twice. Parsers disagree on which of the two
/// counts (RapidJSON finds the first, most others keep the last), so a proxy or a log could read another
/// amount than the one charged: such a body is refused. Sorting keeps a hostile body of many members cheap.
bool has_duplicate_member(const rapidjson::Value& value) {
  if (value.IsArray()) {
    return std::any_of(value.Begin(), value.End(),
                       [](const rapidjson::Value& item) { return has_duplicate_member(item); });
  }
  if (!value.IsObject()) return false;
  if (value.MemberCount() > 1) {
    std::vector<std::string_view> names;
    names.reserve(value.MemberCount());
    for (const auto& member : value.GetObject()) {
      names.emplace_back(member.name.GetString(), member.name.GetStringLength());
    }
    std::sort(names.begin(), names.end());
    if (std::adjacent_find(names.begin(), names.end()) != names.end()) return true;
  }
  for (const auto& member : value.GetObject()) {
    if (has_duplicate_member(member.value)) return true;
  }
  return false;
}

std::string read_string(const rapidjson::Value& value, const char* name, int max_chars, int min_chars = 1) {
  if (!value.IsString()) throw DomainError(ErrorCode::kInvalidRequest, name);
  std::string_view text(value.GetString(), value.GetStringLength());
  const int chars = utf8_length(text);
  if (chars < min_chars || chars > max_chars || !acceptable_text(text))
    throw DomainError(ErrorCode::kInvalidRequest, name);
  return std::string(text);
}

}  // namespace

JsonBody JsonBody::parse(std::string_view text) {
  // A NUL byte is never part of JSON text; RapidJSON would take it for the end of the input.
  if (text.find('\0') != std::string_view::npos || !nesting_within_limit(text)) {
    throw DomainError(ErrorCode::kInvalidRequest);
  }
  rapidjson::Document document;
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;
  document.Parse<kFlags>(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject() || has_duplicate_member(document)) {
    throw DomainError(ErrorCode::kInvalidRequest);
  }
  return JsonBody(std::move(document));
}

const rapidjson::Value* JsonBody::find(const char* name) const {
  const auto member = document_.FindMember(name);
  if (member == document_.MemberEnd() || member->value.IsNull()) return nullptr;
  return &member->value;
}

long long read_int(const rapidjson::Value& value, const std::string& field, long long min, long long max) {
  if (!value.IsInt64()) throw DomainError(ErrorCode::kInvalidRequest, field);
  const long long number = value.GetInt64();
  if (number < min || number > max) throw DomainError(ErrorCode::kInvalidRequest, field);
  return number;
}

long long read_member_int(const rapidjson::Value& object, const std::string& prefix, const char* name, long long min,
                          long long max) {
  const std::string field = prefix + "." + name;
  if (!object.IsObject()) throw DomainError(ErrorCode::kInvalidRequest, prefix);
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd()) throw DomainError(ErrorCode::kInvalidRequest, field);
  return read_int(member->value, field, min, max);
}

const rapidjson::Value& JsonBody::require_array(const char* name, std::size_t min, std::size_t max) const {
  const auto* value = find(name);
  if (value == nullptr || !value->IsArray() || value->Size() < min || value->Size() > max) {
    throw DomainError(ErrorCode::kInvalidRequest, name);
  }
  return *value;
}

long long JsonBody::require_int(const char* name, long long min, long long max) const {
  const auto* value = find(name);
  if (value == nullptr) throw DomainError(ErrorCode::kInvalidRequest, name);
  return read_int(*value, name, min, max);
}

std::optional<long long> JsonBody::optional_int(const char* name, long long min, long long max) const {
  const auto* value = find(name);
  if (value == nullptr) return std::nullopt;
  return read_int(*value, name, min, max);
}

std::string JsonBody::require_string(const char* name, int max_chars, int min_chars) const {
  const auto* value = find(name);
  if (value == nullptr) throw DomainError(ErrorCode::kInvalidRequest, name);
  return read_string(*value, name, max_chars, min_chars);
}

std::optional<std::string> JsonBody::optional_string(const char* name, int max_chars) const {
  const auto* value = find(name);
  if (value == nullptr) return std::nullopt;
  return read_string(*value, name, max_chars);
}

}  // namespace shop::fcgi
