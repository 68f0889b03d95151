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
  if (!tcp && ::chmod(config.socket_path.c_str(), 0666) != 0) {
    throw std::runtime_error("cannot chmod " + where + ": " + std::strerror(errno));
  }
  prepare_listener(fd);
  return fd;
}

void prepare_listener(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    throw std::runtime_error(std::string("cannot make the listening socket non-blocking: ") + std::strerror(errno));
  }
}

}  // namespace shop::fcgi
