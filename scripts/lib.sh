# shellcheck shell=bash
# Shared functions of scripts/up, scripts/down, scripts/test and scripts/migrate.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   (defines functions and constants, runs nothing)
#
# Runtime state lives under ROOT/.run (gitignored), see ensure_run_dir:
#   .run/pg/            embedded PostgreSQL: data/ (the cluster), the socket, postgres.log (postgres:shop 0750)
#   .run/shop.sock      the pool's FastCGI socket (shop:shop-web 0660)   .run/shop.pid, .run/shop.log (shop, 0640)
#   .run/nginx/         rendered nginx.conf, nginx.pid, access.log, error.log, tmp/ (root:shop-web 0750)
#   .run/admin-token    generated admin token (root, 0600)    .run/demo-token (root, 0600)
#   .run/test-XXXXXX/   one throwaway stack per scripts/test run (laid out like .run)
# As root, .run (and each stack directory) is root:shop 1771: see secure_state_dir. Who runs what: README.

if [[ -n "${SHOP_LIB_LOADED:-}" ]]; then return 0; fi
SHOP_LIB_LOADED=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# The clusters listen on their own socket directory only, so every cluster can use the usual number.
PG_PORT=5432
# The accounts of a stack started by root (ensure_service_users): the pool drops to SHOP_SERVICE_USER (whose
# group owns the run directory and may reach PostgreSQL as role SHOP_DB_ROLE); nginx's workers run as
# SHOP_WEB_USER, whose group alone may connect to the pool's socket.
SHOP_SERVICE_USER=shop
SHOP_WEB_USER=shop-web
SHOP_DB_ROLE=shop
# sun_path holds 108 bytes; keep every socket path well below that.
SOCKET_PATH_MAX=100
# Longest socket path below a run dir: test-XXXXXX/pg/.s.PGSQL.5432
SOCKET_SUFFIX_MAX=32

SHOP_PACKAGES=(libfcgi-dev libsoci-dev rapidjson-dev libboost-test-dev libpq-dev libcurl4-openssl-dev libsodium-dev libsystemd-dev pkg-config
  postgresql nginx-light cmake g++ make curl dpkg-dev)

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
  # Readable by nginx's workers (the docs page) whatever the caller's umask.
  (umask 022 && cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
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

# -------------------------------------------------------------------------------------------- accounts

# ensure_service_users: as root, creates the system accounts SHOP_SERVICE_USER and SHOP_WEB_USER (each with
# a group of its name; no login, no home) when missing. Not root: nothing (everything runs as the caller).
ensure_service_users() {
  is_root || return 0
  local user
  for user in "$SHOP_SERVICE_USER" "$SHOP_WEB_USER"; do
    getent passwd "$user" >/dev/null && continue
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --comment "Shop service account" "$user" || die "useradd $user failed"
    log "created system user $user"
  done
}

# export_pool_identity: as root, the pool's variables for its drop to SHOP_SERVICE_USER and for its socket
# (owner SHOP_SERVICE_USER, group SHOP_WEB_USER: nginx's workers, mode 0660). Not root: nothing (the pool
# stays the caller, its socket 0660 for an nginx running as the caller too).
export_pool_identity() {
  is_root || return 0
  export SHOP_USER=$SHOP_SERVICE_USER SHOP_GROUP=$SHOP_SERVICE_USER
  export SHOP_SOCKET_OWNER=$SHOP_SERVICE_USER SHOP_SOCKET_GROUP=$SHOP_WEB_USER SHOP_SOCKET_MODE=0660
}

# secure_state_dir DIR: the modes of a stack's state directory (.run, a test's or a bench's stack). As root:
# root:SHOP_SERVICE_USER 1771. The pool (its group) makes its pid file there and may recreate its log; the
# sticky bit keeps it from removing or renaming what it did not make; others may only pass through, to what
# they are let into one by one (PostgreSQL's directory, the socket, nginx's directory), never list or read.
# Not root: 0700.
secure_state_dir() {
  if is_root; then
    chown "root:$SHOP_SERVICE_USER" "$1" && chmod 1771 "$1"
  else
    chmod 700 "$1"
  fi
}

# own_file FILE: FILE is a regular file of ours, not a link (the pool's user may leave files in a run dir).
own_file() { [[ -f $1 && ! -L $1 && -O $1 ]]; }

# write_private FILE: stdin into FILE, mode 0600, by a rename: a link left in its place is replaced, never
# followed.
write_private() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX") || return 1
  if cat >"$tmp" && chmod 600 "$tmp" && mv -fT "$tmp" "$1"; then return 0; fi
  rm -f "$tmp"
  return 1
}

# prepare_pool_log FILE: the pool's log, appended to by the pool's stderr (root opens it for the pool) and
# reopened by the pool itself: a regular file owned by the pool's user, mode 0640.
prepare_pool_log() {
  local file=$1
  if [[ -L $file || (-e $file && ! -f $file) ]]; then rm -rf "$file"; fi
  [[ -e $file ]] || (umask 027 && : >>"$file")
  if is_root; then chown -h "$SHOP_SERVICE_USER:$SHOP_SERVICE_USER" "$file"; fi
  [[ -L $file ]] || chmod 640 "$file"
}

# --------------------------------------------------------------------------------------------- run dir

# Sets RUN_DIR to the physical path of ROOT/.run, creating it. It is a symlink to /tmp/shop-run-HASH
# instead of a directory when the postgres or nginx's user cannot traverse ROOT (a clone under /root) or when
# the socket paths below it would get too long for sun_path. Creates the service accounts first (their group
# owns it, see secure_state_dir) and sets its modes, upgrading a .run made before.
ensure_run_dir() {
  local link="$ROOT/.run" target reason="" user
  ensure_service_users
  if [[ -L $link ]]; then
    target=$(readlink "$link")
    if [[ ! -d $target ]]; then # /tmp was cleaned since
      mkdir -m 755 "$target"
    fi
    [[ -O $target ]] || die "$target (target of .run) belongs to someone else"
  elif [[ ! -e $link ]]; then
    if is_root; then
      for user in postgres "$SHOP_WEB_USER"; do
        runuser -u "$user" -- test -x "$ROOT" 2>/dev/null || reason="user $user cannot enter $ROOT"
      done
    fi
    if [[ -z $reason ]] && ((${#ROOT} + 5 + SOCKET_SUFFIX_MAX > SOCKET_PATH_MAX)); then
      reason="socket paths under $ROOT/.run would pass $SOCKET_PATH_MAX characters"
    fi
    if [[ -n $reason ]]; then
      target="/tmp/shop-run-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
      [[ -d $target ]] || mkdir -m 755 "$target"
      [[ -O $target ]] || die "$target belongs to someone else"
      ln -s "$target" "$link"
      log "$reason: .run is a symlink to $target"
    else
      mkdir -m 755 "$link"
    fi
  fi
  # shellcheck disable=SC2034 # read by the scripts that source this file
  RUN_DIR="$(cd "$link" && pwd -P)"
  secure_state_dir "$RUN_DIR"
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

# pg_url DIR [DB]: libpq connection string of the cluster in DIR for the application: unix socket, role
# SHOP_DB_ROLE (the owner of Shop's tables, no superuser), peer authentication (see pg_secure: the pool's user,
# root and, not root, the caller may use it).
pg_url() {
  printf 'host=%s port=%s user=%s dbname=%s\n' "$(pq_quote "$1")" "$PG_PORT" "$SHOP_DB_ROLE" "$(pq_quote "${2:-shop}")"
}

# pg_admin_psql DIR DB [psql args...]: psql as the cluster's superuser (role postgres), run as its OS owner.
pg_admin_psql() {
  local dir=$1 db=$2
  shift 2
  as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# pg_init DIR [--no-sync] [postgresql.conf lines...]: creates a cluster in DIR/data unless there is one, then
# (always) pg_secure. DIR is its socket directory too and holds postgres.log; DIR belongs to postgres.
pg_init() {
  local dir=$1 nosync=()
  shift
  if [[ ${1:-} == --no-sync ]]; then
    nosync=(--no-sync)
    shift
  fi
  if [[ -f $dir/data/PG_VERSION ]]; then
    pg_secure "$dir"
    return 0
  fi
  [[ $dir != *\'* ]] || die "a quote in $dir"
  [[ ! -L $dir ]] || die "$dir is a link"
  mkdir -p "$dir"
  pg_dir_modes "$dir"
  if ! as_pg "$(pg_bindir)/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=reject "${nosync[@]}" >"$dir/initdb.log" 2>&1; then
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
  pg_secure "$dir"
}

# pg_dir_modes DIR: the socket directory: as root postgres:SHOP_SERVICE_USER 0750 (the pool's user and the
# cluster's owner enter it, nobody else), else the caller's 0700.
pg_dir_modes() {
  if is_root; then
    chown "postgres:$SHOP_SERVICE_USER" "$1" && chmod 750 "$1"
  else
    chmod 700 "$1"
  fi
}

# pg_secure DIR: the cluster accepts its owner (role postgres) and the application's role SHOP_DB_ROLE, and
# nobody else: the socket directory's modes (pg_dir_modes) keep every other account from the socket (which
# stays 0777: postgres could give it to group SHOP_SERVICE_USER only as a member, and need not be one), and
# pg_hba.conf has peer authentication only: role postgres for the cluster's OS owner, role SHOP_DB_ROLE for
# the pool's user, root (scripts, tests, pgbench) or, not root, the caller (pg_ident.conf). No trust. The owner
# may also connect for replication (pg_basebackup of a standby, tests/database/concurrency_read_standby).
# Upgrades a cluster made before (trust for everyone, its directory 0755): a running one reloads.
pg_secure() {
  local dir=$1 data=$1/data owner app hba ident reload=0
  pg_dir_modes "$dir"
  if is_root; then
    owner=postgres
    app=("$SHOP_SERVICE_USER" root)
  else
    owner=$(id -un)
    app=("$owner")
  fi
  hba=$(
    printf '# Shop (scripts/lib.sh pg_secure): the unix socket only, peer authentication only, for two roles.\n'
    printf 'local all postgres peer map=owner\n'
    printf 'local replication postgres peer map=owner\n'
    printf 'local all %s peer map=app\n' "$SHOP_DB_ROLE"
  )
  ident=$(
    printf '# Shop (scripts/lib.sh pg_secure): MAPNAME SYSTEM-USERNAME PG-USERNAME\n'
    printf 'owner %s postgres\n' "$owner"
    local user
    for user in "${app[@]}"; do printf 'app %s %s\n' "$user" "$SHOP_DB_ROLE"; done
  )
  if [[ $(as_pg cat "$data/pg_hba.conf") != "$hba" ]]; then
    as_pg tee "$data/pg_hba.conf" <<<"$hba" >/dev/null
    reload=1
  fi
  if [[ $(as_pg cat "$data/pg_ident.conf") != "$ident" ]]; then
    as_pg tee "$data/pg_ident.conf" <<<"$ident" >/dev/null
    reload=1
  fi
  if ((reload)) && pg_running "$dir"; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$data" reload >/dev/null
    log "reloaded PostgreSQL in $dir: peer authentication for postgres and $SHOP_DB_ROLE only"
  fi
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

# pg_ensure_db DIR [DB]: the role SHOP_DB_ROLE (login; no superuser, no database or role creation) and the
# database DB (shop) it owns, in the cluster of DIR; every object of DB's schema public that another role owns
# (a cluster made when the shop ran as postgres) is given to it. Run as the cluster's superuser.
pg_ensure_db() {
  local dir=$1 db=${2:-shop} found
  pg_admin_psql "$dir" postgres -v role="$SHOP_DB_ROLE" <<'SQL'
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') AS missing \gset
\if :missing
CREATE ROLE :"role" LOGIN;
\endif
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SQL
  found=$(pg_admin_psql "$dir" postgres -At -v db="$db" <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [[ $found != 1 ]]; then
    pg_admin_psql "$dir" postgres -v db="$db" -v role="$SHOP_DB_ROLE" <<<'CREATE DATABASE :"db" OWNER :"role";'
    log "created database $db (owner $SHOP_DB_ROLE)"
    return 0
  fi
  pg_admin_psql "$dir" postgres -v db="$db" -v role="$SHOP_DB_ROLE" <<<'ALTER DATABASE :"db" OWNER TO :"role";'
  PGOPTIONS="-c client_min_messages=warning" pg_admin_psql "$dir" "$db" -o /dev/null -v role="$SHOP_DB_ROLE" <<'SQL'
SELECT set_config('shop.role', :'role', false);
DO $$
DECLARE
  role text := current_setting('shop.role');
  item record;
BEGIN
  -- Tables, views, sequences of their own (those of a serial or identity column follow their table).
  FOR item IN
    SELECT c.oid::regclass AS name,
           CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                          WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND pg_get_userbyid(c.relowner) <> role
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', item.kind, item.name, role);
    RAISE WARNING 'Shop: % % now belongs to %', item.kind, item.name, role;
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> role
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, role);
  END LOOP;
  FOR item IN
    SELECT t.oid::regtype AS name, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> role
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', item.kind, item.name, role);
  END LOOP;
END
$$;
SQL
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
  # The pool, once it has dropped root, must be able to reopen its log (SIGUSR1).
  prepare_pool_log "$logfile"
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
  local zone limit cors_lines="" cors_vary="" origin status_upstream
  # The pool's status socket (SHOP_STATUS_SOCKET) is its socket's path plus ".status" unless set.
  if [[ -n ${SHOP_STATUS_SOCKET:-} ]]; then
    status_upstream="unix:$SHOP_STATUS_SOCKET"
  elif [[ $upstream == unix:* ]]; then
    status_upstream="$upstream.status"
  else
    die "a TCP upstream ($upstream) needs SHOP_STATUS_SOCKET for the status page"
  fi
  if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then die "bad HTTP port: $port"; fi
  # nginx waits for the pool as long as the pool lets a request run (the pool's own check is the range).
  local request_timeout=${SHOP_REQUEST_TIMEOUT_SECONDS:-30}
  [[ $request_timeout =~ ^[1-9][0-9]{0,3}$ ]] || die "bad SHOP_REQUEST_TIMEOUT_SECONDS: '$request_timeout'"
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
  # Started by root, nginx's workers run as SHOP_WEB_USER: the group of the pool's socket, nothing more.
  if is_root; then user_line="user $SHOP_WEB_USER $SHOP_WEB_USER;"; fi
  [[ ! -L $dir ]] || die "$dir is a link"
  mkdir -p "$dir"/tmp/{client_body,fastcgi,proxy,scgi,uwsgi} "$dir/snippets"
  # The workers pass through DIR and tmp/ to their temp files and the cache (nginx gives those to them);
  # logs, pid and config stay root's. Files the root workers of a stack made before are given to them.
  if is_root; then
    chown "root:$SHOP_WEB_USER" "$dir" "$dir/tmp"
    chmod 750 "$dir" "$dir/tmp"
    chown -R "$SHOP_WEB_USER:$SHOP_WEB_USER" "$dir"/tmp/* "$dir/top_cache" 2>/dev/null || true
    chmod 640 "$dir"/*.log 2>/dev/null || true # made 0644 before
  else
    chmod 700 "$dir"
  fi
  sed -e "s|@HTTP_PORT@|$(sed_escape "$port")|g" \
    -e "s|@RUN_DIR@|$(sed_escape "$dir")|g" \
    -e "s|@UPSTREAM@|$(sed_escape "$upstream")|g" \
    -e "s|@STATUS_UPSTREAM@|$(sed_escape "$status_upstream")|g" \
    -e "s|@USER_LINE@|$(sed_escape "$user_line")|g" \
    -e "s|@DOCS_DIR@|$(sed_escape "$ROOT/tools/docs")|g" \
    -e "s|@OPENAPI_FILE@|$(sed_escape "$ROOT/openapi/openapi.yaml")|g" \
    -e "s|@AUTH_LIMIT_ZONE@|$(sed_escape "$zone")|g" \
    -e "s|@AUTH_LIMIT@|$(sed_escape "$limit")|g" \
    -e "s|@CORS_ORIGINS@|$cors_lines|g" \
    -e "s|@CORS_VARY@|$cors_vary|g" \
    -e "s|@REQUEST_TIMEOUT@|$request_timeout|g" \
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
