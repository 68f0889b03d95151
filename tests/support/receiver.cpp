#include "tests/support/receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "tests/support/env.hpp"

namespace shop::test {
namespace {

using std::chrono::milliseconds;

constexpr int kSliceMs = 100;  // how often blocked threads look at stopping_
constexpr std::size_t kMaxRequestBytes = 1 << 20;

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

/// True when the client has closed its side (or the connection broke); never blocks.
bool peer_gone(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0) return true;
  char byte;
  return ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

bool write_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string response(int status, const std::string& body) {
  const std::string reason = status == 200 ? "OK" : "Internal Server Error";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

std::optional<std::string> ReceivedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return std::nullopt;
}

Receiver::Receiver() : Receiver(std::stoi(require_env("SHOP_TEST_RECEIVER_PORT"))) {}

Receiver::Receiver(int port) : port_(port) {}

Receiver::Receiver(int port, std::string address) : port_(port), address_(std::move(address)) {}

Receiver::~Receiver() {
  stop();
}

void Receiver::start() {
  if (listening()) return;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  if (::inet_pton(AF_INET, address_.c_str(), &address.sin_addr) != 1) {
    ::close(fd);
    throw std::runtime_error("the receiver's address is no IPv4 address: " + address_);
  }
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("the receiver cannot listen on " + address_ + ":" + std::to_string(port_) + ": " + why);
  }
  listen_fd_ = fd;
  stopping_ = false;
  acceptor_ = std::thread(&Receiver::accept_loop, this);
}

void Receiver::stop() {
  if (!listening()) return;
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  mode_changed_.notify_all();
  acceptor_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  std::vector<std::thread> connections;
  {
    const std::lock_guard lock(mutex_);
    for (const int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    connections.swap(connections_);
  }
  for (auto& connection : connections) connection.join();
}

void Receiver::answer_failing_first(int count) {
  {
    const std::lock_guard lock(mutex_);
    hanging_ = false;
    fail_first_ = count;
    failing_key_.reset();
  }
  mode_changed_.notify_all();
}

void Receiver::answer_failing_for(const std::string& idempotency_key, const std::string& body) {
  {
    const std::lock_guard lock(mutex_);
    hanging_ = false;
    fail_first_ = 0;
    failing_key_ = idempotency_key;
    failing_body_ = body;
  }
  mode_changed_.notify_all();
}

void Receiver::hang() {
  const std::lock_guard lock(mutex_);
  hanging_ = true;
}

std::vector<ReceivedRequest> Receiver::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

void Receiver::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const std::lock_guard lock(mutex_);
    open_fds_.insert(fd);
    connections_.emplace_back(&Receiver::serve, this, fd, ++accepted_);
  }
}

void Receiver::serve(int fd, int connection) {
  std::string buffer;
  ReceivedRequest request;
  while (read_request(fd, buffer, request)) {
    request.connection = connection;
    const bool close_after = same_name(request.header("Connection").value_or(""), "close");
    std::unique_lock lock(mutex_);
    const std::size_t index = requests_.size();
    requests_.push_back(std::move(request));
    request = {};
    const auto [status, body] = decide(lock, fd, index);
    if (status == 0) break;
    lock.unlock();
    const bool written = write_all(fd, response(status, body));
    lock.lock();
    if (written) requests_[index].answered = status;
    if (!written || close_after) break;
  }
  const std::lock_guard lock(mutex_);
  open_fds_.erase(fd);
  ::close(fd);
}

std::pair<int, std::string> Receiver::decide(std::unique_lock<std::mutex>& lock, int fd, std::size_t index) {
  while (hanging_) {
    if (stopping_ || peer_gone(fd)) return {0, {}};
    mode_changed_.wait_for(lock, milliseconds(kSliceMs));
  }
  if (stopping_) return {0, {}};
  const std::string key = requests_[index].header("Idempotency-Key").value_or("");
  if (key == failing_key_) return {500, failing_body_};
  if (++answered_per_key_[key] <= fail_first_) return {500, "{\"error\":\"the test receiver fails on purpose\"}"};
  return {200, "{}"};
}

bool Receiver::read_request(int fd, std::string& buffer, ReceivedRequest& request) {
  std::size_t head_end = std::string::npos;
  std::size_t body_length = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = buffer.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        // Request line and headers; only Content-Length bodies (libcurl sends one for POSTFIELDS).
        std::string_view head(buffer.data(), head_end);
        std::size_t line_end = head.find("\r\n");
        const std::string_view first = head.substr(0, line_end);
        const auto space = first.find(' ');
        const auto second_space = first.find(' ', space + 1);
        if (space == std::string_view::npos || second_space == std::string_view::npos) return false;
        request.method = std::string(first.substr(0, space));
        request.target = std::string(first.substr(space + 1, second_space - space - 1));
        while (line_end != std::string_view::npos) {
          const std::size_t start = line_end + 2;
          line_end = head.find("\r\n", start);
          const std::string_view line =
              head.substr(start, line_end == std::string_view::npos ? line_end : line_end - start);
          const auto colon = line.find(':');
          if (colon == std::string_view::npos) continue;
          request.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
        }
        if (request.header("Transfer-Encoding")) return false;
        body_length = static_cast<std::size_t>(std::stoull(request.header("Content-Length").value_or("0")));
      }
    }
    if (head_end != std::string::npos && buffer.size() >= head_end + 4 + body_length) {
      request.body = buffer.substr(head_end + 4, body_length);
      buffer.erase(0, head_end + 4 + body_length);
      return true;
    }
    if (buffer.size() > kMaxRequestBytes) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, kSliceMs);
    if (stopping_) return false;
    if (ready <= 0) continue;
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace shop::test
