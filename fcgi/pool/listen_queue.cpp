#include "fcgi/pool/listen_queue.hpp"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace shop::fcgi {
namespace {

// The kernel answers a netlink request at once; a reply not there in this long is given up.
constexpr int kReplyTimeoutMs = 50;

// Netlink messages and their attributes start on 4-byte boundaries.
constexpr std::size_t align4(std::size_t length) {
  return (length + 3) & ~std::size_t{3};
}

}  // namespace

ListenQueue::ListenQueue(int listen_fd) : listen_fd_(listen_fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
  unix_ = address.ss_family == AF_UNIX;
  if (!unix_) return;
  struct stat status {};
  if (::fstat(listen_fd, &status) != 0) return;
  inode_ = status.st_ino;
  netlink_fd_ = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_SOCK_DIAG);
}

ListenQueue::~ListenQueue() {
  if (netlink_fd_ >= 0) ::close(netlink_fd_);
}

void ListenQueue::close_in_child() noexcept {
  if (netlink_fd_ >= 0) ::close(netlink_fd_);
  netlink_fd_ = -1;
}

std::optional<ListenQueue::Reading> ListenQueue::read() {
  return unix_ ? read_unix() : read_tcp();
}

std::optional<ListenQueue::Reading> ListenQueue::read_tcp() const {
  tcp_info info{};
  socklen_t length = sizeof info;
  if (::getsockopt(listen_fd_, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) return std::nullopt;
  // A listener's TCP_INFO: unacked is its accept queue, sacked its backlog.
  return Reading{info.tcpi_unacked, info.tcpi_sacked};
}

std::optional<ListenQueue::Reading> ListenQueue::read_unix() {
  if (netlink_fd_ < 0) return std::nullopt;
  struct {
    nlmsghdr header;
    unix_diag_req request;
  } message{};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST;
  message.header.nlmsg_seq = ++sequence_;
  message.request.sdiag_family = AF_UNIX;
  message.request.udiag_states = 1U << 10;  // TCP_LISTEN: the states of unix sockets borrow TCP's numbers
  message.request.udiag_ino = static_cast<__u32>(inode_);
  message.request.udiag_show = UDIAG_SHOW_RQLEN;
  message.request.udiag_cookie[0] = INET_DIAG_NOCOOKIE;
  message.request.udiag_cookie[1] = INET_DIAG_NOCOOKIE;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(netlink_fd_, &message, sizeof message, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    return std::nullopt;
  }
  alignas(nlmsghdr) char buffer[8192];
  for (;;) {
    pollfd ready{netlink_fd_, POLLIN, 0};
    if (::poll(&ready, 1, kReplyTimeoutMs) <= 0) return std::nullopt;
    const ssize_t got = ::recv(netlink_fd_, buffer, sizeof buffer, 0);
    if (got <= 0) return std::nullopt;
    const auto size = static_cast<std::size_t>(got);
    // Walked by hand: the NLMSG_* and RTA_* macros cast in C's way.
    for (std::size_t offset = 0; offset + sizeof(nlmsghdr) <= size;) {
      nlmsghdr header{};
      std::memcpy(&header, buffer + offset, sizeof header);
      if (header.nlmsg_len < sizeof header || offset + header.nlmsg_len > size) return std::nullopt;
      const std::size_t next = offset + align4(header.nlmsg_len);
      // A late answer to an earlier request (one that timed out) is skipped.
      if (header.nlmsg_seq != sequence_ || header.nlmsg_type != SOCK_DIAG_BY_FAMILY) {
        if (header.nlmsg_seq == sequence_) return std::nullopt;  // NLMSG_ERROR: no such socket, or no unix_diag
        offset = next;
        continue;
      }
      const std::size_t end = offset + header.nlmsg_len;
      for (std::size_t at = offset + align4(sizeof header) + align4(sizeof(unix_diag_msg));
           at + sizeof(rtattr) <= end;) {
        rtattr attribute{};
        std::memcpy(&attribute, buffer + at, sizeof attribute);
        if (attribute.rta_len < sizeof attribute || at + attribute.rta_len > end) break;
        if (attribute.rta_type == UNIX_DIAG_RQLEN &&
            attribute.rta_len >= align4(sizeof attribute) + sizeof(unix_diag_rqlen)) {
          unix_diag_rqlen lengths{};
          std::memcpy(&lengths, buffer + at + align4(sizeof attribute), sizeof lengths);
          return Reading{lengths.udiag_rqueue, lengths.udiag_wqueue};
        }
        at += align4(attribute.rta_len);
      }
      return std::nullopt;
    }
  }
}

}  // namespace shop::fcgi
