#include "fcgi/pool/listener.hpp"

#include <fcgiapp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "fcgi/pool/privileges.hpp"

namespace shop::fcgi {
namespace {

/// True when something accepts connections on the unix socket at `path`.
bool someone_answers(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) return false;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const bool answered = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return answered;
}

/// Only nginx's workers (SHOP_SOCKET_GROUP) may connect: anyone else could forge REQUEST_ID or hold workers.
void restrict_socket(const ServerConfig& config, const std::string& socket_path) {
  const char* path = socket_path.c_str();
  auto owner = static_cast<uid_t>(-1);  // -1: left as it is
  auto group = static_cast<gid_t>(-1);
  if (!config.socket_owner.empty()) {
    const Account account = find_account(config.socket_owner);
    owner = account.uid;
    group = account.gid;
  }
  if (!config.socket_group.empty()) group = find_group(config.socket_group);
  if ((owner != static_cast<uid_t>(-1) || group != static_cast<gid_t>(-1)) && ::lchown(path, owner, group) != 0) {
    throw std::runtime_error("cannot chown " + socket_path + ": " + std::strerror(errno));
  }
  if (::chmod(path, config.socket_mode) != 0) {
    throw std::runtime_error("cannot chmod " + socket_path + ": " + std::strerror(errno));
  }
}

}  // namespace

int open_listener(const ServerConfig& config) {
  constexpr int kBacklog = 1024;
  const bool tcp = !config.listen_address.empty();
  const std::string& where = tcp ? config.listen_address : config.socket_path;
  if (!tcp) {
    if (someone_answers(config.socket_path)) {
      throw std::runtime_error("a pool already answers on " + config.socket_path + "; stop it first");
    }
    ::unlink(config.socket_path.c_str());
  }
  const int fd = FCGX_OpenSocket(where.c_str(), kBacklog);
  if (fd < 0) throw std::runtime_error("cannot listen on " + where + ": " + std::strerror(errno));
  if (!tcp) restrict_socket(config, config.socket_path);
  prepare_listener(fd);
  return fd;
}

int open_status_listener(const ServerConfig& config) {
  const std::string& path = config.status_socket;
  if (path.empty()) return -1;
  if (someone_answers(path)) throw std::runtime_error("a pool already answers on " + path + "; stop it first");
  ::unlink(path.c_str());
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) throw std::runtime_error("status socket path too long: " + path);
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw std::runtime_error(std::string("cannot make the status socket: ") + std::strerror(errno));
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
    const std::string error = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot listen on " + path + ": " + error);
  }
  restrict_socket(config, path);
  return fd;
}

void prepare_listener(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    throw std::runtime_error(std::string("cannot make the listening socket non-blocking: ") + std::strerror(errno));
  }
}

}  // namespace shop::fcgi
