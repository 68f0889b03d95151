# Prints the table of a bench/results/*.json file: jq -r -f bench/table.jq bench/results/FILE.json

def lpad($n): tostring | if length < $n then " " * ($n - length) + . else . end;
def rpad($n): tostring | if length < $n then . + " " * ($n - length) else . end;
def num: if . == null then "-" else (round | tostring) end;
def dec($d): if . == null then "-" else
  (. * pow(10; $d) | round | tostring) as $s |
  if $d == 0 then $s else
    ($s | if length <= $d then ("0" * ($d - length + 1)) + . else . end) as $p |
    $p[0:($p | length) - $d] + "." + $p[($p | length) - $d:] end end;
def ms: if . == null then "-" elif . < 10 then dec(2) else dec(1) end;
def cpu($keys): . as $c | [$keys[] | ($c[.] // null) | num] | join("/");

. as $r |
"Shop bench \($r.started_at)  commit \($r.git.commit[0:10])\(if $r.git.dirty then " (dirty tree)" else "" end)",
"machine: \($r.machine.nproc) × \($r.machine.cpu_model), \($r.machine.memory_mib) MiB, kernel \($r.machine.kernel); load average \($r.machine.load_average_start) at start, \($r.machine.load_average_end) at end",
"runs: \($r.settings.duration_s) s × \($r.settings.runs) (medians), wrk -t2; pgbench -M prepared -c \($r.settings.pgbench.clients) -j \($r.settings.pgbench.threads); pool workers: \($r.memory.workers) (setting: \($r.settings.pool_workers))",
"",
(["scenario" | rpad(20)] + (["conns", "req/s", "p50 ms", "p99 ms", "non-2xx", "sock err", "vs static", "pgbench/s", "vs pgbench"] | map(lpad(11)))
  + ["  CPU% nginx/shop/pg/wrk (busy)"] | join("")),
($r.static | to_entries | sort_by(.value.conns)[] | .value |
  (["nginx return 200" | rpad(20)] + ([.conns, (.rps | num), (.p50_ms | ms), (.p99_ms | ms), .non2xx, .socket_errors, "1.00", "-", "-"] | map(lpad(11)))
   + ["  " + (.cpu_pct | cpu(["nginx", "shop", "postgres", "wrk"])) + " (" + (.cpu_pct.machine_busy | num) + ")"] | join(""))),
($r.scenarios[] |
  (["\(.label)" | rpad(20)] + ([.conns, (.rps | num), (.p50_ms | ms), (.p99_ms | ms), .non2xx, .socket_errors,
     (.vs_static | dec(2)), (.pgbench_tps | num), (.vs_pgbench | dec(2))] | map(lpad(11)))
   + ["  " + (.cpu_pct | cpu(["nginx", "shop", "postgres", "wrk"])) + " (" + (.cpu_pct.machine_busy | num) + ")"] | join("")),
  (if .flows_per_s != null then
     "    flow: \(.orders_per_s | num) orders/s + \(.payments_per_s | num) payments/s = \(.flows_per_s | num) flows/s (vs pgbench above: order_payment_v1); vs pgbench order_payment \(.vs_pgbench_order_payment | dec(2)), order \(.orders_vs_pgbench_order | dec(2)), payment \(.payments_vs_pgbench_payment | dec(2)); failed answers \(.failed_answers)"
   else empty end),
  (if .vs_pgbench_basket_add != null then
     "    basket add: vs pgbench above: basket_add_v1; vs pgbench basket_add \(.vs_pgbench_basket_add | dec(2))"
   else empty end)),
"",
(["pgbench" | rpad(20)] + (["tps", "lat avg ms", "failed tx", "runs ok"] | map(lpad(11))) + ["  CPU% pg/pgbench (busy)"] | join("")),
($r.pgbench | to_entries[] |
  (["\(.key)" | rpad(20)] + ([(.value.tps | num), (.value.latency_avg_ms | ms), .value.failed_transactions // "-",
     "\(.value.runs - .value.failed_runs)/\(.value.runs)"] | map(lpad(11)))
   + ["  " + (.value.cpu_pct | cpu(["postgres", "pgbench"])) + " (" + (.value.cpu_pct.machine_busy | num) + ")"] | join("")),
  (.value.errors[]? | "    error: \(.)")),
"",
"pool memory at the end: \($r.memory.processes) processes (\($r.memory.workers) workers): RSS sum \($r.memory.rss_mib) MiB, PSS sum \($r.memory.pss_mib) MiB; mean worker RSS \($r.memory.worker_mean_rss_mib) MiB, PSS \($r.memory.worker_mean_pss_mib) MiB",
"",
"targets (issue 17, at \($r.targets[0].at_conns) connections):",
($r.targets[] | "  \(if .met == true then "met    " elif .met == false then "MISSED " else "n/a    " end) \(.target): \(if .unit == "ratio" then (.measured | dec(2)) elif .unit == "ms" then (.measured | ms) else (.measured | dec(1)) end) \(if .unit == "ratio" then "" else .unit + " " end)(\(if .unit == "ms" or .unit == "MiB" then "≤" else "≥" end) \(.limit))\(if .note then "; " + .note else "" end)")
