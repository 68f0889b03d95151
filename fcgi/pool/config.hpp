#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "fcgi/pool/process_manager.hpp"
#include "fcgi/pool/recycling.hpp"
#include "fcgi/pool/setting_source.hpp"
#include "model/settings.hpp"

namespace shop::fcgi {

/// How the pool runs: from the command line, then SHOP_* variables (API.md "Operations"), then the
/// configuration file of --config (each SHOP_X is its key x), then defaults.
struct ServerConfig {
  std::string socket_path = ".run/shop.sock";  ///< SHOP_SOCKET, --socket: unix socket nginx passes to
  std::string listen_address;  ///< SHOP_LISTEN, --listen: "127.0.0.1:9000" instead of the unix socket, when set
  std::string pid_file = ".run/shop.pid";  ///< SHOP_PID_FILE, --pid-file
  int workers = 4;                         ///< SHOP_WORKERS; default two per core
  PmLimits pm;                             ///< SHOP_PM and SHOP_PM_*: php-fpm's process manager settings, validated
  RecycleLimits recycle;                   ///< SHOP_PM_MAX_REQUESTS, SHOP_PM_MAX_REQUESTS_JITTER, SHOP_PM_MAX_RSS_MB
  std::chrono::milliseconds stop_timeout{10'000};
  std::chrono::seconds request_timeout{30};  ///< SHOP_REQUEST_TIMEOUT_SECONDS: a worker busy longer is replaced
  std::string log_file;                      ///< SHOP_LOG_FILE: stdout and stderr go there, reopened on SIGUSR1
  std::string admin_token;                   ///< SHOP_ADMIN_TOKEN; empty refuses every admin call
  std::string user;                          ///< SHOP_USER: who the pool becomes after binding, when started as root
  std::string group;                         ///< SHOP_GROUP; empty: the user's primary group
  std::string socket_owner;                  ///< SHOP_SOCKET_OWNER; default SHOP_USER (empty: whoever made it)
  std::string socket_group;   ///< SHOP_SOCKET_GROUP: the group nginx's workers run in; default SHOP_GROUP
  mode_t socket_mode = 0660;  ///< SHOP_SOCKET_MODE, octal
  /// SHOP_STATUS_SOCKET: where the master answers the status page; default the unix socket's path plus
  /// ".status", none with --listen unless set.
  std::string status_socket;
  std::chrono::milliseconds slow_request{1'000};  ///< SHOP_SLOW_REQUEST_MS: slower requests are logged; 0: none
  model::Settings settings;
  std::string config_file;           ///< --config: the file read, empty when none
  bool test_only = false;            ///< --test-config: check, print the effective settings, exit
  std::vector<SettingRead> origins;  ///< every setting read, with where its value came from
};

/// Reads the command line, the environment and the file of --config; throws std::invalid_argument with a
/// message for the user (a bad value from the file names its line; so does a key no setting has).
ServerConfig load_config(int argc, const char* const* argv);

/// The usage text of the command line.
const char* usage() noexcept;

}  // namespace shop::fcgi
