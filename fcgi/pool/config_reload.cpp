#include "fcgi/pool/config_reload.hpp"

#include <string>

#include "fcgi/log.hpp"

namespace shop::fcgi {
namespace {

template <class T>
void keep(const char* key, const T& running, T& fresh) {
  if (fresh == running) return;
  log_error({}, std::string("HUP: ") + key + " changed; ignored until the pool is restarted");
  fresh = running;
}

}  // namespace

void apply_reloaded_config(ServerConfig& running, ServerConfig fresh) {
  keep("socket", running.socket_path, fresh.socket_path);
  keep("listen", running.listen_address, fresh.listen_address);
  keep("pid_file", running.pid_file, fresh.pid_file);
  keep("log_file", running.log_file, fresh.log_file);
  keep("user", running.user, fresh.user);
  keep("group", running.group, fresh.group);
  keep("socket_owner", running.socket_owner, fresh.socket_owner);
  keep("socket_group", running.socket_group, fresh.socket_group);
  keep("socket_mode", running.socket_mode, fresh.socket_mode);
  if (running.settings.data_platform_url.empty() != fresh.settings.data_platform_url.empty()) {
    log_error({}, "HUP: data_platform_url set or unset; ignored until the pool is restarted (the relay process)");
    fresh.settings.data_platform_url = running.settings.data_platform_url;
  }
  running = std::move(fresh);
}

}  // namespace shop::fcgi
