#include "fcgi/pool/curl_library.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace shop::fcgi {
namespace {

// The soname of Debian's libcurl4 (the package's dependency).
constexpr const char* kLibrary = "libcurl.so.4";

template <typename Function>
void resolve(void* library, const char* name, Function& target) {
  void* symbol = ::dlsym(library, name);
  if (symbol == nullptr) throw std::runtime_error(std::string(kLibrary) + " has no " + name);
  target = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
  // Never closed: the process uses it until it exits.
  void* library = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* error = ::dlerror();
    throw std::runtime_error(std::string("cannot load ") + kLibrary + ": " + (error != nullptr ? error : "?"));
  }
  CurlLibrary curl;
  resolve(library, "curl_easy_init", curl.easy_init);
  resolve(library, "curl_easy_cleanup", curl.easy_cleanup);
  resolve(library, "curl_easy_reset", curl.easy_reset);
  resolve(library, "curl_easy_setopt", curl.easy_setopt);
  resolve(library, "curl_easy_perform", curl.easy_perform);
  resolve(library, "curl_easy_getinfo", curl.easy_getinfo);
  resolve(library, "curl_easy_strerror", curl.easy_strerror);
  resolve(library, "curl_slist_append", curl.slist_append);
  resolve(library, "curl_slist_free_all", curl.slist_free_all);
  decltype(&::curl_global_init) global_init = nullptr;
  resolve(library, "curl_global_init", global_init);
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  return curl;
}

}  // namespace

const CurlLibrary& CurlLibrary::get() {
  static const CurlLibrary curl = load();
  return curl;
}

}  // namespace shop::fcgi
