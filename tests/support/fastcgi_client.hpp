#pragma once

#include <string>
#include <utility>
#include <vector>

namespace shop::test {

/// The pool's answer to one FastCGI request: its CGI header block and body, split.
struct FastCgiAnswer {
  std::string head;  ///< "Status: 200 OK\r\nContent-Type: ..." without the blank line
  std::string body;
  bool ended = false;  ///< an END_REQUEST record arrived

  /// The number of the Status header (200 when the pool sends none); 0 when there is no answer.
  int status() const;
};

/// One connection to the pool's FastCGI socket, speaking the protocol the way nginx does, so that the pool can
/// be tested without nginx in front: what it does with kept connections, oversized bodies and early hang-ups.
class FastCgiConnection {
 public:
  /// Connects to the unix socket at `path`; throws std::runtime_error when it cannot.
  explicit FastCgiConnection(const std::string& path);
  ~FastCgiConnection();
  FastCgiConnection(const FastCgiConnection&) = delete;
  FastCgiConnection& operator=(const FastCgiConnection&) = delete;

  /// Sends one request (request id 1) with `params` and `body`, asking to keep the connection when
  /// `keep_connection`, and reads records until END_REQUEST, the connection's end, or 10 s.
  FastCgiAnswer request(const std::vector<std::pair<std::string, std::string>>& params, const std::string& body,
                        bool keep_connection);
  /// Sends the start of a request (BEGIN and `params`) but never the end of its params: a client that hangs
  /// up mid-request.
  void send_unfinished(const std::vector<std::pair<std::string, std::string>>& params);
  /// True when the pool closed the connection (a read finds its end within `millis`).
  bool closed_by_peer(int millis);
  /// Reads what the pool sends until it closes the connection, within `millis` in all: how many bytes came
  /// first, or -1 when the connection is still open then.
  long bytes_until_closed(int millis);

 private:
  void send_all(const std::string& bytes);
  bool read_exact(char* out, std::size_t size);
  int fd_ = -1;
};

/// The FastCGI params nginx sends for `method` `uri` with a body of `content_length` bytes (shop.conf.template).
std::vector<std::pair<std::string, std::string>> nginx_like_params(const std::string& method, const std::string& uri,
                                                                   std::size_t content_length);

}  // namespace shop::test
