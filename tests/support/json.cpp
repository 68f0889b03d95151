#include "tests/support/json.hpp"

#include <stdexcept>

namespace shop::test {
namespace {

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) throw std::runtime_error(std::string("not a JSON object where \"") + name + "\" was read");
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd()) throw std::runtime_error(std::string("no member \"") + name + "\"");
  return found->value;
}

}  // namespace

rapidjson::Document parse_json(std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError()) throw std::runtime_error("not JSON: " + std::string(text.substr(0, 300)));
  return document;
}

long long json_int(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsInt64()) throw std::runtime_error(std::string("member \"") + name + "\" is not an integer");
  return value.GetInt64();
}

std::string json_string(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsString()) throw std::runtime_error(std::string("member \"") + name + "\" is not a string");
  return std::string(value.GetString(), value.GetStringLength());
}

const rapidjson::Value& json_array(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsArray()) throw std::runtime_error(std::string("member \"") + name + "\" is not an array");
  return value;
}

const rapidjson::Value& json_object(const rapidjson::Value& object, const char* name) {
  const auto& value = member(object, name);
  if (!value.IsObject()) throw std::runtime_error(std::string("member \"") + name + "\" is not an object");
  return value;
}

bool json_has(const rapidjson::Value& object, const char* name) {
  return object.IsObject() && object.HasMember(name);
}

std::string error_code_of(std::string_view body) {
  try {
    const auto json = parse_json(body);
    return json_string(json_object(json, "error"), "code");
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace shop::test
