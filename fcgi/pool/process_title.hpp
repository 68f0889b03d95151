#pragma once

#include <string_view>

namespace shop::fcgi {

/// Remembers where the command line lives (argv's strings, one block of memory), so that set_process_title
/// can write over it. Call once at the start of main, after copying anything still needed out of argv.
void init_process_title(int argc, char** argv) noexcept;

/// Shows `title` ("shop: worker") as the process's command line (`ps -o args`, /proc/PID/cmdline: argv's
/// memory overwritten, cut to its size) and name (`ps -o comm`, prctl PR_SET_NAME: 15 characters at most).
void set_process_title(std::string_view title) noexcept;

}  // namespace shop::fcgi
