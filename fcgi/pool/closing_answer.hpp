#pragma once

#include <string_view>

namespace shop::fcgi {

/// Answers the request on a kept connection so that nginx does not keep it, and closes it. A worker cannot
/// close a kept connection on its own: nginx may already be sending the next request on it, and a POST cut off
/// that way is a 502. So the answer's records (STDOUT, its end, END_REQUEST) go out in one write followed by
/// one more record: nginx, finding bytes after END_REQUEST in what it read, ends the response without keeping
/// the connection (ngx_http_fastcgi_input_filter), and never sends on it again.
/// `answer` is the CGI head and body; false when the connection broke (it is closed anyway).
bool send_closing_answer(int fd, int request_id, std::string_view answer);

}  // namespace shop::fcgi
