#pragma once

#include <sys/types.h>

#include <string>

namespace shop::fcgi {

/// The master's pid file, locked (flock) for as long as the descriptor stays open: a second pool on the same
/// file refuses to start instead of taking over. A new binary started by SIGUSR2 inherits the descriptor, and
/// with it the lock (flock belongs to the open file, shared by every descriptor of it), then writes its pid.
class PidFile {
 public:
  /// Opens and locks `path`; throws std::runtime_error naming the pool that holds it.
  static PidFile lock(const std::string& path);
  /// Takes over the locked descriptor `fd` of `path`, inherited from the master that started this one.
  static PidFile adopt(const std::string& path, int fd);

  PidFile(PidFile&& other) noexcept;
  PidFile& operator=(PidFile&&) = delete;
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;
  ~PidFile();  ///< closes the descriptor: the lock goes with the last one

  /// Replaces the file's content with `pid`.
  void write(pid_t pid);
  /// Removes the file when it still names `pid` (after an upgrade it names the new master).
  void remove_if_names(pid_t pid);

  int fd() const noexcept { return fd_; }
  const std::string& path() const noexcept { return path_; }

 private:
  PidFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  pid_t read() const;

  std::string path_;
  int fd_ = -1;
};

}  // namespace shop::fcgi
