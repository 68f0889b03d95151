#pragma once

#include <cstdint>
#include <optional>

namespace shop::fcgi {

/// The kernel's own count of connections waiting on the pool's listening socket to be accepted, and its
/// backlog: for a unix socket from sock_diag (NETLINK_SOCK_DIAG with UDIAG_SHOW_RQLEN, where a listener's
/// receive queue is its pending connections and its write queue the backlog), for TCP from TCP_INFO
/// (tcpi_unacked and tcpi_sacked of a listener). php-fpm reads 0 on unix sockets; this never guesses.
class ListenQueue {
 public:
  struct Reading {
    std::uint32_t waiting = 0;  ///< connections not yet accepted
    std::uint32_t backlog = 0;  ///< the most the kernel queues
  };

  explicit ListenQueue(int listen_fd);
  ~ListenQueue();
  ListenQueue(const ListenQueue&) = delete;
  ListenQueue& operator=(const ListenQueue&) = delete;

  /// Now; nullopt when the kernel did not say (no unix_diag module, not a socket).
  std::optional<Reading> read();

  /// In a child right after fork: the netlink socket is the master's.
  void close_in_child() noexcept;

 private:
  std::optional<Reading> read_unix();
  std::optional<Reading> read_tcp() const;

  int listen_fd_;
  bool unix_ = false;
  std::uint64_t inode_ = 0;
  int netlink_fd_ = -1;  ///< kept open: the master reads the queue on every turn of its loop
  std::uint32_t sequence_ = 0;
};

}  // namespace shop::fcgi
