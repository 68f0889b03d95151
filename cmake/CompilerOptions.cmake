# One INTERFACE target carries warnings, -Werror and sanitizers to every target of the project.
add_library(shop_options INTERFACE)
target_compile_options(shop_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                                              -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
if(SHOP_WERROR)
  target_compile_options(shop_options INTERFACE -Werror)
endif()
if(SHOP_SANITIZE)
  # vptr checks need the type information of Debian's libsoci, which it does not export.
  target_compile_options(shop_options INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
                                                -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(shop_options INTERFACE -fsanitize=address,undefined)
  # The sanitizers' instrumentation makes GCC 12 report false "may be used uninitialized" inside libstdc++
  # (std::regex's std::function moves); GCC documents the warning as unreliable under -fsanitize.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(shop_options INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()
target_include_directories(shop_options INTERFACE ${PROJECT_SOURCE_DIR})

# Release: -O2 (as Debian builds its packages, not CMake's -O3) and the pool's binary optimised across files
# at link time, with unused code dropped. Each process maps every code page it touches (a fault maps up to
# 64 KiB around it), so smaller code is less memory in every worker: the binary's code went from 1.04 to
# 0.43 MiB and a pool of 8 workers from 67 to 63 MiB resident (bench/README.md). The objects are "fat": the
# test programs link their ordinary code, which keeps their hundred links quick. Not with the sanitizers.
set(SHOP_LINK_TIME_OPTIMIZATION "")
if(CMAKE_BUILD_TYPE STREQUAL "Release" AND NOT SHOP_SANITIZE)
  string(REPLACE "-O3" "-O2" CMAKE_CXX_FLAGS_RELEASE "${CMAKE_CXX_FLAGS_RELEASE}")
  target_compile_options(shop_options INTERFACE -flto=auto -ffat-lto-objects -ffunction-sections -fdata-sections)
  target_link_options(shop_options INTERFACE -Wl,--gc-sections)
  set(SHOP_LINK_TIME_OPTIMIZATION -flto=auto)
endif()
