# Run at build time (cmake -P) by shop_add_sql_library (cmake/SqlLibrary.cmake): writes one C++ header that
# holds every statement of SOURCE_DIR (<area>/<name>.sql) as
#   inline constexpr const char* k<Area><Name> = R"SQL(...)SQL";
# in NAMESPACE. Whole-line `--` comments are dropped: they explain the statement to its reader, and SOCI's
# `:name` parsing does not know comments (a colon in one would become a parameter). The header is rewritten
# only when its text changes, so editing a comment recompiles nothing.
#   -DSOURCE_DIR=... -DSOURCE_NAME=sql/queries -DOUTPUT=... -DNAMESPACE=... [-DSTAMP=...]
cmake_minimum_required(VERSION 3.25)
foreach(var SOURCE_DIR SOURCE_NAME OUTPUT NAMESPACE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "EmbedSql.cmake: ${var} is not set")
  endif()
endforeach()

# snake_case words -> CamelCase
function(shop_camel_case out text)
  string(REPLACE "_" ";" words "${text}")
  set(result "")
  foreach(word IN LISTS words)
    string(SUBSTRING "${word}" 0 1 first)
    string(SUBSTRING "${word}" 1 -1 rest)
    string(TOUPPER "${first}" first)
    string(APPEND result "${first}${rest}")
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.sql")
list(SORT files)
set(text "// Generated at build time by cmake/EmbedSql.cmake from the .sql files: edit those, not this header.\n")
string(APPEND text "#pragma once\n\nnamespace ${NAMESPACE} {\n")
set(names "")
foreach(file IN LISTS files)
  if(NOT file MATCHES "^([a-z][a-z0-9_]*)/([a-z][a-z0-9_]*)\\.sql$")
    message(FATAL_ERROR "${SOURCE_DIR}/${file}: a query file is <area>/<name>.sql, lower case")
  endif()
  shop_camel_case(area "${CMAKE_MATCH_1}")
  shop_camel_case(name "${CMAKE_MATCH_2}")
  set(constant "k${area}${name}")
  if(constant IN_LIST names)
    message(FATAL_ERROR "${SOURCE_DIR}/${file}: a second file named ${constant}")
  endif()
  list(APPEND names "${constant}")

  file(READ "${SOURCE_DIR}/${file}" sql)
  string(REGEX REPLACE "\r" "" sql "\n${sql}")
  string(REGEX REPLACE "\n[ \t]*--[^\n]*" "" sql "${sql}")
  string(STRIP "${sql}" sql)
  if(sql STREQUAL "")
    message(FATAL_ERROR "${SOURCE_DIR}/${file}: no statement")
  endif()
  # A comment after code would reach PostgreSQL and SOCI's parameter parser: comments go on their own lines.
  if(sql MATCHES "--")
    message(FATAL_ERROR "${SOURCE_DIR}/${file}: '--' after code; put comments on lines of their own")
  endif()
  if(sql MATCHES "\\)SQL\"")
    message(FATAL_ERROR "${SOURCE_DIR}/${file}: contains the raw string's delimiter )SQL\"")
  endif()
  string(APPEND text "\n/// ${SOURCE_NAME}/${file}\ninline constexpr const char* ${constant} = R\"SQL(${sql})SQL\";\n")
endforeach()
string(APPEND text "\n}  // namespace ${NAMESPACE}\n")

file(WRITE "${OUTPUT}.tmp" "${text}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
if(DEFINED STAMP)
  file(TOUCH "${STAMP}")
endif()
