# Turns the records of one scripts/bench run (one JSON object per wrk or pgbench run, read with jq -s) into
# the result document written to bench/results/. Medians over runs for rates and latencies; counts of
# non-2xx answers and socket errors are summed over runs. See bench/README.md for the fields.

def median: map(select(. != null)) | sort |
  if length == 0 then null
  elif length % 2 == 1 then .[(length - 1) / 2]
  else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def round1: if . == null then null else (. * 10 | round) / 10 end;
def round2: if . == null then null else (. * 100 | round) / 100 end;
def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else ($a / $b * 1000 | round) / 1000 end;
def cpu_median: (map(.cpu) | map(keys) | add // [] | unique) as $keys |
  . as $rs | reduce $keys[] as $k ({}; .[$k] = ([$rs[].cpu[$k]] | median | round1));

. as $records |

# wrk figures of one kind and name at one connection count.
def wrk_figure($kind; $name; $conns):
  [$records[] | select(.kind == $kind and .name == $name and .conns == $conns)] as $rs |
  if ($rs | length) == 0 then null else
    {conns: $conns, runs: ($rs | length),
     rps: ([$rs[].rps] | median | round1),
     p50_ms: ([$rs[].p50_ms] | median | round2),
     p90_ms: ([$rs[].p90_ms] | median | round2),
     p99_ms: ([$rs[].p99_ms] | median | round2),
     non2xx: ([$rs[].non2xx] | add),
     socket_errors: ([$rs[].socket_errors] | add),
     cpu_pct: ($rs | cpu_median)}
    + (if $rs[0].flows_per_s != null then
         {orders_per_s: ([$rs[].orders_per_s] | median | round1),
          payments_per_s: ([$rs[].payments_per_s] | median | round1),
          flows_per_s: ([$rs[].flows_per_s] | median | round1),
          failed_answers: ([$rs[].counters.failed] | add)}
       else {} end)
    + {per_run: [$rs[] | del(.kind, .name, .conns)]}
  end;

([$records[] | select(.kind == "wrk" or .kind == "static") | .conns] | unique) as $all_conns |

# The HTTP ceiling per connection count.
([$all_conns[] as $c | wrk_figure("static"; "static"; $c) | select(. != null) | {key: ($c | tostring), value: .}]
 | from_entries) as $static |

# The database ceiling per pgbench script.
([$records[] | select(.kind == "pgbench") | .name] | unique | map(. as $n |
   [$records[] | select(.kind == "pgbench" and .name == $n)] as $rs |
   [$rs[] | select(.ok)] as $ok |
   {key: $n, value: {
     runs: ($rs | length), failed_runs: ([$rs[] | select(.ok | not)] | length),
     tps: (if ($ok | length) == ($rs | length) then [$ok[].tps] | median | round1 else null end),
     latency_avg_ms: ([$ok[].latency_avg_ms] | median | round2),
     failed_transactions: ([$ok[].failed] | add),
     cpu_pct: ($ok | cpu_median),
     errors: [$rs[] | select(.ok | not) | .error],
     per_run: [$rs[] | del(.kind, .name)]}}) | from_entries) as $pgbench |

# Scenarios, each at each connection count, with their ratios to the two ceilings. The flow's rate against
# pgbench is flows (order + payment pairs) per second against order_payment_v1 transactions per second (the
# flow's SQL before order/place and order/pay), and beside it against order_payment (today's SQL). Basket add
# likewise: against basket_add_v1 (before basket/add_line), and beside it against basket_add.
([$scenarios[] as $s | $all_conns[] as $c | wrk_figure("wrk"; $s.name; $c) | select(. != null) |
  . as $f |
  ($pgbench[$s.ceiling].tps) as $ceiling |
  {name: $s.name, label: $s.label, pgbench_script: $s.ceiling, pgbench_tps: $ceiling,
   vs_static: ratio($f.rps; $static[$c | tostring].rps),
   vs_pgbench: ratio(if $f.flows_per_s != null then $f.flows_per_s else $f.rps end; $ceiling)}
  + (if $f.flows_per_s != null then
       {vs_pgbench_order_payment: ratio($f.flows_per_s; $pgbench.order_payment.tps),
        orders_vs_pgbench_order: ratio($f.orders_per_s; $pgbench.order.tps),
        payments_vs_pgbench_payment: ratio($f.payments_per_s; $pgbench.payment.tps)}
     else {} end)
  + (if $s.name == "basket_add" then {vs_pgbench_basket_add: ratio($f.rps; $pgbench.basket_add.tps)} else {} end)
  + $f]) as $rows |

# Targets of issue 17, read at 64 connections (or the largest count measured).
(if ($all_conns | index(64)) then 64 else ($all_conns | max) end) as $tc |
def row($name): first($rows[] | select(.name == $name and .conns == $tc)) // null;
def target($what; $value; $op; $limit; $unit):
  {target: $what, at_conns: $tc, measured: $value, limit: $limit, unit: $unit,
   met: (if $value == null then null elif $op == ">=" then $value >= $limit else $value <= $limit end)};
(row("product_read")) as $product |
(row("balance_read")) as $balance |
(row("charge")) as $charge |
(row("order_payment")) as $flow |
(row("top5")) as $top |
(row("basket_add")) as $basket |
[
  target("product read / nginx return 200"; $product.vs_static; ">="; 0.25; "ratio"),
  target("product read p99"; $product.p99_ms; "<="; 5; "ms"),
  target("balance read / nginx return 200"; $balance.vs_static; ">="; 0.25; "ratio"),
  target("balance read p99"; $balance.p99_ms; "<="; 5; "ms"),
  target("charge / pgbench charge"; $charge.vs_pgbench; ">="; 0.8; "ratio"),
  target("order+payment flows / pgbench order_payment_v1"; $flow.vs_pgbench; ">="; 1.0; "ratio"),
  target("basket add / pgbench basket_add_v1"; $basket.vs_pgbench; ">="; 0.9; "ratio"),
  target("top-5 req/s"; $top.rps; ">="; 8000; "req/s"),
  target("top-5 p99"; $top.p99_ms; "<="; 25; "ms"),
  # "Resident": judged on the RSS sum (an upper bound); the PSS sum is beside it. With another worker count
  # the target is not judged; the estimate for 8 workers is shown instead.
  (target("pool memory (RSS sum) with 8 workers"; $memory.rss_mib; "<="; 64; "MiB")
   | .pss_mib = $memory.pss_mib
   | if $memory.workers != 8 then
       .met = null
       | .note = "run had \($memory.workers) workers; estimate for 8: RSS \($memory.estimate_8_workers.rss_mib) MiB, PSS \($memory.estimate_8_workers.pss_mib) MiB"
     else .note = "PSS sum \($memory.pss_mib) MiB" end)
] as $targets |

{
  schema: 1,
  started_at: $started,
  git: {commit: $commit, dirty: $dirty},
  machine: $machine,
  settings: {duration_s: $duration, runs: $runs, warmup_s: $warmup, wrk_threads: 2, wrk_connections: $all_conns,
             pgbench: {clients: $pg_clients, threads: $pg_threads, mode: "prepared"},
             pool_workers: $workers, postgres_max_connections: $max_conn,
             data: {users: $users, products: $products, paid_order_lines: $lines, seed_seconds: $seed_s}},
  static: $static,
  pgbench: $pgbench,
  scenarios: $rows,
  memory: $memory,
  targets: $targets
}
