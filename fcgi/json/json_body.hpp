#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace shop::fcgi {

/// A request body parsed strictly: a JSON object in valid UTF-8, nested at most a few levels, no object naming
/// a member twice. Field readers
/// throw INVALID_REQUEST naming the field when it is missing, of the wrong type or out of range.
class JsonBody {
 public:
  /// Parses `text`; INVALID_REQUEST when it is not a JSON object.
  static JsonBody parse(std::string_view text);

  /// An integer in [min, max]; a float, a string or a number out of range is refused.
  long long require_int(const char* name, long long min, long long max) const;
  std::optional<long long> optional_int(const char* name, long long min, long long max) const;

  /// A string of min_chars..max_chars characters (code points), without control characters or only spaces.
  std::string require_string(const char* name, int max_chars, int min_chars = 1) const;
  std::optional<std::string> optional_string(const char* name, int max_chars) const;

  /// An array of `min..max` elements.
  const rapidjson::Value& require_array(const char* name, std::size_t min, std::size_t max) const;

 private:
  explicit JsonBody(rapidjson::Document document) : document_(std::move(document)) {}
  const rapidjson::Value* find(const char* name) const;

  rapidjson::Document document_;
};

/// An integer member of `object` in [min, max]; INVALID_REQUEST naming `field` otherwise. Shared with the
/// readers of nested objects (order lines).
long long read_int(const rapidjson::Value& value, const std::string& field, long long min, long long max);
/// The integer member `name` of the object `object`, in [min, max]; the field is reported as `prefix.name`.
long long read_member_int(const rapidjson::Value& object, const std::string& prefix, const char* name, long long min,
                          long long max);

/// Deepest nesting of arrays and objects accepted in a body; more is refused before parsing.
inline constexpr int kMaxJsonDepth = 16;

}  // namespace shop::fcgi
