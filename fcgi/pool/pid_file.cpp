#include "fcgi/pool/pid_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace shop::fcgi {

PidFile PidFile::lock(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open pid file " + path + ": " + std::strerror(errno));
  PidFile file(path, fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      throw std::runtime_error("another pool (pid " + std::to_string(file.read()) + ") is running with pid file " +
                               path + "; stop it first");
    }
    throw std::runtime_error("cannot lock pid file " + path + ": " + std::strerror(error));
  }
  return file;
}

PidFile PidFile::adopt(const std::string& path, int fd) {
  if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
    throw std::runtime_error("inherited pid file descriptor " + std::to_string(fd) + " is not open");
  }
  return PidFile(path, fd);
}

PidFile::PidFile(PidFile&& other) noexcept : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

PidFile::~PidFile() {
  if (fd_ >= 0) ::close(fd_);
}

void PidFile::write(pid_t pid) {
  const std::string text = std::to_string(pid) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    throw std::runtime_error("cannot write pid file " + path_ + ": " + std::strerror(errno));
  }
}

pid_t PidFile::read() const {
  char text[32] = {};
  const ssize_t n = ::pread(fd_, text, sizeof text - 1, 0);
  return n > 0 ? static_cast<pid_t>(std::strtol(text, nullptr, 10)) : 0;
}

void PidFile::remove_if_names(pid_t pid) {
  if (read() == pid) ::unlink(path_.c_str());
}

}  // namespace shop::fcgi
