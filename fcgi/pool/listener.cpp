#include "fcgi/pool/listener.hpp"

#include <fcgiapp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "fcgi/pool/privileges.hpp"

namespace shop::fcgi {
namespace {

/// Only nginx's workers (SHOP_SOCKET_GROUP) may connect: anyone else could forge REQUEST_ID or hold workers.
void restrict_socket(const ServerConfig& config) {
  const char* path = config.socket_path.c_str();
  auto owner = static_cast<uid_t>(-1);  // -1: left as it is
  auto group = static_cast<gid_t>(-1);
  if (!config.socket_owner.empty()) {
    const Account account = find_account(config.socket_owner);
    owner = account.uid;
    group = account.gid;
  }
  if (!config.socket_group.empty()) group = find_group(config.socket_group);
  if ((owner != static_cast<uid_t>(-1) || group != static_cast<gid_t>(-1)) && ::lchown(path, owner, group) != 0) {
    throw std::runtime_error("cannot chown " + config.socket_path + ": " + std::strerror(errno));
  }
  if (::chmod(path, config.socket_mode) != 0) {
    throw std::runtime_error("cannot chmod " + config.socket_path + ": " + std::strerror(errno));
  }
}

}  // namespace

int open_listener(const ServerConfig& config) {
  constexpr int kBacklog = 1024;
  const bool tcp = !config.listen_address.empty();
  const std::string& where = tcp ? config.listen_address : config.socket_path;
  if (!tcp) ::unlink(config.socket_path.c_str());
  const int fd = FCGX_OpenSocket(where.c_str(), kBacklog);
  if (fd < 0) throw std::runtime_error("cannot listen on " + where + ": " + std::strerror(errno));
  if (!tcp) restrict_socket(config);
  return fd;
}

}  // namespace shop::fcgi
