#!/usr/bin/env bash
# Writer benchmarks: the bridge's batched Salesforce writer (routes/orders-to-salesforce.camel.yaml) against the
# Salesforce fake and a real Kafka broker, and the blueprint's per-order shape against the same fake, in one run.
# See bench/README.md.
#
#   bench/writer-benchmark.sh                 # all: burst, trickle, blueprint
#   bench/writer-benchmark.sh burst           # 10,000 orders waiting in Kafka: calls per order, drain orders/s, RSS
#   bench/writer-benchmark.sh trickle         # 1 webhook/s: calls per event, p50/p95 webhook -> Salesforce
#   bench/writer-benchmark.sh blueprint       # the blueprint's ~4 calls per order, 1,000 of the burst's orders
#
# Settings (environment): BENCH_ORDERS (10000), BENCH_LOAD_THREADS (8), BENCH_TRICKLE_EVENTS (60),
# BENCH_TRICKLE_WARMUP (5 events), BENCH_TRICKLE_INTERVAL_MS (1000), BENCH_TRICKLE_IDLE (35 s of idle bridge first),
# BENCH_BLUEPRINT_ORDERS (1000), BENCH_BLUEPRINT_THREADS (8), BENCH_SEED (42), BENCH_JAVA_OPTS (the bridge's JVM
# flags, default as the intake benchmark's), BENCH_SKIP_BUILD=1 (reuse target/), BENCH_OUT (bench/out/writer).
# Results: bench/out/writer/summary.txt (key=value lines per scenario), next to every log. Traffic stays on 127.0.0.1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

ORDERS=${BENCH_ORDERS:-10000}
LOAD_THREADS=${BENCH_LOAD_THREADS:-8}
TRICKLE_EVENTS=${BENCH_TRICKLE_EVENTS:-60}
TRICKLE_WARMUP=${BENCH_TRICKLE_WARMUP:-5}
TRICKLE_INTERVAL_MS=${BENCH_TRICKLE_INTERVAL_MS:-1000}
# the writer reads the version of an order created up to storelink.writer.version-cache.clock-margin (30 s) after its
# partitions were assigned; later orders are known to be new. Idle this long after readiness before the trickle.
TRICKLE_IDLE=${BENCH_TRICKLE_IDLE:-35}
BLUEPRINT_ORDERS=${BENCH_BLUEPRINT_ORDERS:-1000}
BLUEPRINT_THREADS=${BENCH_BLUEPRINT_THREADS:-8}
SEED=${BENCH_SEED:-42}
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=128m -XX:MaxDirectMemorySize=64m"}
OUT=${BENCH_OUT:-$ROOT/bench/out/writer}
SECRET=bench-webhook-secret
CLIENT_ID=bench-client-id
CLIENT_SECRET=bench-client-secret
CONSOLE=bench:bench-console-password
JAR=target/storelink-0.1.0-SNAPSHOT.jar
WRITER_GROUP=storelink-salesforce-writer
WRITER_ROUTE=orders-to-salesforce

TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 || ${TARGETS[0]} == all ]] && TARGETS=(burst trickle blueprint)
for t in "${TARGETS[@]}"; do
  [[ $t == burst || $t == trickle || $t == blueprint ]] || { echo "usage: $0 [burst] [trickle] [blueprint] | all" >&2; exit 2; }
done
wants() { local t; for t in "${TARGETS[@]}"; do [[ $t == "$1" ]] && return 0; done; return 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh

command -v curl >/dev/null || { log "installing curl"; apt_install curl; }

mkdir -p "$OUT"
rm -f "$OUT"/*.result "$OUT"/*.rss "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.ready
SUMMARY=$OUT/summary.txt
HZ=$(getconf CLK_TCK)

# ---------------------------------------------------------------- build, classpath
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  log "building the jar and the test classes (./mvnw -o package -DskipTests -Djib.skip=true)"
  timeout 1800 ./mvnw -o -q -B package -DskipTests -Djib.skip=true
fi
[[ -f $JAR && -d target/test-classes ]] || die "$JAR or target/test-classes missing (run without BENCH_SKIP_BUILD)"
log "test classpath (maven-dependency-plugin build-classpath)"
# the plugin named in full: offline, Maven cannot resolve the short prefix here (as in backfill-benchmark.sh)
timeout 900 ./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt"
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/test-classpath.txt")"

# ---------------------------------------------------------------- helpers
machine_load() { # "<1-min load average> load, <CPUs busy over 2 s> CPUs busy": how busy the machine is right now
  local b0 b1
  b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
  echo "$(cut -d' ' -f1 /proc/loadavg) load, $(cores $((b1 - b0)) 2) CPUs busy"
}
sf_stat() { curl -fsS --max-time 5 "$SF_CONTROL/stats" | sed -n "s/^$1=//p"; } # key: the fake's counter
start_salesforce() { # name: a fresh Salesforce fake in its own JVM; sets SF_PID, SF_URL, SF_CONTROL
  rm -f "$OUT/$1-salesforce.ready"
  java -Xms256m -Xmx1g -cp "$CP" io.storelink.bench.BenchSalesforce serve "$OUT/$1-salesforce.ready" "$CLIENT_ID" "$CLIENT_SECRET" \
    >"$OUT/$1-salesforce.log" 2>&1 &
  SF_PID=$!
  PIDS+=("$SF_PID")
  wait_for "Salesforce fake" 60 "$SF_PID" "$OUT/$1-salesforce.log" test -s "$OUT/$1-salesforce.ready"
  SF_URL=$(sed -n 1p "$OUT/$1-salesforce.ready")
  SF_CONTROL=$(sed -n 2p "$OUT/$1-salesforce.ready")
  echo "  Salesforce fake $SF_URL, control $SF_CONTROL (pid $SF_PID)"
}
start_bridge() { # name: the bridge as in production, every route, the pollers' schedules off; sets BRIDGE_PID, PORT
  PORT=$(free_port 18180)
  log "$1: bridge: java $JAVA_OPTS -jar $JAR on 127.0.0.1:$PORT (all routes, STORELINK_JOBS_ENABLED=false)"
  # a clean environment: nothing from the caller's SHOPIFY_*/SALESFORCE_*/STORELINK_* variables leaks in
  # shellcheck disable=SC2086
  env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    PORT="$PORT" SERVER_ADDRESS=127.0.0.1 STORELINK_JOBS_ENABLED=false ${MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX"} \
    SHOPIFY_WEBHOOK_SECRET="$SECRET" KAFKA_BOOTSTRAP_SERVERS="$BROKERS" \
    SALESFORCE_LOGIN_URL="$SF_URL" SALESFORCE_CLIENT_ID="$CLIENT_ID" SALESFORCE_CLIENT_SECRET="$CLIENT_SECRET" \
    STORELINK_CONSOLE_USERNAME="${CONSOLE%%:*}" STORELINK_CONSOLE_PASSWORD="${CONSOLE#*:}" \
    java $JAVA_OPTS -jar "$JAR" >"$OUT/$1-bridge.log" 2>&1 &
  BRIDGE_PID=$!
  PIDS+=("$BRIDGE_PID")
  wait_for "bridge readiness" 180 "$BRIDGE_PID" "$OUT/$1-bridge.log" \
    curl -fsS --max-time 2 "http://127.0.0.1:$PORT/actuator/health/readiness"
  echo "  ready (pid $BRIDGE_PID)"
}
route() { # operation: stop() or start() of the writer route through Jolokia (the console login); fails unless 200
  local search mbean answer
  search=$(curl -fsS --max-time 10 -u "$CONSOLE" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/actuator/jolokia" \
    -d "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"$WRITER_ROUTE\\\",*\"}")
  mbean=$(grep -o '"value":\["\([^"\\]\|\\.\)*"' <<<"$search" | sed 's/^"value":\[//') # a JSON string, kept escaped
  [[ -n $mbean ]] || die "no MBean for route $WRITER_ROUTE: $search"
  answer=$(curl -fsS --max-time 60 -u "$CONSOLE" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/actuator/jolokia" \
    -d "{\"type\":\"exec\",\"mbean\":$mbean,\"operation\":\"$1\"}")
  grep -q '"status":200' <<<"$answer" || die "route $WRITER_ROUTE $1: $answer"
}
finish() { # name: the scenario's result, the bridge's last warnings; the bridge and the fake stopped
  cat "$OUT/$1.result"
  grep -E ' (WARN|ERROR) ' "$OUT/$1-bridge.log" | grep -v -E 'hawtio|Hawtio|jolokia|Jolokia' | tail -n 5 || true
  log "$1: stopping the bridge and the fake"
  stop_pid "$BRIDGE_PID" 30
  stop_pid "$SF_PID" 10
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
verdict() { # value op limit: PASS or FAIL
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = op == "<=" ? v <= l : v >= l; print (ok ? "PASS" : "FAIL") }'
}

# ---------------------------------------------------------------- Kafka
if wants burst || wants trickle; then
  log "Kafka broker (KRaft, own JVM, loopback): shopify.orders, shopify.fulfillments, shopify.orders.dlq, 3 partitions each"
  start_kafka
fi

# ---------------------------------------------------------------- burst
if wants burst; then
  R=$OUT/burst.result
  log "burst: $ORDERS orders waiting in shopify.orders, then the writer drains them"
  start_salesforce burst
  start_bridge burst
  route "stop()"
  echo "  writer route $WRITER_ROUTE stopped (Jolokia); the intake keeps running"
  log "burst: $ORDERS signed orders/create webhooks through POST /webhooks/shopify ($LOAD_THREADS threads, seed $SEED)"
  timeout 900 java -cp "$CP" io.storelink.bench.BenchBurst "http://127.0.0.1:$PORT/webhooks/shopify" "$SECRET" "$ORDERS" "$SEED" \
    "$LOAD_THREADS" | tee "$OUT/burst-load.txt"
  java -cp "$CP" io.storelink.bench.BenchKafka count "$BROKERS" shopify.orders >"$OUT/burst-count.txt" 2>&1
  RECORDS=$(kv "$OUT/burst-count.txt" records)
  echo "  records in shopify.orders: $RECORDS"
  [[ $RECORDS == "$ORDERS" ]] || die "expected $ORDERS records in shopify.orders, found $RECORDS"
  sleep 5 # the intake's JIT and GC settle; the machine's load is taken just before the drain
  LOAD_BEFORE=$(machine_load)
  echo "  machine before the drain: $LOAD_BEFORE"
  CALLS0=$(sf_stat calls); LOGINS0=$(sf_stat logins)
  sample_rss "$BRIDGE_PID" "$OUT/burst.rss" 0.5
  c0=$(cpu_ticks "$BRIDGE_PID"); k0=$(cpu_ticks "$KAFKA_PID"); f0=$(cpu_ticks "$SF_PID"); b0=$(busy_ticks)
  T0_MS=$(date +%s%3N)
  route "start()"
  log "burst: writer started; waiting until $WRITER_GROUP has committed every offset of shopify.orders"
  java -cp "$CP" io.storelink.bench.BenchKafka await-committed "$BROKERS" "$WRITER_GROUP" shopify.orders 600 >"$OUT/burst-drain.txt" 2>"$OUT/burst-drain.log" \
    || die "the writer did not drain the backlog within 600 s (log: $OUT/burst-bridge.log)"
  T1_MS=$(kv "$OUT/burst-drain.txt" committed_at_ms)
  c1=$(cpu_ticks "$BRIDGE_PID"); k1=$(cpu_ticks "$KAFKA_PID"); f1=$(cpu_ticks "$SF_PID"); b1=$(busy_ticks)
  stop_pid "$SAMPLER" 2
  sleep 1
  CALLS=$(($(sf_stat calls) - CALLS0)); LOGINS=$(($(sf_stat logins) - LOGINS0))
  SECS=$(awk -v a="$T0_MS" -v b="$T1_MS" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
  OPPS=$(sf_stat opportunitys)
  {
    echo "scenario=burst"
    echo "orders=$ORDERS"
    echo "delivery=signed webhooks through the intake ($(kv "$OUT/burst-load.txt" webhooks_per_s) webhooks/s, $(kv "$OUT/burst-load.txt" retries) retries), writer route stopped meanwhile"
    echo "calls=$CALLS"
    echo "logins=$LOGINS"
    echo "calls_per_order=$(awk -v c="$CALLS" -v o="$ORDERS" 'BEGIN { printf "%.4f", c / o }')"
    echo "drain_seconds=$SECS"
    echo "drain_orders_per_s=$(awk -v s="$SECS" -v o="$ORDERS" 'BEGIN { printf "%.0f", o / s }')"
    # after the first batch was committed: the consumers have joined, the bridge has logged in, the JIT has seen a batch
    F_MS=$(kv "$OUT/burst-drain.txt" first_commit_at_ms); F_N=$(kv "$OUT/burst-drain.txt" committed_at_first_commit)
    echo "first_commit_seconds=$(awk -v a="$T0_MS" -v b="$F_MS" 'BEGIN { printf "%.2f", (b - a) / 1000 }') ($F_N records committed then)"
    echo "after_first_commit_orders_per_s=$(awk -v a="$F_MS" -v b="$T1_MS" -v n="$((ORDERS - F_N))" 'BEGIN { printf "%.0f", (b > a ? n * 1000 / (b - a) : 0) }')"
    echo "opportunities=$OPPS"
    echo "accounts=$(sf_stat accounts)"
    echo "contacts=$(sf_stat contacts)"
    echo "rss_max_mib=$(mib "$(sort -n "$OUT/burst.rss" | tail -n 1)")"
    echo "rss_peak_mib=$(mib "$(awk '/^VmHWM:/ { print $2 }' "/proc/$BRIDGE_PID/status")")"
    secs=$(awk -v s="$SECS" 'BEGIN { print (s > 0 ? s : 1) }')
    echo "cpu_bridge_cores=$(cores $((c1 - c0)) "$secs")"
    echo "cpu_kafka_cores=$(cores $((k1 - k0)) "$secs")"
    echo "cpu_salesforce_fake_cores=$(cores $((f1 - f0)) "$secs")"
    echo "cpu_other_cores=$(cores $((b1 - b0 - (c1 - c0) - (k1 - k0) - (f1 - f0))) "$secs")"
    echo "machine_before=$LOAD_BEFORE"
  } >"$R"
  {
    echo "verdict_calls_per_order=$(verdict "$(kv "$R" calls_per_order)" '<=' 0.01) (<= 0.01)"
    echo "verdict_drain_orders_per_s=$(verdict "$(kv "$R" drain_orders_per_s)" '>=' 1000) (>= 1000)"
    echo "verdict_all_written=$([[ $OPPS == "$ORDERS" ]] && echo PASS || echo FAIL) ($OPPS Opportunities for $ORDERS orders)"
  } >>"$R"
  finish burst
fi

# ---------------------------------------------------------------- trickle
if wants trickle; then
  R=$OUT/trickle.result
  log "trickle: $TRICKLE_WARMUP + $TRICKLE_EVENTS webhooks, one every $TRICKLE_INTERVAL_MS ms, to an idle bridge"
  start_salesforce trickle
  start_bridge trickle
  STARTUP_CALLS=$(sf_stat calls)
  echo "  bridge idle for ${TRICKLE_IDLE} s"
  sleep "$TRICKLE_IDLE"
  IDLE_CALLS=$(($(sf_stat calls) - STARTUP_CALLS))
  LOAD_BEFORE=$(machine_load)
  echo "  machine before the trickle: $LOAD_BEFORE; Salesforce calls at start-up $STARTUP_CALLS, while idle $IDLE_CALLS"
  timeout $((TRICKLE_EVENTS * TRICKLE_INTERVAL_MS / 1000 + TRICKLE_WARMUP * 35 + 120)) \
    java -cp "$CP" io.storelink.bench.BenchTrickle "http://127.0.0.1:$PORT/webhooks/shopify" "$SECRET" "$SF_CONTROL" \
    "$TRICKLE_EVENTS" "$TRICKLE_WARMUP" "$TRICKLE_INTERVAL_MS" "$SEED" "$OUT/trickle-events.txt" >"$OUT/trickle-client.txt"
  # the bridge's own view: storelink_sync_latency (X-Shopify-Triggered-At to Salesforce's answer), all events
  curl -fsS --max-time 10 -u "$CONSOLE" "http://127.0.0.1:$PORT/actuator/prometheus" >"$OUT/trickle-prometheus.txt"
  LE1=$(awk '/^storelink_sync_latency_seconds_bucket\{/ && /le="1.0"/ && /writer="orders"/ { print $2 }' "$OUT/trickle-prometheus.txt" | head -n 1)
  COUNT=$(awk '/^storelink_sync_latency_seconds_count\{/ && /writer="orders"/ { print $2 }' "$OUT/trickle-prometheus.txt" | head -n 1)
  {
    echo "scenario=trickle"
    echo "delivery=signed webhooks through the intake, one every $TRICKLE_INTERVAL_MS ms; orders/create of new orders and, every fourth, orders/updated of an earlier one"
    cat "$OUT/trickle-client.txt"
    echo "startup_calls=$STARTUP_CALLS"
    echo "idle_calls=$IDLE_CALLS"
    echo "bridge_sync_latency_le_1s=${LE1:-?} of ${COUNT:-?} (storelink_sync_latency, warm-up included)"
    echo "rss_peak_mib=$(mib "$(awk '/^VmHWM:/ { print $2 }' "/proc/$BRIDGE_PID/status")")"
    echo "machine_before=$LOAD_BEFORE"
  } >"$R"
  {
    echo "verdict_calls_per_event=$(verdict "$(kv "$R" calls_per_event)" '<=' 1) (<= 1)"
    echo "verdict_p95_ms=$(verdict "$(kv "$R" p95_ms)" '<=' 1000) (<= 1000)"
  } >>"$R"
  finish trickle
fi

# ---------------------------------------------------------------- blueprint
if wants blueprint; then
  R=$OUT/blueprint.result
  log "blueprint: the per-order shape (query, upsert Account, upsert Contact, create Opportunity) for $BLUEPRINT_ORDERS orders"
  start_salesforce blueprint
  LOAD_BEFORE=$(machine_load)
  echo "  machine before: $LOAD_BEFORE"
  timeout 900 java -cp "$CP" io.storelink.bench.BenchBlueprint "$SF_URL" "$SF_CONTROL" "$CLIENT_ID" "$CLIENT_SECRET" \
    "$BLUEPRINT_ORDERS" "$SEED" "$BLUEPRINT_THREADS" >"$OUT/blueprint-client.txt"
  {
    echo "scenario=blueprint"
    cat "$OUT/blueprint-client.txt"
    echo "machine_before=$LOAD_BEFORE"
  } >"$R"
  cat "$R"
  stop_pid "$SF_PID" 10
fi

# ---------------------------------------------------------------- summary
{
  echo "Writer benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "  $(java -version 2>&1 | head -n 1); bridge JVM flags: $JAVA_OPTS"
  echo "  the bridge, the Kafka broker, the Salesforce fake and the load generator share these $(nproc) CPUs"
  for s in burst trickle blueprint; do
    if [[ -f $OUT/$s.result ]]; then
      echo
      sed "s/^/$s./" "$OUT/$s.result"
    fi
  done
  if [[ -f $OUT/burst.result && -f $OUT/blueprint.result ]]; then
    echo
    b=$(kv "$OUT/burst.result" calls_per_order); p=$(kv "$OUT/blueprint.result" calls_per_order)
    bs=$(kv "$OUT/burst.result" drain_orders_per_s); ps=$(kv "$OUT/blueprint.result" orders_per_s)
    echo "compare.calls_per_order=storelink $b, blueprint $p ($(awk -v b="$b" -v p="$p" 'BEGIN { printf "%.0fx fewer", p / b }'))"
    echo "compare.orders_per_s=storelink $bs, blueprint $ps ($(awk -v b="$bs" -v p="$ps" 'BEGIN { printf "%.1fx", b / p }'))"
  fi
} | tee "$SUMMARY"
echo "logs and raw output: $OUT"
