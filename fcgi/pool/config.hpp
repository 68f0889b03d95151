#pragma once

#include <chrono>
#include <string>

#include "model/settings.hpp"

namespace shop::fcgi {

/// How the pool runs: from the command line, then SHOP_* variables (API.md "Operations"), then defaults.
struct ServerConfig {
  std::string socket_path = ".run/shop.sock";  ///< unix socket nginx passes to
  std::string listen_address;                  ///< "127.0.0.1:9000" instead of the unix socket, when set
  std::string pid_file = ".run/shop.pid";
  int workers = 4;  ///< SHOP_WORKERS; default two per core
  std::chrono::milliseconds stop_timeout{10'000};
  std::string admin_token;  ///< SHOP_ADMIN_TOKEN; empty refuses every admin call
  model::Settings settings;
};

/// Reads the command line and the environment; throws std::invalid_argument with a message for the user.
ServerConfig load_config(int argc, const char* const* argv);

/// The usage text of the command line.
const char* usage() noexcept;

}  // namespace shop::fcgi
