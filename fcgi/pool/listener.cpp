#include "fcgi/pool/listener.hpp"

#include <fcgiapp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shop::fcgi {

int open_listener(const ServerConfig& config) {
  constexpr int kBacklog = 1024;
  const bool tcp = !config.listen_address.empty();
  const std::string& where = tcp ? config.listen_address : config.socket_path;
  if (!tcp) ::unlink(config.socket_path.c_str());
  const int fd = FCGX_OpenSocket(where.c_str(), kBacklog);
  if (fd < 0) throw std::runtime_error("cannot listen on " + where + ": " + std::strerror(errno));
  if (!tcp && ::chmod(config.socket_path.c_str(), 0666) != 0) {
    throw std::runtime_error("cannot chmod " + where + ": " + std::strerror(errno));
  }
  return fd;
}

}  // namespace shop::fcgi
