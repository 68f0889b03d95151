#include "fcgi/pool/process_title.hpp"

#include <sys/prctl.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace shop::fcgi {
namespace {

char* g_start = nullptr;
std::size_t g_size = 0;

}  // namespace

void init_process_title(int argc, char** argv) noexcept {
  if (argc <= 0 || argv[0] == nullptr) return;
  // The strings are laid out one after another; stop at the first gap.
  char* end = argv[0] + std::strlen(argv[0]) + 1;
  for (int i = 1; i < argc && argv[i] == end; ++i) end = argv[i] + std::strlen(argv[i]) + 1;
  g_start = argv[0];
  g_size = static_cast<std::size_t>(end - argv[0]);
}

void set_process_title(std::string_view title) noexcept {
  const std::string name(title.substr(0, 15));
  ::prctl(PR_SET_NAME, name.c_str(), 0, 0, 0);
  if (g_start == nullptr || g_size < 2) return;
  const std::size_t length = std::min(title.size(), g_size - 1);
  std::memcpy(g_start, title.data(), length);
  // Zeros to the end: the kernel shows the command line up to the first NUL of its last byte's block.
  std::memset(g_start + length, 0, g_size - length);
}

}  // namespace shop::fcgi
