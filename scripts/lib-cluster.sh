# shellcheck shell=bash
# Helpers of scripts/test-cluster: hosts made of network namespaces on a private bridge, and what runs on them
# (etcd, PostgreSQL under Patroni). Sourced after scripts/lib.sh; defines functions, runs nothing.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/lib-cluster.sh"
#
# Every name made here starts with CLUSTER_PREFIX (set by the caller, unique per run: two runs never share a
# bridge or a namespace). The bridge has no address: the hosts reach each other, nothing outside reaches them,
# and nothing of theirs listens outside their namespaces.

if [[ -n "${SHOP_LIB_CLUSTER_LOADED:-}" ]]; then return 0; fi
SHOP_LIB_CLUSTER_LOADED=1

# The packages of the cluster test only (scripts/test-cluster adds them to SHOP_PACKAGES).
# shellcheck disable=SC2034 # read by scripts/test-cluster
CLUSTER_PACKAGES=(patroni python3-etcd etcd-server jq iproute2)
CLUSTER_NET=10.77.0

# cluster_can_run: as root, with `ip netns` working (a container without CAP_SYS_ADMIN cannot make one).
# Prints why not when it cannot.
cluster_can_run() {
  if ! is_root; then
    echo "not root"
    return 1
  fi
  if ! command -v ip >/dev/null; then
    echo "no ip command (iproute2)"
    return 1
  fi
  local probe="shopprobe$$"
  if ! ip netns add "$probe" 2>/dev/null; then
    echo "ip netns add fails here (no CAP_SYS_ADMIN?)"
    return 1
  fi
  ip netns del "$probe" 2>/dev/null || true
}

cluster_bridge() { printf '%s-br\n' "$CLUSTER_PREFIX"; }
cluster_ns() { printf '%s-%s\n' "$CLUSTER_PREFIX" "$1"; }

# cluster_bridge_add: the private bridge, up, without an address.
cluster_bridge_add() {
  local br
  br=$(cluster_bridge)
  ip link add "$br" type bridge || die "cannot make bridge $br"
  ip link set "$br" up
}

# cluster_host_add HOST LAST_OCTET: a namespace CLUSTER_PREFIX-HOST with lo up and eth0 at CLUSTER_NET.LAST_OCTET/24,
# plugged into the bridge by a veth pair (the bridge's end is named like the namespace: at most 15 characters).
cluster_host_add() {
  local host=$1 octet=$2 ns peer
  ns=$(cluster_ns "$host")
  peer="${ns}-i"
  ((${#peer} <= 15)) || die "interface name $peer is longer than 15 characters"
  ip netns add "$ns" || die "cannot make namespace $ns"
  ip link add "$ns" type veth peer name "$peer" || die "cannot make veth $ns"
  ip link set "$ns" master "$(cluster_bridge)"
  ip link set "$ns" up
  ip link set "$peer" netns "$ns"
  ip -n "$ns" link set "$peer" name eth0
  ip -n "$ns" addr add "$CLUSTER_NET.$octet/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}

# cluster_on HOST CMD...: CMD in HOST's namespace.
cluster_on() {
  local ns
  ns=$(cluster_ns "$1")
  shift
  ip netns exec "$ns" "$@"
}

# cluster_pids HOST: every process in HOST's namespace.
cluster_pids() { ip netns pids "$(cluster_ns "$1")" 2>/dev/null || true; }

# cluster_kill_host HOST: SIGKILL to every process of HOST's namespace, as a power cut would; waits (5 s at most)
# until none is left.
cluster_kill_host() {
  local host=$1 i pids
  for ((i = 0; i < 50; i++)); do
    pids=$(cluster_pids "$host")
    [[ -n $pids ]] || return 0
    # shellcheck disable=SC2086 # one pid a word
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  log "processes still in $(cluster_ns "$host") after 5 s: $(cluster_pids "$host" | tr '\n' ' ')"
  return 1
}

# cluster_teardown HOST...: kills what runs in each host's namespace, deletes its veth pair and the namespace,
# then the bridge. Never fails: it runs from a trap. The veth is deleted by name: a namespace whose last process
# is gone may live on for a while in the kernel (sockets still closing), and its veth end with it.
cluster_teardown() {
  local host ns
  for host in "$@"; do
    ns=$(cluster_ns "$host")
    if [[ -e /run/netns/$ns ]]; then
      cluster_kill_host "$host" || true
      ip netns del "$ns" 2>/dev/null || true
    fi
    ip link del "$ns" 2>/dev/null || true
  done
  ip link del "$(cluster_bridge)" 2>/dev/null || true
}

# cluster_wait SECONDS WHAT CMD...: runs CMD every 0.2 s until it succeeds; false after SECONDS.
cluster_wait() {
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "timed out after ${secs}s waiting for $what"
  return 1
}

# ------------------------------------------------------------------------------------------------- etcd

# cluster_etcd_start HOST OCTET DIR: a one-member etcd (v3 API) on CLUSTER_NET.OCTET:2379, data in DIR, run as
# the etcd account of Debian's package, logging to DIR/etcd.log.
cluster_etcd_start() {
  local host=$1 addr=$CLUSTER_NET.$2 dir=$3
  install -d -o etcd -g etcd -m 700 "$dir/data"
  : >"$dir/etcd.log"
  chown etcd:etcd "$dir/etcd.log"
  cluster_on "$host" setsid runuser -u etcd -- /usr/bin/etcd --name "$host" --data-dir "$dir/data" \
    --listen-client-urls "http://$addr:2379" --advertise-client-urls "http://$addr:2379" \
    --listen-peer-urls "http://$addr:2380" --initial-advertise-peer-urls "http://$addr:2380" \
    --initial-cluster "$host=http://$addr:2380" --initial-cluster-state new \
    </dev/null >>"$dir/etcd.log" 2>&1 &
}

# ---------------------------------------------------------------------------------------------- Patroni

# cluster_patroni_config NAME OCTET DIR ETCD_ADDR SECRETS_FILE: DIR/patroni.yml (postgres, 0600: it holds
# passwords) for node NAME on CLUSTER_NET.OCTET, data in DIR/data, socket in DIR. SECRETS_FILE defines
# superuser_password, replication_password and rewind_password (shell assignments).
#
# The timings (ttl 10, loop_wait 2, retry_timeout 4: loop_wait + 2 x retry_timeout <= ttl) promote the standby
# ~10 s after the primary's host dies. synchronous_mode: a commit is acknowledged once the sync standby has it,
# and only the sync standby may be promoted, so a failover loses no acknowledged write.
# synchronous_mode_strict stays off: with it, the new primary, alone once its old peer is dead, would hold every
# commit until a standby came back; without it, Patroni lets it commit alone (and names a sync standby again
# when one rejoins). The price: while it runs alone, a second crash may lose what it wrote then.
cluster_patroni_config() {
  local name=$1 addr=$CLUSTER_NET.$2 dir=$3 etcd=$4 secrets=$5
  local superuser_password replication_password rewind_password
  # shellcheck source=/dev/null
  source "$secrets"
  install -d -o postgres -g postgres -m 700 "$dir"
  install -d -o postgres -g postgres -m 700 "$dir/data"
  (umask 077 && cat >"$dir/patroni.yml") <<YAML
scope: shop
name: $name
log:
  level: INFO
restapi:
  listen: $addr:8008
  connect_address: $addr:8008
etcd3:
  hosts: $etcd:2379
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_log_hints: 'on'
        wal_level: replica
        hot_standby: 'on'
        max_wal_senders: 5
        max_replication_slots: 5
        wal_retrieve_retry_interval: 1s
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
postgresql:
  listen: $addr:5432
  connect_address: $addr:5432
  data_dir: $dir/data
  bin_dir: $(pg_bindir)
  pgpass: $dir/pgpass
  basebackup:
    - checkpoint: fast
  authentication:
    superuser:
      username: postgres
      password: '$superuser_password'
    replication:
      username: replicator
      password: '$replication_password'
    rewind:
      username: rewinder
      password: '$rewind_password'
  parameters:
    unix_socket_directories: '$dir'
    password_encryption: scram-sha-256
  pg_hba:
    - local all postgres peer
    - host replication replicator $CLUSTER_NET.0/24 scram-sha-256
    - host all rewinder $CLUSTER_NET.0/24 scram-sha-256
    - host all postgres $CLUSTER_NET.0/24 scram-sha-256
    - host shop $SHOP_DB_ROLE $CLUSTER_NET.0/24 scram-sha-256
YAML
  chown postgres:postgres "$dir/patroni.yml"
}

# cluster_patroni_start HOST DIR: Patroni (and through it PostgreSQL) as postgres, from /, with Debian's
# python3 (a python3 of a pyenv on PATH lacks psycopg2), logging to DIR/patroni.log.
cluster_patroni_start() {
  local host=$1 dir=$2
  : >"$dir/patroni.log"
  chown postgres:postgres "$dir/patroni.log"
  (cd / && cluster_on "$host" setsid runuser -u postgres -- env PATH=/usr/bin:/bin /usr/bin/python3 /usr/bin/patroni \
    "$dir/patroni.yml" </dev/null >>"$dir/patroni.log" 2>&1) &
}

# cluster_members FROM_HOST ADDR: the cluster as node ADDR's REST API sees it (GET /cluster), one line a member:
# name, role (leader, sync_standby, replica), state.
cluster_members() {
  cluster_on "$1" curl -s -m 2 "http://$2:8008/cluster" |
    jq -r '.members[] | [.name, .role, .state] | @tsv'
}

# cluster_leader FROM_HOST ADDR...: the name of the running leader, asked of each node's REST API in turn.
cluster_leader() {
  local from=$1 addr line
  shift
  for addr in "$@"; do
    line=$(cluster_members "$from" "$addr" 2>/dev/null | awk -F'\t' '$2 == "leader" && $3 == "running" { print $1 }')
    if [[ -n $line ]]; then
      printf '%s\n' "$line"
      return 0
    fi
  done
  return 1
}

# cluster_has_sync_standby FROM_HOST ADDR: a leader and a streaming sync standby, as ADDR's REST API says.
cluster_has_sync_standby() {
  cluster_members "$1" "$2" | awk -F'\t' '$2 == "sync_standby" && ($3 == "streaming" || $3 == "running") { f = 1 } END { exit !f }'
}
