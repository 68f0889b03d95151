# Debian 12 ships SOCI 4.0.3 and libfcgi without CMake configs: find them by name.
find_package(PostgreSQL REQUIRED)
find_package(CURL REQUIRED)
find_package(RapidJSON QUIET)

find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(shop_soci INTERFACE)
target_include_directories(shop_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(shop_soci INTERFACE ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY} PostgreSQL::PostgreSQL)

find_path(FCGI_INCLUDE_DIR fcgiapp.h REQUIRED)
find_library(FCGI_LIBRARY fcgi REQUIRED)
add_library(shop_fcgi_lib INTERFACE)
target_include_directories(shop_fcgi_lib SYSTEM INTERFACE ${FCGI_INCLUDE_DIR})
target_link_libraries(shop_fcgi_lib INTERFACE ${FCGI_LIBRARY})

find_path(RAPIDJSON_HEADER_DIR rapidjson/document.h REQUIRED)
add_library(shop_rapidjson INTERFACE)
target_include_directories(shop_rapidjson SYSTEM INTERFACE ${RAPIDJSON_HEADER_DIR})

# libsodium: hashes (request fingerprints), and later passwords and tokens. Debian's libsodium-dev has a
# pkg-config file.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
add_library(shop_sodium INTERFACE)
target_link_libraries(shop_sodium INTERFACE PkgConfig::SODIUM)

# libsystemd: sd_notify for a Type=notify unit (Debian's libsystemd-dev); outside systemd it does nothing.
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
add_library(shop_systemd INTERFACE)
target_link_libraries(shop_systemd INTERFACE PkgConfig::SYSTEMD)
