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
