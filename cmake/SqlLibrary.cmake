# shop_add_sql_library(TARGET SOURCE_DIR dir HEADER include/path.hpp NAMESPACE ns)
# Every <area>/<name>.sql below SOURCE_DIR becomes a constant k<Area><Name> of NAMESPACE in a header generated
# at build time (cmake/EmbedSql.cmake), reached as #include "HEADER" by whatever links TARGET. Editing,
# adding or removing a .sql file regenerates it (in the manner of userver's userver_add_sql_library).
function(shop_add_sql_library target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "SOURCE_DIR;HEADER;NAMESPACE" "")
  get_filename_component(source_dir "${ARG_SOURCE_DIR}" ABSOLUTE)
  file(RELATIVE_PATH source_name "${PROJECT_SOURCE_DIR}" "${source_dir}")
  set(include_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_include")
  set(header "${include_dir}/${ARG_HEADER}")
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${target}.stamp")
  file(GLOB_RECURSE sql_files CONFIGURE_DEPENDS "${source_dir}/*.sql")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS "${header}"
    COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${source_dir}" "-DSOURCE_NAME=${source_name}" "-DOUTPUT=${header}" "-DNAMESPACE=${ARG_NAMESPACE}"
            "-DSTAMP=${stamp}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake"
    DEPENDS ${sql_files} "${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake"
    COMMENT "Embedding the SQL of ${source_name} in ${ARG_HEADER}"
    VERBATIM)
  add_custom_target(${target}_generate DEPENDS "${stamp}")
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE "${include_dir}")
  add_dependencies(${target} ${target}_generate)
endfunction()
