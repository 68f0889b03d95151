#include "model/db/connection_options.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace shop::model {
namespace {

using std::chrono::milliseconds;

struct FreeOptions {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// A value as libpq's key=value syntax wants it: single-quoted, with \ and ' escaped.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// The words of an `options` value as the server splits them: at whitespace, a backslash taking the next
// character as it is.
std::vector<std::string> words_of(std::string_view options) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const char c = options[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < options.size()) {
      word += options[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// Server settings an `options` value sets (`-c name=value`, `-cname=value`, `--name=value`), by their
// canonical name (lower case, '-' read as '_', as the server does).
std::map<std::string, std::string> settings_in(std::string_view options) {
  std::map<std::string, std::string> found;
  const auto add = [&](std::string_view assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos) return;
    std::string name;
    for (const char c : assignment.substr(0, eq)) {
      name += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    found[name] = std::string(assignment.substr(eq + 1));
  };
  const std::vector<std::string> words = words_of(options);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (word == "-c" && i + 1 < words.size()) {
      add(words[++i]);
    } else if (word.starts_with("-c")) {
      add(word.substr(2));
    } else if (word.starts_with("--")) {
      add(word.substr(2));
    }
  }
  return found;
}

// A duration setting as the server reads it: an integer with an optional unit, milliseconds without one.
std::optional<milliseconds> duration_of(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || value < 0) return std::nullopt;
  std::string_view unit(end, text.data() + text.size() - end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  static const std::map<std::string_view, long long, std::less<>> kUnits = {
      {"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  const auto found = kUnits.find(unit);
  if (found == kUnits.end()) return std::nullopt;
  return milliseconds(value * found->second);
}

// Set by the connection string itself, or by the environment variable libpq falls back to.
bool set_by_caller(const PQconninfoOption& option) {
  if (option.val != nullptr) return true;
  const char* env = option.envvar == nullptr ? nullptr : std::getenv(option.envvar);
  return env != nullptr && *env != '\0';
}

}  // namespace

DatabaseDeadlines database_deadlines(const Settings& settings) {
  DatabaseDeadlines deadlines;
  deadlines.statement_timeout = milliseconds(settings.db_statement_timeout_ms);
  deadlines.lock_timeout = milliseconds(settings.db_lock_timeout_ms);
  return deadlines;
}

ConnectionOptions with_deadlines(const std::string& conninfo, const DatabaseDeadlines& deadlines) {
  char* error = nullptr;
  const std::unique_ptr<PQconninfoOption, FreeOptions> parsed(PQconninfoParse(conninfo.c_str(), &error));
  if (!parsed) {
    PQfreemem(error);
    return {conninfo, deadlines.statement_timeout};
  }

  const std::map<std::string_view, std::string> client_defaults = {
      {"connect_timeout", std::to_string(deadlines.connect_timeout.count())},
      {"keepalives", "1"},
      {"keepalives_idle", std::to_string(deadlines.keepalives_idle.count())},
      {"keepalives_interval", std::to_string(deadlines.keepalives_interval.count())},
      {"keepalives_count", std::to_string(deadlines.keepalives_count)},
      {"tcp_user_timeout", std::to_string(deadlines.tcp_user_timeout.count())},
  };
  const std::vector<std::pair<std::string, milliseconds>> server_defaults = {
      {"statement_timeout", deadlines.statement_timeout},
      {"lock_timeout", deadlines.lock_timeout},
      {"idle_in_transaction_session_timeout", deadlines.idle_in_transaction_timeout},
  };

  ConnectionOptions result;
  result.statement_timeout = deadlines.statement_timeout;
  std::string& out = result.conninfo;
  const auto append = [&out](std::string_view keyword, std::string_view value) {
    if (!out.empty()) out += ' ';
    out.append(keyword).append("=").append(quoted(value));
  };
  for (const PQconninfoOption* option = parsed.get(); option->keyword != nullptr; ++option) {
    const std::string_view keyword = option->keyword;
    if (keyword == "options") {
      // libpq reads PGOPTIONS only when the string has none: keep it, since ours would replace it.
      const char* env = option->envvar == nullptr ? nullptr : std::getenv(option->envvar);
      std::string options = option->val != nullptr ? option->val : env != nullptr ? env : "";
      const auto named = settings_in(options);
      for (const auto& [name, value] : server_defaults) {
        if (const auto own = named.find(name); own != named.end()) {
          if (name == "statement_timeout") result.statement_timeout = duration_of(own->second).value_or(value);
          continue;
        }
        if (!options.empty()) options += ' ';
        options += "-c " + name + "=" + std::to_string(value.count());
      }
      append(keyword, options);
    } else if (option->val != nullptr) {
      append(keyword, option->val);
    } else if (const auto fallback = client_defaults.find(keyword);
               fallback != client_defaults.end() && !set_by_caller(*option)) {
      append(keyword, fallback->second);
    }
  }
  return result;
}

}  // namespace shop::model
