#include "fcgi/pool/closing_answer.hpp"

#include <fastcgi.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <string>

namespace shop::fcgi {
namespace {

// Records of at most this much content, a multiple of 8 so that they need no padding but the last.
constexpr std::size_t kMaxContent = 32 * 1024;

void put_header(std::string& out, int type, int request_id, std::size_t length, std::size_t padding) {
  const char header[FCGI_HEADER_LEN] = {FCGI_VERSION_1,
                                        static_cast<char>(type),
                                        static_cast<char>((request_id >> 8) & 0xff),
                                        static_cast<char>(request_id & 0xff),
                                        static_cast<char>((length >> 8) & 0xff),
                                        static_cast<char>(length & 0xff),
                                        static_cast<char>(padding),
                                        0};
  out.append(header, sizeof header);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool send_closing_answer(int fd, int request_id, std::string_view answer) {
  std::string out;
  out.reserve(answer.size() + 64);
  while (!answer.empty()) {
    const std::size_t length = std::min(answer.size(), kMaxContent);
    const std::size_t padding = (8 - length % 8) % 8;
    put_header(out, FCGI_STDOUT, request_id, length, padding);
    out.append(answer.substr(0, length));
    out.append(padding, '\0');
    answer.remove_prefix(length);
  }
  put_header(out, FCGI_STDOUT, request_id, 0, 0);  // the end of STDOUT
  put_header(out, FCGI_END_REQUEST, request_id, sizeof(FCGI_EndRequestBody), 0);
  const FCGI_EndRequestBody body{};  // appStatus 0, FCGI_REQUEST_COMPLETE
  out.append(reinterpret_cast<const char*>(&body), sizeof body);
  // The record after END_REQUEST: an empty STDERR, which any FastCGI client may read and ignore.
  put_header(out, FCGI_STDERR, request_id, 0, 0);
  const bool sent = write_all(fd, out);
  ::close(fd);
  return sent;
}

}  // namespace shop::fcgi
