# shellcheck shell=bash
# Shared functions of scripts/up, scripts/down, scripts/test and scripts/migrate.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   (defines functions and constants, runs nothing)
#
# Runtime state lives under ROOT/.run (gitignored), see ensure_run_dir:
#   .run/pg/            embedded PostgreSQL: data/ (the cluster), the socket, postgres.log
#   .run/shop.sock      the pool's FastCGI socket        .run/shop.pid, .run/shop.log
#   .run/nginx/         rendered nginx.conf, nginx.pid, access.log, error.log, tmp/
#   .run/admin-token    generated admin token (mode 600)
#   .run/test-XXXXXX/   one throwaway stack per scripts/test run

if [[ -n "${SHOP_LIB_LOADED:-}" ]]; then return 0; fi
SHOP_LIB_LOADED=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# The clusters listen on their own socket directory only, so every cluster can use the usual number.
PG_PORT=5432
# sun_path holds 108 bytes; keep every socket path well below that.
SOCKET_PATH_MAX=100
# Longest socket path below a run dir: test-XXXXXX/pg/.s.PGSQL.5432
SOCKET_SUFFIX_MAX=32

SHOP_PACKAGES=(libfcgi-dev libsoci-dev rapidjson-dev libboost-test-dev libpq-dev libcurl4-openssl-dev libsodium-dev pkg-config
  postgresql nginx-light cmake g++ make curl)

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------------------------------------- packages

pkg_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

# Installs the packages the project needs, only those missing (so a re-run costs a few dpkg-query calls).
ensure_packages() {
  local missing=() p
  for p in "${SHOP_PACKAGES[@]}"; do
    pkg_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if ! is_root; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "missing packages: ${missing[*]}; as root: apt-get update && apt-get install -y ${missing[*]}"
    fi
  fi
  log "installing ${missing[*]}"
  # Debian's maintainer scripts would start the system nginx (on *:80) and a system PostgreSQL cluster;
  # the project runs private instances and needs only the binaries. policy-rc.d exit 101 = "don't start".
  local policy=/usr/sbin/policy-rc.d added=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# temporary, from Shop scripts/lib.sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    added=1
  fi
  {
    "${sudo[@]}" apt-get update -q &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } || rc=$?
  if ((added)); then "${sudo[@]}" rm -f "$policy"; fi
  ((rc == 0)) || die "apt-get failed ($rc)"
}

# ------------------------------------------------------------------------------------------- npm tooling
# The shop runs without Node. Node and npm bring the docs page (tools/docs: swagger-ui-dist, served by nginx
# at /docs/) and the API checks of scripts/test (tools/check: redocly, prism, playwright-core), each folder
# pinned by its package.json and package-lock.json.

# ensure_node: node and npm on PATH, from Debian's packages (nodejs, npm) when either is missing.
ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return 0; fi
  local SHOP_PACKAGES=(nodejs npm)
  ensure_packages
  command -v node >/dev/null && command -v npm >/dev/null || die "no node/npm even after installing nodejs npm"
}

# npm_tools DIR: DIR/node_modules exactly as DIR/package-lock.json pins it (npm ci), unless it already is: a
# stamp in node_modules holds the hash of package.json and the lock it was installed from. Packages' install
# scripts are not run: none of these needs one (swagger-ui-dist's only one is @scarf/scarf's telemetry).
# Returns non-zero when npm fails (no registry, say), so the caller decides whether that is fatal.
npm_tools() {
  local dir=$1 sum stamp
  [[ -f $dir/package.json && -f $dir/package-lock.json ]] || die "no package.json and package-lock.json in $dir"
  sum=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)
  stamp="$dir/node_modules/.shop-lock-sha256"
  if [[ -f $stamp && $(<"$stamp") == "$sum" ]]; then return 0; fi
  ensure_node
  log "installing the npm tooling of $dir (npm ci)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
  printf '%s\n' "$sum" >"$stamp"
}

# ------------------------------------------------------------------------------------------------- build

# build_shop BUILD_DIR [extra cmake args]: configure (Release unless an extra arg says otherwise) and build.
build_shop() {
  local dir=$1
  shift
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$dir" -j "${SHOP_BUILD_JOBS:-2}"
}

# --------------------------------------------------------------------------------------------- run dir

# Sets RUN_DIR to the physical path of ROOT/.run, creating it. It is a symlink to /tmp/shop-run-HASH
# instead of a directory when the postgres user cannot traverse ROOT (a clone under /root) or when the
# socket paths below it would get too long for sun_path.
ensure_run_dir() {
  local link="$ROOT/.run" target reason=""
  if [[ -L $link ]]; then
    target=$(readlink "$link")
    if [[ ! -d $target ]]; then # /tmp was cleaned since
      mkdir -m 755 "$target"
    fi
    [[ -O $target ]] || die "$target (target of .run) belongs to someone else"
  elif [[ ! -e $link ]]; then
    if is_root && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
      reason="user postgres cannot enter $ROOT"
    elif ((${#ROOT} + 5 + SOCKET_SUFFIX_MAX > SOCKET_PATH_MAX)); then
      reason="socket paths under $ROOT/.run would pass $SOCKET_PATH_MAX characters"
    fi
    if [[ -n $reason ]]; then
      target="/tmp/shop-run-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
      [[ -d $target ]] || mkdir -m 755 "$target"
      [[ -O $target ]] || die "$target belongs to someone else"
      chmod 755 "$target"
      ln -s "$target" "$link"
      log "$reason: .run is a symlink to $target"
    else
      mkdir -m 755 "$link"
    fi
  fi
  # shellcheck disable=SC2034 # read by the scripts that source this file
  RUN_DIR="$(cd "$link" && pwd -P)"
}

# Physical path of ROOT/.run if it exists (without creating anything), else nothing.
existing_run_dir() {
  if [[ -d "$ROOT/.run" ]]; then (cd "$ROOT/.run" && pwd -P); fi
}

# ----------------------------------------------------------------------------------------------- process

# proc_alive PID: the process exists and is not a zombie (a child we have not reaped yet still answers
# kill -0).
proc_alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# pid_from_file PIDFILE [MARKER]: prints the pid when that process is alive and, given MARKER, its command
# line contains MARKER (a pid file left over from before a reboot may name an unrelated process).
pid_from_file() {
  local file=$1 marker=${2:-} pid
  [[ -r $file ]] || return 1
  pid=$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')
  [[ -n $pid ]] || return 1
  proc_alive "$pid" || return 1
  if [[ -n $marker ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  fi
  printf '%s\n' "$pid"
}

# stop_pidfile PIDFILE MARKER SIGNAL SECONDS NAME: sends SIGNAL, waits up to SECONDS, then SIGKILL.
stop_pidfile() {
  local file=$1 marker=$2 sig=$3 secs=$4 name=$5 pid i
  if ! pid=$(pid_from_file "$file" "$marker"); then
    rm -f "$file"
    return 0
  fi
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    proc_alive "$pid" || break
    sleep 0.1
  done
  if proc_alive "$pid"; then
    log "$name (pid $pid) still running after ${secs}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      proc_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$file"
  log "stopped $name (pid $pid)"
}

# free_port: prints a TCP port of 127.0.0.1 that nothing listens on (probed with bash's /dev/tcp).
free_port() {
  local i p
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  die "no free port found"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# -------------------------------------------------------------------------------------------- PostgreSQL

# Directory of initdb/pg_ctl: the highest installed version (they are not on PATH).
pg_bindir() {
  local ctl
  ctl=$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)
  [[ -x $ctl ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
  dirname "$ctl"
}

# as_pg CMD...: initdb and postgres refuse root, so as root run them as postgres (from /, a directory it
# can enter: initdb and pg_ctl fail when they cannot read their working directory).
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Command line (for sh -c / system()) that runs CMD... as as_pg does.
as_pg_cmdline() {
  local q
  printf -v q '%q ' "$@"
  if is_root; then
    printf 'cd / && runuser -u postgres -- %s\n' "${q% }"
  else
    printf '%s\n' "${q% }"
  fi
}

# Quotes a libpq connection string value when it needs it.
pq_quote() {
  local v=$1
  if [[ $v =~ ^[A-Za-z0-9_./-]+$ ]]; then
    printf '%s' "$v"
  else
    v=${v//\\/\\\\}
    v=${v//\'/\\\'}
    printf "'%s'" "$v"
  fi
}

# pg_url DIR [DB]: libpq connection string of the cluster in DIR (unix socket, user postgres, trust).
pg_url() {
  printf 'host=%s port=%s user=postgres dbname=%s\n' "$(pq_quote "$1")" "$PG_PORT" "$(pq_quote "${2:-shop}")"
}

# pg_init DIR [--no-sync] [postgresql.conf lines...]: creates a cluster in DIR/data unless there is one.
# DIR is its socket directory too and holds postgres.log; DIR belongs to postgres.
pg_init() {
  local dir=$1 nosync=()
  shift
  if [[ ${1:-} == --no-sync ]]; then
    nosync=(--no-sync)
    shift
  fi
  [[ -f $dir/data/PG_VERSION ]] && return 0
  [[ $dir != *\'* ]] || die "a quote in $dir"
  mkdir -p "$dir"
  chmod 755 "$dir"
  if is_root; then chown postgres:postgres "$dir"; fi
  if ! as_pg "$(pg_bindir)/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=reject "${nosync[@]}" >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed in $dir/data"
  fi
  {
    printf '\n# Shop: a private cluster reached through its own unix socket only (scripts/lib.sh).\n'
    printf "listen_addresses = ''\n"
    printf "unix_socket_directories = '%s'\n" "$dir"
    printf 'port = %s\n' "$PG_PORT"
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
  } >>"$dir/data/postgresql.conf"
  log "initialized PostgreSQL cluster in $dir/data"
}

pg_running() {
  [[ -f $1/data/PG_VERSION ]] && as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

pg_start() {
  local dir=$1
  if pg_running "$dir"; then
    log "PostgreSQL already running in $dir"
    return 0
  fi
  if ! as_pg "$(pg_bindir)/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 start >/dev/null; then
    tail -n 30 "$dir/postgres.log" >&2 || true
    die "PostgreSQL did not start in $dir"
  fi
  log "started PostgreSQL in $dir"
}

pg_stop() {
  local dir=$1
  pg_running "$dir" || return 0
  as_pg "$(pg_bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
  log "stopped PostgreSQL in $dir"
}

# Shell commands (for system()) that stop (fast), stop at once (immediate: the server and its sessions are
# killed as in a crash, and the next start recovers from the WAL) and start the cluster in DIR.
pg_stop_cmdline() { as_pg_cmdline "$(pg_bindir)/pg_ctl" -D "$1/data" -m fast -w -t 30 stop; }
pg_kill_cmdline() { as_pg_cmdline "$(pg_bindir)/pg_ctl" -D "$1/data" -m immediate -w -t 30 stop; }
pg_start_cmdline() { as_pg_cmdline "$(pg_bindir)/pg_ctl" -D "$1/data" -l "$1/postgres.log" -w -t 30 start; }

# pg_ensure_db DIR [DB]: creates database DB (shop) in the cluster of DIR if missing.
pg_ensure_db() {
  local dir=$1 db=${2:-shop} found
  found=$(psql -X -qAt -d "$(pg_url "$dir" postgres)" -v db="$db" \
    <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [[ $found != 1 ]]; then
    psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url "$dir" postgres)" -v db="$db" <<<'CREATE DATABASE :"db";'
    log "created database $db"
  fi
}

# ------------------------------------------------------------------------------------------------- pool

# pool_master_pid PIDFILE: the pool master's pid when it runs. Its command line is its title, "shop: master"; one
# started before the pool had titles still shows its pid file there.
pool_master_pid() { pid_from_file "$1" "shop: master" || pid_from_file "$1" "$1"; }
pool_running() { pool_master_pid "$1" >/dev/null; }

# pool_start BIN SOCKET PIDFILE LOGFILE [extra args]: starts the pool detached (it does not daemonize) with
# the current environment, and waits (15 s at most) until its socket and pid file exist.
pool_start() {
  local bin=$1 sock=$2 pidfile=$3 logfile=$4 pid i
  shift 4
  [[ -x $bin ]] || die "no pool binary at $bin (build first)"
  # No pool runs on this socket (the caller checked): a leftover file would look like a fresh one.
  rm -f "$sock" "$pidfile"
  # The pool writes its log to SHOP_LOG_FILE itself (and reopens it on SIGUSR1, for logrotate without
  # copytruncate); the redirection only catches what it says before it has opened the file.
  SHOP_LOG_FILE=$logfile setsid nohup "$bin" --socket "$sock" --pid-file "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  pid=$!
  for ((i = 0; i < 150; i++)); do
    if [[ -S $sock && -s $pidfile ]]; then
      log "started pool (pid $(head -n1 "$pidfile")) on $sock, log $logfile"
      return 0
    fi
    if ! proc_alive "$pid"; then
      tail -n 30 "$logfile" >&2 || true
      die "the pool exited at start (log: $logfile)"
    fi
    sleep 0.1
  done
  tail -n 30 "$logfile" >&2 || true
  die "the pool made no socket $sock within 15 s (log: $logfile)"
}

# SIGTERM is a graceful stop that may take ~10 s; SIGKILL after 15 s.
pool_stop() {
  local marker="shop: master"
  pid_from_file "$1" "$marker" >/dev/null || marker=$1 # a pool from before the titles
  stop_pidfile "$1" "$marker" TERM 15 pool
}

# ------------------------------------------------------------------------------------------------- nginx

sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# nginx_render NGINX_DIR HTTP_PORT UPSTREAM [AUTH_RATE [CORS_ORIGINS]]: writes NGINX_DIR/nginx.conf from
# nginx/shop.conf.template and copies the snippets it includes (nginx/snippets/) to NGINX_DIR/snippets/.
# AUTH_RATE: sign-ups and sign-ins per second per client address (default 5, 0: no limit). CORS_ORIGINS: the
# origins whose pages may call the API, comma-separated, each scheme://host[:port] as a browser sends it in
# Origin (default none: same origin only).
nginx_render() {
  local dir=$1 port=$2 upstream=$3 rate=${4:-5} origins=${5:-} user_line="# user: not root, nginx runs its workers as itself"
  local zone limit cors_lines="" cors_vary="" origin
  if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then die "bad HTTP port: $port"; fi
  # nginx takes whole requests per second (r/s); 0 leaves the limit out.
  if ! [[ $rate =~ ^(0|[1-9][0-9]{0,5})$ ]]; then die "bad SHOP_AUTH_RATE: '$rate' (requests per second, 0 for none)"; fi
  if ((rate == 0)); then
    zone="# SHOP_AUTH_RATE=0: sign-up and sign-in are not rate limited"
    limit="# SHOP_AUTH_RATE=0: no limit"
  else
    zone="limit_req_zone \$shop_auth_limit_key zone=shop_auth:1m rate=${rate}r/s;"
    limit="limit_req zone=shop_auth burst=20 nodelay;"
  fi
  if [[ -n $origins ]]; then
    local -a items
    IFS=, read -r -a items <<<"$origins"
    ((${#items[@]} > 0)) || die "bad SHOP_CORS_ORIGINS: '$origins'"
    for origin in "${items[@]}"; do
      cors_origin_valid "$origin" ||
        die "bad origin in SHOP_CORS_ORIGINS: '$origin' (comma-separated scheme://host[:port], no spaces, no '*', no path)"
      # Each line of the map: "origin" $http_origin; (sed turns \n into a line break).
      cors_lines+="\"$origin\" \$http_origin;\\n        "
    done
    cors_lines=${cors_lines%\\n        }
    cors_vary=Origin
  else
    cors_lines="# SHOP_CORS_ORIGINS unset: same origin only, no CORS headers"
  fi
  if is_root; then user_line="user root;"; fi
  mkdir -p "$dir"/tmp/{client_body,fastcgi,proxy,scgi,uwsgi} "$dir/snippets"
  sed -e "s|@HTTP_PORT@|$(sed_escape "$port")|g" \
    -e "s|@RUN_DIR@|$(sed_escape "$dir")|g" \
    -e "s|@UPSTREAM@|$(sed_escape "$upstream")|g" \
    -e "s|@USER_LINE@|$(sed_escape "$user_line")|g" \
    -e "s|@DOCS_DIR@|$(sed_escape "$ROOT/tools/docs")|g" \
    -e "s|@OPENAPI_FILE@|$(sed_escape "$ROOT/openapi/openapi.yaml")|g" \
    -e "s|@AUTH_LIMIT_ZONE@|$(sed_escape "$zone")|g" \
    -e "s|@AUTH_LIMIT@|$(sed_escape "$limit")|g" \
    -e "s|@CORS_ORIGINS@|$cors_lines|g" \
    -e "s|@CORS_VARY@|$cors_vary|g" \
    "$ROOT/nginx/shop.conf.template" >"$dir/nginx.conf.new"
  if grep -qE '@[A-Z_]+@' "$dir/nginx.conf.new"; then die "placeholder left in $dir/nginx.conf.new"; fi
  cp "$ROOT"/nginx/snippets/*.conf "$dir/snippets/"
  mv "$dir/nginx.conf.new" "$dir/nginx.conf"
}

# cors_origin_valid ORIGIN: http(s)://host[:port] exactly as a browser writes it in Origin: a DNS name or
# IPv4 address (or an IPv6 one in brackets), a port only when it is not the scheme's default, nothing else
# (no path, no "*", no quote: it goes into nginx.conf as it is).
cors_origin_valid() {
  local origin=$1 host='([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*'
  ((${#origin} <= 200)) || return 1
  [[ $origin =~ ^(https?)://($host|\[[0-9A-Fa-f:.]+\])(:([1-9][0-9]{0,4}))?$ ]] || return 1
  local scheme=${BASH_REMATCH[1]} port=${BASH_REMATCH[-1]}
  if [[ -n $port ]]; then
    ((port <= 65535)) || return 1
    [[ ! ($scheme == http && $port == 80) && ! ($scheme == https && $port == 443) ]] || return 1
  fi
}

nginx_cmd() { nginx -p "$1" -e "$1/error.log" -c "$1/nginx.conf" "${@:2}"; }

nginx_pid() { pid_from_file "$1/nginx.pid" "$1/nginx.conf"; }

# nginx_start NGINX_DIR: checks the config, starts nginx, or reloads it when it already runs.
nginx_start() {
  local dir=$1 i
  nginx_cmd "$dir" -t -q || die "bad nginx config $dir/nginx.conf"
  if nginx_pid "$dir" >/dev/null; then
    nginx_cmd "$dir" -s reload
    log "reloaded nginx ($dir/nginx.conf)"
    return 0
  fi
  nginx_cmd "$dir" || die "nginx did not start (see $dir/error.log)"
  for ((i = 0; i < 50; i++)); do
    if nginx_pid "$dir" >/dev/null; then
      log "started nginx ($dir/nginx.conf)"
      return 0
    fi
    sleep 0.1
  done
  die "nginx wrote no pid file $dir/nginx.pid"
}

# SIGQUIT: graceful (lets requests in flight finish); SIGKILL after 10 s.
nginx_stop() { stop_pidfile "$1/nginx.pid" "$1/nginx.conf" QUIT 10 nginx; }

# -------------------------------------------------------------------------------------------- readiness

# wait_health BASE_URL SECONDS: until GET /api/v1/health answers "status":"UP".
wait_health() {
  local url="$1/api/v1/health" secs=$2 deadline body
  deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    body=$(curl -s -m 2 "$url" 2>/dev/null || true)
    if [[ $body =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]; then return 0; fi
    sleep 0.3
  done
  log "no \"status\":\"UP\" from $url within ${secs}s; last answer: ${body:-none}"
  return 1
}

# tail_logs FILE...: the end of each existing file, on stderr.
tail_logs() {
  local f
  for f in "$@"; do
    if [[ -s $f ]]; then
      printf '\n----- %s (last 40 lines) -----\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

random_token() { head -c 24 /dev/urandom | base64 | tr -d '/+=\n'; }
