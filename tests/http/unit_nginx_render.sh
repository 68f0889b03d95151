#!/usr/bin/env bash
# Usage: tests/http/unit_nginx_render.sh   (ctest runs it as unit_nginx_render; needs only nginx installed)
# nginx_render (scripts/lib.sh) with SHOP_AUTH_RATE and SHOP_CORS_ORIGINS: every accepted setting renders a
# config that `nginx -t` accepts, 0 leaves limit_req out entirely, and a bad rate or origin stops the render
# before any nginx sees it (a bad origin would otherwise become a map line, or a syntax error at reload).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scratch=$(mktemp -d /tmp/shop-render-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# render DIR RATE ORIGINS: nginx_render into DIR (its error in DIR.err), then nginx -t of the result.
render() {
  (nginx_render "$1" 18080 unix:/nonexistent/shop.sock "$2" "$3") 2>"$1.err" || return 1
  nginx -p "$1" -e "$1/error.log" -c "$1/nginx.conf" -t -q 2>"$1.nginx-t" ||
    fail "nginx -t refused the config of rate '$2', origins '$3': $(cat "$1.nginx-t")"
}

# The directives of a rendered config and its snippets, comments dropped.
directives() { sed -e 's/#.*//' "$1/nginx.conf" "$1"/snippets/*.conf; }

long_host=$(printf 'a%.0s' {1..60}).$(printf 'b%.0s' {1..60}).$(printf 'c%.0s' {1..60}).example
accepted=(
  "5|"
  "0|"
  "1|http://allowed.test"
  "20|https://shop.example,http://localhost:3000,http://127.0.0.1:5173,http://[::1]:8081,https://Shop.Example:8443"
  "100000|https://$long_host"
)
n=0
for row in "${accepted[@]}"; do
  rate=${row%%|*} origins=${row#*|} dir="$scratch/$((++n))"
  if ! render "$dir" "$rate" "$origins"; then
    fail "rate '$rate', origins '$origins' refused: $(cat "$dir.err")"
    continue
  fi
  conf=$(directives "$dir")
  zones=$(grep -cE '^\s*limit_req_zone ' <<<"$conf" || true)
  limits=$(grep -cE '^\s*limit_req ' <<<"$conf" || true)
  if ((rate == 0)); then
    ((zones == 0 && limits == 0)) || fail "rate 0 still has limit_req: $zones zones, $limits limits"
  else
    ((zones == 1 && limits == 2)) || fail "rate $rate: $zones limit_req_zone and $limits limit_req, not 1 and 2"
    grep -qF "rate=${rate}r/s;" <<<"$conf" || fail "rate $rate is not in the limit_req_zone"
  fi
  # shellcheck disable=SC2016 # nginx's variable, literally
  entries=$(grep -cF ' $http_origin;' <<<"$conf" || true)
  IFS=, read -r -a items <<<"$origins"
  ((entries == ${#items[@]})) || fail "origins '$origins': $entries map lines, not ${#items[@]}"
  if [[ -z $origins ]]; then
    if grep -qF 'default "Origin"' <<<"$conf"; then fail "Vary: Origin without any origin"; fi
  else
    grep -qF 'default "Origin"' <<<"$conf" || fail "origins '$origins' but no Vary: Origin"
  fi
  if grep -qE '"\*"|\s\*;' <<<"$conf"; then fail "a '*' in the config of '$origins'"; fi
done

refused=(
  "-1|" "1.5|" "abc|" "5r/s|" " 5|" "1000000|"
  "5|*" "5|http://*.shop.example" "5|https://shop.example/" "5|https://shop.example/app" "5|shop.example"
  "5|ftp://shop.example" "5|https://shop.example, http://localhost:3000" "5|https://shop.example,,http://a.test"
  "5|http://a.test:80" "5|https://a.test:443" "5|http://a.test:0" "5|http://a.test:99999" "5|http://a.test:"
  "5|http://a\"b.test" "5|http://a;b.test" "5|http://a.test\$x" "5|http://-a.test" "5|https://user@a.test"
  "5|https://a.test?x=1" "5|https://a.test#x" "5|null" "5|https://$long_host$long_host"
)
for row in "${refused[@]}"; do
  rate=${row%%|*} origins=${row#*|}
  if render "$scratch/$((++n))" "$rate" "$origins"; then fail "rate '$rate', origins '$origins' accepted"; fi
done

if ((failures > 0)); then
  printf '%d failed\n' "$failures" >&2
  exit 1
fi
printf 'all %d renders as expected\n' $((${#accepted[@]} + ${#refused[@]}))
