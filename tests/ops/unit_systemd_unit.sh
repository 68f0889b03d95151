#!/usr/bin/env bash
# Usage: tests/ops/unit_systemd_unit.sh   (ctest runs it as unit_systemd_unit; needs only systemd-analyze)
# packaging/shop.service as `systemd-analyze verify` sees it: no error and no warning (verify exits 0 on an
# unknown directive, saying so on stderr only, so any word from it fails). The binary it names is replaced by a
# stub, since the package need not be installed here; the installed unit is verified by concurrency_package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if ! command -v systemd-analyze >/dev/null; then
  echo "SKIPPED: no systemd-analyze on this machine (Debian's systemd package): the unit is not verified"
  exit 0
fi
scratch=$(mktemp -d /tmp/shop-unit-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
printf '#!/bin/sh\nexit 0\n' >"$scratch/shop"
chmod 755 "$scratch/shop"
sed -e "s|/usr/sbin/shop|$scratch/shop|g" "$root/packaging/shop.service" >"$scratch/shop.service"
grep -q "^ExecStart=$scratch/shop --config /etc/shop/shop.conf$" "$scratch/shop.service" ||
  { echo "FAIL: no ExecStart=/usr/sbin/shop --config /etc/shop/shop.conf in the unit"; exit 1; }
failures=0
if ! output=$(systemd-analyze verify "$scratch/shop.service" 2>&1) || [[ -n $output ]]; then
  echo "FAIL: systemd-analyze verify: $output"
  failures=$((failures + 1))
fi
for line in Type=notify NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes PrivateDevices=yes \
  RuntimeDirectory=shop 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK' WatchdogSec=30; do
  grep -qxF "$line" "$scratch/shop.service" || {
    echo "FAIL: the unit lacks $line"
    failures=$((failures + 1))
  }
done
# For the log: how exposed systemd thinks the service is (lower is better; informative only).
systemd-analyze security --offline=yes "$scratch/shop.service" 2>/dev/null | tail -n 1 || true
((failures == 0)) && echo "OK: the unit verifies"
exit $((failures > 0))
