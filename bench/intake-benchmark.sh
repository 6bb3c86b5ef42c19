#!/usr/bin/env bash
# Intake benchmark: the Storelink bridge's POST /webhooks/shopify (HMAC check + Kafka produce, acks=all, idempotent)
# against the blueprint's bare Express endpoint (HMAC check + 200, persists nothing), same wrk command, same machine,
# same run. See bench/README.md.
#
#   bench/intake-benchmark.sh                 # both: the bridge, then the Express baseline
#   bench/intake-benchmark.sh bridge          # only the bridge
#   bench/intake-benchmark.sh express         # only the Express baseline
#
# Settings (environment): BENCH_DURATION (30s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP_MIN/MAX
# (bridge 120 s, Express 45 s / 240 s), BENCH_PAYLOAD_BYTES (15000), BENCH_PAYLOAD_COUNT (12 orders, sent in turn), BENCH_JAVA_OPTS (the bridge's
# JVM flags, default below), BENCH_SKIP_BUILD=1 (reuse target/), BENCH_OUT (bench/out), BENCH_COLD=1 (no warm-up: the
# first 30 s of load right after readiness, in runs of BENCH_COLD_WINDOW seconds, 5), BENCH_KAFKA_WARM=N (N s of
# producer load on the broker before the bridge starts).
# Results: bench/out/summary.txt, next to every log. Traffic stays on 127.0.0.1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

DURATION=${BENCH_DURATION:-30s}
# warm-up: 15 s rounds of the same load until two consecutive rounds are within 5 % of each other, after at least
# BENCH_WARMUP_MIN seconds (bridge 120, Express 45) and at most BENCH_WARMUP_MAX (240). The JVM needs the minimum: on
# 2 CPUs its JIT takes 90-120 s of this load, and the throughput climbs in steps with flat stretches between them.
WARMUP_MIN=${BENCH_WARMUP_MIN:-}
WARMUP_MAX=${BENCH_WARMUP_MAX:-240}
WARMUP_ROUND=15
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
PAYLOAD_BYTES=${BENCH_PAYLOAD_BYTES:-15000}
PAYLOAD_COUNT=${BENCH_PAYLOAD_COUNT:-12}
# The flags the Kubernetes deployment gets too (bench/README.md, "JVM flags").
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=128m -XX:MaxDirectMemorySize=64m"}
OUT=${BENCH_OUT:-$ROOT/bench/out}
RSS_LIMIT_MIB=512
SECRET=bench-webhook-secret
JAR=${BENCH_JAR:-target/storelink-0.1.0-SNAPSHOT.jar}   # e.g. the extracted jar of README "A faster start"
BRIDGE_JAVA=${BENCH_JAVA:-java} # the bridge's java (another JDK's bin/java); the helpers keep the one on PATH
ROUTES=${BENCH_ROUTES:-file:routes/shopify-webhooks.camel.yaml,file:routes/error-handling.camel.yaml}
KAFKA_WARM=${BENCH_KAFKA_WARM:-} # seconds of producer load on the broker before the bridge starts (empty: none)
COLD=${BENCH_COLD:-}   # 1: no warm-up; 30 s of load right after readiness (the cold start), then the measured run
COLD_WINDOW=${BENCH_COLD_WINDOW:-5} # seconds per cold run: how finely the first 30 s are resolved

TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=(bridge express)
for t in "${TARGETS[@]}"; do
  [[ $t == bridge || $t == express ]] || { echo "usage: $0 [bridge] [express]" >&2; exit 2; }
done
wants() { local t; for t in "${TARGETS[@]}"; do [[ $t == "$1" ]] && return 0; done; return 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh

command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
command -v curl >/dev/null || { log "installing curl"; apt_install curl; }
if wants express && ! command -v npm >/dev/null; then log "installing node and npm"; apt_install nodejs npm; fi

mkdir -p "$OUT"
rm -f "$OUT"/*.summary "$OUT"/*.wrk.txt "$OUT"/*.rss "$OUT"/*.proc "$OUT"/summary.txt "$OUT"/cold.txt
SUMMARY=$OUT/summary.txt
HZ=$(getconf CLK_TCK)

# ---------------------------------------------------------------- build, classpath, payload
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  log "building the jar and the test classes (./mvnw package -DskipTests)"
  timeout 1800 ./mvnw -q -B package -DskipTests
fi
[[ -f $JAR && -d target/test-classes ]] || die "$JAR or target/test-classes missing (run without BENCH_SKIP_BUILD)"
log "test classpath (./mvnw dependency:build-classpath)"
timeout 900 ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt"
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/test-classpath.txt")"

log "payloads: ${PAYLOAD_COUNT} orders/create bodies of ~${PAYLOAD_BYTES} bytes, each from another customer, and their signatures"
rm -rf "$OUT/data"
java -cp "$CP" io.storelink.bench.BenchPayload "$OUT/data" "$SECRET" "$PAYLOAD_BYTES" "$PAYLOAD_COUNT"
BODY_BYTES=$(stat -c %s "$OUT"/data/order-*.json | sort -n | sed -n '1p;$p' | paste -sd- -)
export BENCH_DATA_DIR=$OUT/data

log "background load: how busy the machine is before anything of ours runs (3 s)"
b0=$(busy_ticks); sleep 3; b1=$(busy_ticks)
IDLE_LOAD=$(cores $((b1 - b0)) 3)
echo "  $IDLE_LOAD of $(nproc) CPUs busy"
awk -v l="$IDLE_LOAD" 'BEGIN { exit !(l > 0.2) }' &&
  echo "  WARNING: something else is using the CPUs; the numbers will be lower and noisier than on an idle machine"

# ---------------------------------------------------------------- wrk runs
run_wrk() { # name tag duration url: one wrk run, output to $OUT/<name>.wrk.txt, counters to $OUT/<name>.summary
  local name=$1 tag=$2 duration=$3 url=$4
  BENCH_RUN_TAG=$tag BENCH_SUMMARY_FILE="$OUT/$name.summary" \
    timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s bench/webhook.lua "$url" \
    | tee "$OUT/$name.wrk.txt"
  [[ -s $OUT/$name.summary ]] || die "wrk wrote no summary for $name"
}
measure() { # name pid url: warm-up, then the measured run while sampling the process's RSS and CPU
  local name=$1 pid=$2 url=$3 sampler t0 t1 s0 s1 k0=0 k1=0 w0 w1 b0 b1 secs
  local round=0 prev=0 rps min=${WARMUP_MIN:-$([[ $name == bridge ]] && echo 120 || echo 45)}
  if [[ -n $COLD ]]; then
    log "$name: cold: the first 30 s of load right after readiness, in ${COLD_WINDOW} s runs, no warm-up"
    for ((round = 1; round * COLD_WINDOW <= 30; round++)); do
      run_wrk "$name-cold$round" "$name-cold$round" "${COLD_WINDOW}s" "$url" >/dev/null
      echo "$name.cold_rps_$(((round - 1) * COLD_WINDOW))_$((round * COLD_WINDOW))s=$(kv "$OUT/$name-cold$round.summary" rps)" | tee -a "$OUT/cold.txt"
    done
    min=0
  else
    log "$name: warm-up, ${WARMUP_ROUND} s rounds until the throughput settles (${min}-${WARMUP_MAX} s)"
  fi
  while [[ -z $COLD ]]; do
    round=$((round + 1))
    run_wrk "$name-warmup$round" "$name-warmup$round" "${WARMUP_ROUND}s" "$url" >/dev/null
    rps=$(kv "$OUT/$name-warmup$round.summary" rps)
    echo "  warm-up round $round: $rps req/s, $(kv "$OUT/$name-warmup$round.summary" non2xx) non-2xx"
    if ((round * WARMUP_ROUND >= WARMUP_MAX)); then break; fi
    if ((round * WARMUP_ROUND >= min)) &&
      awk -v a="$prev" -v b="$rps" 'BEGIN { exit !(a > 0 && b <= a * 1.05 && b >= a * 0.95) }'; then break; fi
    prev=$rps
  done
  WARMUP_DONE=$((COLD ? 30 : round * WARMUP_ROUND))
  log "$name: measured run: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/webhook.lua $url"
  sample_rss "$pid" "$OUT/$name.rss" 1
  sampler=$SAMPLER
  t0=$(cpu_ticks "$pid"); w0=$(child_ticks); b0=$(busy_ticks); s0=$(date +%s.%N)
  if [[ -n ${KAFKA_PID:-} ]]; then k0=$(cpu_ticks "$KAFKA_PID"); fi
  run_wrk "$name-run" "$name-run" "$DURATION" "$url"
  t1=$(cpu_ticks "$pid"); w1=$(child_ticks); b1=$(busy_ticks); s1=$(date +%s.%N)
  if [[ -n ${KAFKA_PID:-} ]]; then k1=$(cpu_ticks "$KAFKA_PID"); fi
  stop_pid "$sampler" 2
  awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >>"$OUT/$name.rss"
  secs=$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')
  {
    echo "max_rss_kib=$(sort -n "$OUT/$name.rss" | tail -n 1)"
    echo "hwm_rss_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")"
    echo "cpu_cores=$(cores $((t1 - t0)) "$secs")"
    echo "kafka_cpu_cores=$(cores $((k1 - k0)) "$secs")"
    echo "wrk_cpu_cores=$(cores $((w1 - w0)) "$secs")"
    # everything else the machine ran meanwhile: other people's builds, the kernel's interrupts
    echo "other_cpu_cores=$(cores $((b1 - b0 - (t1 - t0) - (k1 - k0) - (w1 - w0))) "$secs")"
  } >"$OUT/$name.proc"
  echo "  CPU during the run: $name $(kv "$OUT/$name.proc" cpu_cores) cores, Kafka broker $(kv "$OUT/$name.proc" kafka_cpu_cores), wrk $(kv "$OUT/$name.proc" wrk_cpu_cores), everything else $(kv "$OUT/$name.proc" other_cpu_cores)"
}
post_once() { # url [signature]: status code of one signed POST of the payload
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$1" \
    -H 'Content-Type: application/json' -H 'X-Shopify-Topic: orders/create' \
    -H "X-Shopify-Hmac-Sha256: ${2:-$(cat "$OUT/data/order-1.json.hmac")}" \
    -H 'X-Shopify-Shop-Domain: storelink-bench.myshopify.com' -H 'X-Shopify-Webhook-Id: bench-sanity' \
    --data-binary @"$OUT/data/order-1.json"
}
sanity() { # name url: the endpoint accepts the signed payload and refuses a wrong signature
  local ok bad
  ok=$(post_once "$2")
  bad=$(post_once "$2" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
  echo "  sanity: signed payload -> $ok, wrong signature -> $bad"
  [[ $ok == 200 ]] || die "$1 answered $ok to a correctly signed webhook"
  [[ $bad == 401 ]] || die "$1 answered $bad to a wrongly signed webhook (expected 401)"
}

# ---------------------------------------------------------------- the bridge
BRIDGE_RESULT=
if wants bridge; then
  log "Kafka broker (KRaft, own JVM, loopback), topic shopify.orders with 3 partitions (and two more the intake does not use)"
  start_kafka
  if [[ -n $KAFKA_WARM ]]; then
    log "broker warm-up: $KAFKA_WARM s of 15 KB records to bench.warmup (a broker that has been running, as in production)"
    java -cp "$CP" io.storelink.bench.BenchKafka warm "$BROKERS" "$KAFKA_WARM" | tee "$OUT/kafka-warm.txt"
  fi

  PORT=$(free_port 18080)
  log "bridge: $BRIDGE_JAVA $JAVA_OPTS -jar $JAR on 127.0.0.1:$PORT"
  echo "  routes: $ROUTES (the intake only: the Salesforce writer route is not loaded, nothing consumes the topic)"
  # a clean environment: nothing from the caller's SHOPIFY_*/SALESFORCE_*/STORELINK_* variables leaks in
  # shellcheck disable=SC2086
  env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    PORT="$PORT" SERVER_ADDRESS=127.0.0.1 STORELINK_JOBS_ENABLED=false \
    SHOPIFY_WEBHOOK_SECRET="$SECRET" KAFKA_BOOTSTRAP_SERVERS="$BROKERS" STORELINK_ROUTES="$ROUTES" \
    SALESFORCE_LOGIN_URL=http://127.0.0.1:9 SALESFORCE_CLIENT_ID=bench-client-id SALESFORCE_CLIENT_SECRET=bench-client-secret \
    STORELINK_CONSOLE_USERNAME=bench STORELINK_CONSOLE_PASSWORD=bench-console-password \
    "$BRIDGE_JAVA" $JAVA_OPTS -jar "$JAR" >"$OUT/bridge.log" 2>&1 &
  BRIDGE_PID=$!
  PIDS+=("$BRIDGE_PID")
  BRIDGE_URL=http://127.0.0.1:$PORT/webhooks/shopify
  wait_for "bridge readiness" 180 "$BRIDGE_PID" "$OUT/bridge.log" \
    curl -fsS --max-time 2 "http://127.0.0.1:$PORT/actuator/health/readiness"
  ROUTE_IDS=$(curl -fsS --max-time 5 -u bench:bench-console-password "http://127.0.0.1:$PORT/actuator/camelroutes" | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/' | sort -u | tr '\n' ' ')
  echo "  ready (pid $BRIDGE_PID), routes loaded: $ROUTE_IDS"
  [[ -n ${BENCH_ROUTES:-} || $ROUTE_IDS == "shopify-webhooks " ]] || die "expected only the shopify-webhooks route, got: $ROUTE_IDS"
  sanity bridge "$BRIDGE_URL"

  measure bridge "$BRIDGE_PID" "$BRIDGE_URL"
  BRIDGE_WARMUP=$WARMUP_DONE

  log "bridge: every 200 enqueued? counting records in shopify.orders"
  sleep 5 # requests wrk abandoned at its stop finish (the Kafka timeout is 3 s)
  java -cp "$CP" io.storelink.bench.BenchKafka count "$BROKERS" shopify.orders >"$OUT/count.log" 2>&1
  RECORDS=$(kv "$OUT/count.log" records)
  [[ -n $RECORDS ]] || { tail -n 20 "$OUT/count.log" >&2; die "could not count the records (log: $OUT/count.log)"; }
  grep '^per partition' "$OUT/count.log" | sed 's/^/  /'
  OK_MIN=1 UNANSWERED=0 WARM_NON2XX=0 # 1: the sanity request
  for f in "$OUT"/bridge-warmup*.summary "$OUT"/bridge-cold*.summary "$OUT/bridge-run.summary"; do
    [[ -e $f ]] || continue # a cold run has no warm-up rounds, a warm one no cold rounds
    OK_MIN=$((OK_MIN + $(kv "$f" ok2xx)))
    UNANSWERED=$((UNANSWERED + $(kv "$f" unanswered)))
  done
  for f in "$OUT"/bridge-warmup*.summary "$OUT"/bridge-cold*.summary; do [[ -e $f ]] || continue; WARM_NON2XX=$((WARM_NON2XX + $(kv "$f" non2xx))); done
  if ((RECORDS >= OK_MIN && RECORDS <= OK_MIN + UNANSWERED)); then
    COUNT_CHECK="PASS: $RECORDS records >= $OK_MIN 2xx answers (1 sanity + warm-up + run); $((RECORDS - OK_MIN)) more records than 2xx, within the $UNANSWERED requests wrk left unanswered when it stopped"
  else
    COUNT_CHECK="FAIL: $RECORDS records, $OK_MIN 2xx answers, $UNANSWERED unanswered at wrk's stop"
  fi
  echo "  $COUNT_CHECK"
  grep -E 'WARN|ERROR' "$OUT/bridge.log" | grep -v -E 'hawtio|Hawtio|jolokia|Jolokia' | tail -n 5 || true

  log "stopping the bridge and the broker"
  stop_pid "$BRIDGE_PID" 30
  stop_pid "$KAFKA_PID" 30
  BRIDGE_RESULT=1
fi

# ---------------------------------------------------------------- the Express baseline
EXPRESS_RESULT=
if wants express; then
  log "Express baseline: npm ci in bench/express-baseline"
  (cd bench/express-baseline && timeout 600 npm ci --no-audit --no-fund --loglevel=error)
  NODE_PORT=$(free_port 13000)
  log "Express baseline: node server.js on 127.0.0.1:$NODE_PORT (stdout, one console.log per request, to /dev/null)"
  env -i PATH="$PATH" HOME="$HOME" PORT="$NODE_PORT" SHOPIFY_WEBHOOK_SECRET="$SECRET" \
    node bench/express-baseline/server.js >/dev/null 2>"$OUT/express.log" &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  EXPRESS_URL=http://127.0.0.1:$NODE_PORT/webhooks/shopify
  wait_for "Express baseline" 30 "$NODE_PID" "$OUT/express.log" \
    bash -c "(exec 3<>/dev/tcp/127.0.0.1/$NODE_PORT)"
  sanity express "$EXPRESS_URL"
  KAFKA_PID=
  measure express "$NODE_PID" "$EXPRESS_URL"
  EXPRESS_WARMUP=$WARMUP_DONE
  stop_pid "$NODE_PID" 10
  EXPRESS_RESULT=1
fi

# ---------------------------------------------------------------- summary
FMT='%-8s %9s %8s %8s %8s %8s %8s %9s %10s %10s %10s\n'
row() { # name
  local s=$OUT/$1-run.summary p=$OUT/$1.proc
  printf "$FMT" "$1" "$(kv "$s" rps)" "$(kv "$s" p50_ms)" "$(kv "$s" p99_ms)" "$(kv "$s" max_ms)" "$(kv "$s" non2xx)" \
    "$(($(kv "$p" max_rss_kib) / 1024))" "$(($(kv "$p" hwm_rss_kib) / 1024))" "$(kv "$p" cpu_cores)" \
    "$(kv "$p" kafka_cpu_cores)" "$(kv "$p" other_cpu_cores)"
}
{
  echo "Intake benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "  $(java -version 2>&1 | head -n 1), node $(node --version 2>/dev/null || echo -), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
  echo "  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/webhook.lua <url>, after a warm-up of the same load; $PAYLOAD_COUNT bodies of $BODY_BYTES bytes"
  echo "  wrk, the Kafka broker and the server under test share these $(nproc) CPUs; $IDLE_LOAD CPUs were busy before the benchmark started"
  echo
  printf "$FMT" "server" "req/s" "p50 ms" "p99 ms" "max ms" "non-2xx" "RSS MiB" "peak MiB" "CPU server" "CPU Kafka" "CPU other"
  if [[ -n $BRIDGE_RESULT ]]; then row bridge; fi
  if [[ -n $EXPRESS_RESULT ]]; then row express; fi
  echo
  if [[ -n $BRIDGE_RESULT ]]; then
    echo "bridge: JVM flags $JAVA_OPTS"
    echo "bridge: routes $ROUTES (the intake only; the Salesforce writer is not loaded)"
    echo "bridge: warm-up ${BRIDGE_WARMUP} s, $WARM_NON2XX non-2xx during it"
    echo "bridge: every 200 enqueued: $COUNT_CHECK"
    rss=$(($(kv "$OUT/bridge.proc" max_rss_kib) / 1024))
    echo "bridge: RSS under load <= $RSS_LIMIT_MIB MiB: $([[ $rss -le $RSS_LIMIT_MIB ]] && echo PASS || echo FAIL) ($rss MiB)"
  fi
  if [[ -n $EXPRESS_RESULT ]]; then
    echo "express: node bench/express-baseline/server.js, stdout (its per-request console.log) to /dev/null; warm-up ${EXPRESS_WARMUP} s"
  fi
  if [[ -n $BRIDGE_RESULT && -n $EXPRESS_RESULT ]]; then
    b=$(kv "$OUT/bridge-run.summary" rps); e=$(kv "$OUT/express-run.summary" rps)
    echo "throughput: bridge $b req/s, Express $e req/s: $(awk -v b="$b" -v e="$e" 'BEGIN { printf "%.0f%% of the baseline: %s", 100 * b / e, (b >= e ? "PASS" : "FAIL") }')"
    if [[ -n $COLD ]]; then
      # each cold window of the bridge against the same window of Express; the target: >= 1.0x by the end of 30 s
      ratios=$(awk -F= '{ split($1, k, /[._]/); w = k[4] "-" k[5] }
        k[1] == "bridge" { b[w] = $2; order[++n] = w } k[1] == "express" { e[w] = $2 }
        END { for (i = 1; i <= n; i++) { w = order[i]; printf "%s %s: %.2f", (i > 1 ? "," : ""), w, b[w] / e[w] } }' "$OUT/cold.txt")
      last=${ratios##*, } # the last window, e.g. "25-30s: 1.13" (with BENCH_COLD_WINDOW=10: "20-30s: ...")
      echo "cold: bridge/Express in the first 30 s of load:$ratios; in the last window, ${last}x: $(awk -v r="${last##*: }" 'BEGIN { print (r >= 1.0 ? "PASS" : "FAIL") }')"
    fi
  fi
  echo "(req/s and latency are wrk's for the measured run. RSS: the highest VmRSS sampled each second during it; peak: VmHWM"
  echo " since start. CPU: cores used during the run by the server, the broker, and everything else but wrk (other people's"
  echo " processes, interrupts); wrk itself used $(kv "$OUT/${TARGETS[0]}.proc" wrk_cpu_cores) cores in the ${TARGETS[0]} run.)"
} | tee "$SUMMARY"
echo "logs and raw output: $OUT"

if [[ -n $BRIDGE_RESULT ]]; then
  [[ $COUNT_CHECK == PASS* ]] || exit 1
  [[ $(kv "$OUT/bridge-run.summary" non2xx) == 0 && $WARM_NON2XX == 0 ]] || exit 1
fi
