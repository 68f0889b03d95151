#include "fcgi/pool/config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "fcgi/http/strict_integer.hpp"

namespace shop::fcgi {
namespace {

int int_in_range(std::string_view name, const std::string& text, long long min, long long max) {
  const auto value = parse_strict_integer(text);
  if (!value || *value < min || *value > max) {
    throw BadSetting(std::string(name), std::string(name) + " must be an integer in " + std::to_string(min) + ".." +
                                            std::to_string(max) + ", got '" + text + "'");
  }
  return static_cast<int>(*value);
}

/// An octal file mode such as 0660 or 660, at most 0777.
mode_t octal_mode(std::string_view name, const std::string& text) {
  mode_t mode = 0;
  bool valid = !text.empty() && text.size() <= 4;
  for (const char digit : text) {
    if (digit < '0' || digit > '7') valid = false;
    mode = mode * 8 + static_cast<mode_t>(digit - '0');
  }
  if (!valid || mode > 0777) {
    throw BadSetting(std::string(name), std::string(name) + " must be an octal mode such as 0660, got '" + text + "'");
  }
  return mode;
}

/// Four per core: a worker spends most of a request waiting for the database (round trips, and a write's
/// commit flush), so more workers than cores keep commits in flight. Measured on 2 cores (bench/README.md):
/// 8 workers charge 25 % faster than 4 and read as fast; 16 gain nothing more; 32 lose on everything.
int default_workers() {
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? static_cast<int>(std::min(4 * cores, 256L)) : 8;
}

/// php-fpm's pm settings and its defaults' spirit; max children defaults to the worker count, so SHOP_WORKERS
/// alone keeps the static pool it always made.
template <typename EnvOr>
PmLimits read_pm(int workers, const EnvOr& env_or) {
  PmLimits pm;
  pm.mode = pm_mode_from(env_or("SHOP_PM", "static"));
  pm.max_children =
      int_in_range("SHOP_PM_MAX_CHILDREN", env_or("SHOP_PM_MAX_CHILDREN", std::to_string(workers)), 1, 256);
  pm.min_spare_servers = int_in_range("SHOP_PM_MIN_SPARE_SERVERS", env_or("SHOP_PM_MIN_SPARE_SERVERS", "1"), 0, 256);
  const int max_spare = std::max(pm.min_spare_servers, std::min(3, pm.max_children));
  pm.max_spare_servers =
      int_in_range("SHOP_PM_MAX_SPARE_SERVERS", env_or("SHOP_PM_MAX_SPARE_SERVERS", std::to_string(max_spare)), 0, 256);
  const int start = pm.min_spare_servers + (pm.max_spare_servers - pm.min_spare_servers) / 2;
  pm.start_servers =
      int_in_range("SHOP_PM_START_SERVERS", env_or("SHOP_PM_START_SERVERS", std::to_string(start)), 0, 256);
  pm.idle_timeout = std::chrono::seconds(int_in_range("SHOP_PM_PROCESS_IDLE_TIMEOUT_SECONDS",
                                                      env_or("SHOP_PM_PROCESS_IDLE_TIMEOUT_SECONDS", "10"), 1, 86'400));
  validate(pm);
  return pm;
}

/// The file of --config, read before any setting (every other flag is applied after the settings).
SettingSource source_of(int argc, const char* const* argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--config") return SettingSource(ConfigFile::read(argv[i + 1]));
  }
  return SettingSource();
}

}  // namespace

const char* usage() noexcept {
  return "usage: shop [--config FILE] [--test-config] [--socket PATH | --listen 127.0.0.1:PORT] [--pid-file PATH]\n"
         "            [--workers N]\n"
         "  environment (each also a key of the --config file: SHOP_WORKERS is workers; the environment wins):\n"
         "               SHOP_DATABASE_URL (required), SHOP_DATABASE_READ_URL, SHOP_DATABASE_READ_MAX_LAG_MS,\n"
         "               SHOP_SOCKET, SHOP_LISTEN, SHOP_PID_FILE, SHOP_WORKERS,\n"
         "               SHOP_TIMEZONE, SHOP_ORDER_TTL_SECONDS,\n"
         "               SHOP_ADMIN_TOKEN, SHOP_DATA_PLATFORM_URL, SHOP_RELAY_MAX_ATTEMPTS,\n"
         "               SHOP_SESSION_TTL_SECONDS, SHOP_DB_STATEMENT_TIMEOUT_MS, SHOP_DB_LOCK_TIMEOUT_MS,\n"
         "               SHOP_REQUEST_TIMEOUT_SECONDS, SHOP_LOG_FILE, SHOP_USER, SHOP_GROUP,\n"
         "               SHOP_SOCKET_OWNER, SHOP_SOCKET_GROUP, SHOP_SOCKET_MODE, SHOP_PM, SHOP_PM_MAX_CHILDREN,\n"
         "               SHOP_PM_START_SERVERS, SHOP_PM_MIN_SPARE_SERVERS, SHOP_PM_MAX_SPARE_SERVERS,\n"
         "               SHOP_PM_PROCESS_IDLE_TIMEOUT_SECONDS, SHOP_PM_MAX_REQUESTS,\n"
         "               SHOP_PM_MAX_REQUESTS_JITTER, SHOP_PM_MAX_RSS_MB, SHOP_STATUS_SOCKET,\n"
         "               SHOP_SLOW_REQUEST_MS\n";
}

namespace {

ServerConfig read_config(int argc, const char* const* argv, SettingSource& source) {
  // Every SHOP_* setting is read through here: environment, then the file, then the default.
  const auto env_or = [&source](const char* name, std::string fallback) {
    return source.get_or(name, std::move(fallback));
  };
  ServerConfig config;
  config.socket_path = env_or("SHOP_SOCKET", config.socket_path);
  config.listen_address = env_or("SHOP_LISTEN", config.listen_address);
  config.pid_file = env_or("SHOP_PID_FILE", config.pid_file);
  config.workers = int_in_range("SHOP_WORKERS", env_or("SHOP_WORKERS", std::to_string(default_workers())), 1, 256);
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--test-config") {
      config.test_only = true;
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + std::string(flag));
    const std::string value = argv[++i];
    if (flag == "--config") {
      continue;  // read by source_of
    } else if (flag == "--socket") {
      config.socket_path = value;
      source.set_from_command_line("SHOP_SOCKET", value);
    } else if (flag == "--listen") {
      config.listen_address = value;
      source.set_from_command_line("SHOP_LISTEN", value);
    } else if (flag == "--pid-file") {
      config.pid_file = value;
      source.set_from_command_line("SHOP_PID_FILE", value);
    } else if (flag == "--workers") {
      config.workers = int_in_range("--workers", value, 1, 256);
      source.set_from_command_line("SHOP_WORKERS", value);
    } else {
      throw std::invalid_argument("unknown option " + std::string(flag));
    }
  }
  config.pm = read_pm(config.workers, env_or);
  config.workers = config.pm.max_children;
  config.recycle.max_requests =
      int_in_range("SHOP_PM_MAX_REQUESTS", env_or("SHOP_PM_MAX_REQUESTS", "0"), 0, 1'000'000'000);
  config.recycle.max_requests_jitter =
      int_in_range("SHOP_PM_MAX_REQUESTS_JITTER", env_or("SHOP_PM_MAX_REQUESTS_JITTER", "0"), 0, 1'000'000'000);
  config.recycle.max_rss_mb = int_in_range("SHOP_PM_MAX_RSS_MB", env_or("SHOP_PM_MAX_RSS_MB", "0"), 0, 1'048'576);
  config.settings.database_url = env_or("SHOP_DATABASE_URL", "");
  if (config.settings.database_url.empty())
    throw std::invalid_argument("SHOP_DATABASE_URL is not set (nor database_url in a --config file)");
  // A read standby for the catalog's reads (model/product/catalog_reads.hpp); empty: all on the primary.
  config.settings.database_read_url = env_or("SHOP_DATABASE_READ_URL", "");
  config.settings.database_read_max_lag_ms =
      int_in_range("SHOP_DATABASE_READ_MAX_LAG_MS", env_or("SHOP_DATABASE_READ_MAX_LAG_MS", "5000"), 0, 3'600'000);
  config.admin_token = env_or("SHOP_ADMIN_TOKEN", "");
  config.settings.timezone = env_or("SHOP_TIMEZONE", "Asia/Seoul");
  config.settings.order_ttl_seconds =
      int_in_range("SHOP_ORDER_TTL_SECONDS", env_or("SHOP_ORDER_TTL_SECONDS", "600"), 1, 30 * 24 * 3600);
  config.settings.data_platform_url = env_or("SHOP_DATA_PLATFORM_URL", "");
  config.settings.relay_max_attempts =
      int_in_range("SHOP_RELAY_MAX_ATTEMPTS", env_or("SHOP_RELAY_MAX_ATTEMPTS", "20"), 1, 1000);
  config.settings.session_ttl_seconds =
      int_in_range("SHOP_SESSION_TTL_SECONDS", env_or("SHOP_SESSION_TTL_SECONDS", std::to_string(30 * 24 * 3600)), 1,
                   365 * 24 * 3600);
  // A URL that sets statement_timeout or lock_timeout itself wins over these (model/db/connection_options).
  config.settings.db_statement_timeout_ms =
      int_in_range("SHOP_DB_STATEMENT_TIMEOUT_MS", env_or("SHOP_DB_STATEMENT_TIMEOUT_MS", "10000"), 100, 3'600'000);
  config.settings.db_lock_timeout_ms =
      int_in_range("SHOP_DB_LOCK_TIMEOUT_MS", env_or("SHOP_DB_LOCK_TIMEOUT_MS", "2000"), 1, 3'600'000);
  config.request_timeout = std::chrono::seconds(
      int_in_range("SHOP_REQUEST_TIMEOUT_SECONDS", env_or("SHOP_REQUEST_TIMEOUT_SECONDS", "30"), 1, 3600));
  config.log_file = env_or("SHOP_LOG_FILE", "");
  config.user = env_or("SHOP_USER", "");
  config.group = env_or("SHOP_GROUP", "");
  config.socket_owner = env_or("SHOP_SOCKET_OWNER", config.user);
  config.socket_group = env_or("SHOP_SOCKET_GROUP", config.group);
  config.socket_mode = octal_mode("SHOP_SOCKET_MODE", env_or("SHOP_SOCKET_MODE", "0660"));
  config.status_socket =
      env_or("SHOP_STATUS_SOCKET", config.listen_address.empty() ? config.socket_path + ".status" : "");
  config.slow_request = std::chrono::milliseconds(
      int_in_range("SHOP_SLOW_REQUEST_MS", env_or("SHOP_SLOW_REQUEST_MS", "1000"), 0, 3'600'000));
  return config;
}

}  // namespace

ServerConfig load_config(int argc, const char* const* argv) {
  SettingSource source = source_of(argc, argv);
  ServerConfig config;
  try {
    config = read_config(argc, argv, source);
    source.check_every_key_read();
  } catch (const BadSetting& e) {
    throw std::invalid_argument(source.where(e.name()) + e.what());
  }
  if (source.file()) config.config_file = source.file()->path();
  config.origins = source.reads();
  return config;
}

}  // namespace shop::fcgi
