#pragma once

#include <curl/curl.h>

namespace shop::fcgi {

/// libcurl, loaded by the one process that sends HTTP (the outbox relay) when it starts, not linked into the
/// binary. Linked, libcurl and the libraries it pulls in (gnutls, p11-kit, nettle, ssh2, rtmp...) would be
/// loaded and initialised in every process of the pool: about 3 MiB of the master's RSS and 0.5 MiB of each
/// worker's, for nothing.
struct CurlLibrary {
  /// Loads libcurl.so.4 and runs curl_global_init, once per process; throws std::runtime_error when it cannot.
  static const CurlLibrary& get();

  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_reset) easy_reset = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
};

}  // namespace shop::fcgi
