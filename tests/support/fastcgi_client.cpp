#include "tests/support/fastcgi_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace shop::test {
namespace {

// Record types and the flag of the FastCGI 1.0 specification.
constexpr unsigned char kBeginRequest = 1;
constexpr unsigned char kEndRequest = 3;
constexpr unsigned char kParams = 4;
constexpr unsigned char kStdin = 5;
constexpr unsigned char kStdout = 6;
constexpr unsigned char kResponder = 1;
constexpr unsigned char kKeepConn = 1;
constexpr std::size_t kMaxContent = 65535;

std::string record(unsigned char type, const std::string& content) {
  std::string out;
  const std::size_t length = content.size();
  const std::size_t padding = (8 - length % 8) % 8;
  out += static_cast<char>(1);  // version
  out += static_cast<char>(type);
  out += static_cast<char>(0);  // request id 1, big-endian
  out += static_cast<char>(1);
  out += static_cast<char>((length >> 8) & 0xff);
  out += static_cast<char>(length & 0xff);
  out += static_cast<char>(padding);
  out += static_cast<char>(0);
  out += content;
  out.append(padding, '\0');
  return out;
}

/// A stream (params or stdin) as records of at most 64 KiB, then the empty record that ends it.
std::string stream(unsigned char type, const std::string& data) {
  std::string out;
  for (std::size_t at = 0; at < data.size(); at += kMaxContent) out += record(type, data.substr(at, kMaxContent));
  out += record(type, "");
  return out;
}

void put_length(std::string& out, std::size_t length) {
  if (length < 128) {
    out += static_cast<char>(length);
    return;
  }
  out += static_cast<char>(((length >> 24) & 0x7f) | 0x80);
  out += static_cast<char>((length >> 16) & 0xff);
  out += static_cast<char>((length >> 8) & 0xff);
  out += static_cast<char>(length & 0xff);
}

std::string encode_params(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    put_length(out, name.size());
    put_length(out, value.size());
    out += name;
    out += value;
  }
  return out;
}

}  // namespace

int FastCgiAnswer::status() const {
  if (!ended && head.empty()) return 0;
  const auto at = head.find("Status: ");
  return at == std::string::npos ? 200 : std::stoi(head.substr(at + 8, 3));
}

FastCgiConnection::FastCgiConnection(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) throw std::runtime_error("socket path too long: " + path);
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to " + path + ": " + reason);
  }
}

FastCgiConnection::~FastCgiConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void FastCgiConnection::send_all(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("send to the pool failed: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
}

bool FastCgiConnection::read_exact(char* out, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, 10'000) <= 0) return false;
    const ssize_t n = ::read(fd_, out + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void FastCgiConnection::send_unfinished(const std::vector<std::pair<std::string, std::string>>& params) {
  const char begin[8] = {0, static_cast<char>(kResponder), 0, 0, 0, 0, 0, 0};
  send_all(record(kBeginRequest, std::string(begin, sizeof begin)) + record(kParams, encode_params(params)));
}

FastCgiAnswer FastCgiConnection::request(const std::vector<std::pair<std::string, std::string>>& params,
                                         const std::string& body, bool keep_connection) {
  const char begin[8] = {
      0, static_cast<char>(kResponder), static_cast<char>(keep_connection ? kKeepConn : 0), 0, 0, 0, 0, 0};
  send_all(record(kBeginRequest, std::string(begin, sizeof begin)) + stream(kParams, encode_params(params)) +
           stream(kStdin, body));
  std::string out;
  FastCgiAnswer answer;
  for (;;) {
    char header[8];
    if (!read_exact(header, sizeof header)) break;
    const auto type = static_cast<unsigned char>(header[1]);
    const std::size_t length =
        static_cast<std::size_t>(static_cast<unsigned char>(header[4])) << 8 | static_cast<unsigned char>(header[5]);
    std::string content(length + static_cast<unsigned char>(header[6]), '\0');
    if (!content.empty() && !read_exact(content.data(), content.size())) break;
    content.resize(length);
    if (type == kStdout) out += content;
    if (type == kEndRequest) {
      answer.ended = true;
      break;
    }
  }
  const auto split = out.find("\r\n\r\n");
  answer.head = out.substr(0, split);
  answer.body = split == std::string::npos ? std::string() : out.substr(split + 4);
  return answer;
}

bool FastCgiConnection::closed_by_peer(int millis) {
  pollfd ready{fd_, POLLIN, 0};
  if (::poll(&ready, 1, millis) <= 0) return false;
  char byte;
  return ::read(fd_, &byte, 1) == 0;
}

long FastCgiConnection::bytes_until_closed(int millis) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(millis);
  long count = 0;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd ready{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return -1;
    char buffer[512];
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n == 0) return count;
    if (n < 0) return -1;
    count += n;
  }
}

std::vector<std::pair<std::string, std::string>> nginx_like_params(const std::string& method, const std::string& uri,
                                                                   std::size_t content_length) {
  return {{"REQUEST_METHOD", method},
          {"REQUEST_URI", uri},
          {"CONTENT_LENGTH", content_length == 0 ? std::string() : std::to_string(content_length)},
          {"CONTENT_TYPE", content_length == 0 ? std::string() : "application/json"},
          {"REQUEST_ID", "fastcgi-test"},
          {"SERVER_PROTOCOL", "HTTP/1.1"},
          {"GATEWAY_INTERFACE", "CGI/1.1"}};
}

}  // namespace shop::test
