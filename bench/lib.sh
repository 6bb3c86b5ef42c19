# Shell functions shared by bench/intake-benchmark.sh and bench/writer-benchmark.sh (sourced, not run):
# logging, the processes a benchmark starts and their cleanup on exit, tools, ports, waiting, CPU accounting.
# The caller sets `set -euo pipefail` and HZ=$(getconf CLK_TCK) before using cores().

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- processes we start, and their cleanup
PIDS=()
stop_pid() { # pid [seconds]: TERM, then KILL after the grace period
  local pid=$1 grace=${2:-20} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { # newest first: the bridge stops before its broker
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}" "${BENCH_STOP_GRACE:-10}"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=
apt_install() {
  [[ -n $APT_UPDATED ]] || { as_root apt-get update; APT_UPDATED=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
free_port() { # first port from $1 up that nothing listens on
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
wait_for() { # description seconds pid log command...: until the command succeeds, the process dies, or time is up
  local what=$1 seconds=$2 pid=$3 logfile=$4 i
  shift 4
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "$what: process exited (log: $logfile)"; }
    sleep 0.25
  done
  tail -n 40 "$logfile" >&2
  die "$what: not ready after ${seconds}s (log: $logfile)"
}
cpu_ticks() { # utime+stime of a process, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
child_ticks() { # CPU of this shell's finished children (wrk, once waited for), in clock ticks
  awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$$/stat"
}
busy_ticks() { # CPU time the whole machine spent busy (user, nice, system, irq, softirq), in clock ticks
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}
cores() { # ticks seconds
  awk -v t="$1" -v hz="$HZ" -v s="$2" 'BEGIN { printf "%.2f", t / hz / s }'
}
kv() { sed -n "s/^$2=//p" "$1"; } # file key
sample_rss() { # pid file seconds: the process's VmRSS (KiB) every so many seconds into file, in the background; sets SAMPLER
  : >"$2"
  (while kill -0 "$1" 2>/dev/null; do
     awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" >>"$2" 2>/dev/null || true
     sleep "$3"
   done) &
  SAMPLER=$!
  PIDS+=("$SAMPLER")
}
start_kafka() { # BenchKafka serve in its own JVM (needs CP and OUT); sets KAFKA_PID and BROKERS (host:port)
  rm -f "$OUT/kafka.ready"
  java -Xms512m -Xmx512m -cp "$CP" io.storelink.bench.BenchKafka serve "$OUT/kafka.ready" >"$OUT/kafka.log" 2>&1 &
  KAFKA_PID=$!
  PIDS+=("$KAFKA_PID")
  wait_for "Kafka broker" 120 "$KAFKA_PID" "$OUT/kafka.log" test -s "$OUT/kafka.ready"
  BROKERS=$(head -n 1 "$OUT/kafka.ready")
  echo "  broker: $BROKERS (pid $KAFKA_PID)"
}
