#!/usr/bin/env bash
# compare-nginx.sh: the identical RTMP load against rtmpflow, nginx-rtmp and the read-and-discard
# baseline (benchmarks' DiscardServer), interleaved (A B C A B C ...), with medians and ratios.
#
#   (a) 1 and 16 publishers as fast as possible for DURATION s: MB/s, messages/s, server CPU
#       (utime+stime deltas of the server's processes from /proc/<pid>/stat, in % of one core)
#       and the server's peak RSS (VmRSS sampled every 0.5 s).
#   (b) real-time 3 Mbit/s publishers (3000 kbit/s video + 128 kbit/s audio): the most held
#       for B_DURATION s with none failed, dropped or behind real time by more than 1 s,
#       trying B_COUNTS in order (a server that fails a count is not tried at larger ones).
#   (c) publish-to-play latency (p50/p99) at moderate load: C_PUBLISHERS paced publishers, each
#       with one player; every server but discard (it plays nothing). rtmpflow's
#       in-process listener latency (publish to TagListener) is shown beside it.
#   (d) fan-out: one paced 3 Mbit/s publisher and N players of its stream, trying D_COUNTS in
#       order; held = every player ok with no gap in its video timestamps (no frame dropped).
#
# Everything listens on 127.0.0.1; servers run under `timeout` and are stopped at the end (also
# on Ctrl-C); every load run is bounded by `timeout`. No CPU pinning: on a small machine the
# generator and the server share the cores, the same way for every server.
#
# nginx-rtmp configuration used (written to a temporary directory):
#   load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
#   worker_processes auto; worker_rlimit_nofile <hard limit, at most 32768>; daemon off;
#   pid <tmp>/nginx.pid; error_log <tmp>/nginx-error.log warn;
#   events { worker_connections 16384; }
#   rtmp { server { listen 127.0.0.1:PORT; chunk_size 4096;
#                   application live { live on; record off; } } }
#
# Usage: scripts/compare-nginx.sh [--quick] [--repeats N] [--duration S] [--scenarios "a b c d"]
#            [--counts "500 1000 2000"] [--rtmpflow-cmd "CMD with {PORT}"]
#            [--servers "rtmpflow nginx discard"] [--candidate-cmd "CMD with {PORT}"]
#   --servers takes any of rtmpflow, candidate, nginx, discard, in the order to interleave them.
# Environment (the flags' names upper case, B_COUNTS for --counts, ONLY_SERVERS for --servers; plus): A_PUBLISHERS ("1 16"), B_DURATION (20),
#   B_BITRATE (3000), B_RAMP (5 s to connect all), B_REPEATS (1), C_PUBLISHERS (20),
#   C_DURATION (20), D_COUNTS ("100 250 500 1000"), D_DURATION (20), WARMUP (5: s of unmeasured fast load per server before the first run), PORT_RTMPFLOW/PORT_NGINX/PORT_DISCARD/PORT_CANDIDATE (29352/29351/29353/29354), DISCARD_CMD,
#   GEN_JAVA_OPTS, SERVER_LIFETIME (s, 10800), KEEP_TMP=1 to keep the temporary directory.
#   SOURCE_ADDRESSES (64): the generator spreads its connections over 127.0.0.1..N, so a server's
#   per-address connection limit (rtmpflow's default is 64) sees N clients, not one.
# The rtmpflow command defaults to the library with default settings but for the connection and
# stream counts, plus one in-process TagListener per stream (counts tags, reads latency stamps):
#   java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.server.BenchServer \
#       --bind 127.0.0.1 --port {PORT} --max-connections 20000 --listener
# ({PORT} is replaced). --candidate-cmd adds a fourth server, "candidate": another rtmpflow build or
# configuration (e.g. the BenchServer command on a jar built from a patched tree), run interleaved
# with the others and checked for lost tags like rtmpflow; without --servers the servers are then
# "rtmpflow candidate nginx discard", and (a) prints the candidate's ratios to rtmpflow, nginx and discard.
# After each rtmpflow or candidate run the script diffs the server's cumulative TOTAL
# lines: "lost" = messages the generator sent minus tags the server published (0 = nothing lost).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

REPEATS=${REPEATS:-3}
DURATION=${DURATION:-10}
SCENARIOS=${SCENARIOS:-"a b c d"}
A_PUBLISHERS=${A_PUBLISHERS:-"1 16"}
B_COUNTS=${B_COUNTS:-"500 1000 2000"}
B_DURATION=${B_DURATION:-20}
B_BITRATE=${B_BITRATE:-3000}
B_RAMP=${B_RAMP:-5}
B_REPEATS=${B_REPEATS:-1}
C_PUBLISHERS=${C_PUBLISHERS:-20}
C_DURATION=${C_DURATION:-20}
WARMUP=${WARMUP:-5}
D_COUNTS=${D_COUNTS:-"100 250 500 1000"}
D_DURATION=${D_DURATION:-20}
PORT_RTMPFLOW=${PORT_RTMPFLOW:-29352}
PORT_NGINX=${PORT_NGINX:-29351}
PORT_DISCARD=${PORT_DISCARD:-29353}
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-Xmx1g"}
SOURCE_ADDRESSES=${SOURCE_ADDRESSES:-64}
SERVER_LIFETIME=${SERVER_LIFETIME:-10800}
RTMPFLOW_CMD=${RTMPFLOW_CMD:-}
CANDIDATE_CMD=${CANDIDATE_CMD:-}
PORT_CANDIDATE=${PORT_CANDIDATE:-29354}
DISCARD_CMD=${DISCARD_CMD:-"java -Xmx512m -cp $JAR io.github.rtmpflow.benchmarks.baseline.DiscardServer --bind 127.0.0.1 --port {PORT}"}
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) REPEATS=1; DURATION=3; B_COUNTS="50 100"; B_DURATION=5; B_RAMP=1; C_PUBLISHERS=4; C_DURATION=5; WARMUP=2
            D_COUNTS="20 50"; D_DURATION=5 ;;
        --repeats) REPEATS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --counts) B_COUNTS=$2; shift ;;
        --rtmpflow-cmd) RTMPFLOW_CMD=$2; shift ;;
        --candidate-cmd) CANDIDATE_CMD=$2; shift ;;
        --servers) ONLY_SERVERS=$2; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

DEFAULT_SERVERS="rtmpflow nginx discard"
[[ -z $CANDIDATE_CMD ]] || DEFAULT_SERVERS="rtmpflow candidate nginx discard"
read -r -a SERVERS <<<"${ONLY_SERVERS:-$DEFAULT_SERVERS}"
if [[ " ${SERVERS[*]} " == *" candidate "* && -z $CANDIDATE_CMD ]]; then
    echo "--servers names candidate: give its command with --candidate-cmd" >&2; exit 2
fi

# ---------------------------------------------------------------- prerequisites
if [[ ! -f $JAR ]]; then
    log "building benchmarks.jar"
    timeout -k 5 900 ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
if ! command -v nginx >/dev/null || [[ ! -f $NGINX_MODULE ]]; then
    log "installing nginx and libnginx-mod-rtmp"
    export DEBIAN_FRONTEND=noninteractive
    timeout -k 5 300 apt-get update -qq
    timeout -k 5 600 apt-get install -y -qq nginx libnginx-mod-rtmp >/dev/null
fi
if [[ " ${SERVERS[*]} " == *" rtmpflow "* && -z $RTMPFLOW_CMD ]]; then
    RTMPFLOW_CMD="java -cp $JAR io.github.rtmpflow.benchmarks.server.BenchServer --bind 127.0.0.1 --port {PORT} --max-connections 20000 --listener"
fi

TMP=$(mktemp -d /tmp/compare-nginx.XXXXXX)
CLK_TCK=$(getconf CLK_TCK)
declare -A PID PORT CMD
PORT[rtmpflow]=$PORT_RTMPFLOW; PORT[nginx]=$PORT_NGINX; PORT[discard]=$PORT_DISCARD; PORT[candidate]=$PORT_CANDIDATE
CMD[candidate]=${CANDIDATE_CMD//\{PORT\}/$PORT_CANDIDATE}
CMD[rtmpflow]=${RTMPFLOW_CMD//\{PORT\}/$PORT_RTMPFLOW}
CMD[discard]=${DISCARD_CMD//\{PORT\}/$PORT_DISCARD}
CMD[nginx]="nginx -p $TMP -e $TMP/nginx-error.log -c $TMP/nginx.conf"

NOFILE=$(ulimit -Hn)
[[ $NOFILE == unlimited || $NOFILE -gt 32768 ]] && NOFILE=32768
cat > "$TMP/nginx.conf" <<EOF
load_module $NGINX_MODULE;
worker_processes auto;
worker_rlimit_nofile $NOFILE;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 16384; }
rtmp {
    server {
        listen 127.0.0.1:$PORT_NGINX;
        chunk_size 4096;
        application live { live on; record off; }
    }
}
EOF

# ---------------------------------------------------------------- servers
tree_pids() { # a process and its descendants
    local p=$1 c
    echo "$p"
    for c in $(pgrep -P "$p" 2>/dev/null); do tree_pids "$c"; done
}
cpu_ticks() { # utime + stime of a process tree, in clock ticks
    local total=0 p fields
    for p in $(tree_pids "$1"); do
        fields=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
        # after "pid (comm) " field 3 (state) comes first: utime (14) and stime (15) are 12th, 13th
        total=$((total + $(awk '{print $12 + $13}' <<<"$fields")))
    done
    echo "$total"
}
rss_kb() { # resident set of a process tree
    local total=0 p kb
    for p in $(tree_pids "$1"); do
        kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null) || continue
        total=$((total + ${kb:-0}))
    done
    echo "$total"
}
wait_port() { # wait_port PORT PID: until PORT accepts, PID exits or 60 s pass
    local port=$1 pid=$2 deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    return 1
}
start_server() {
    local name=$1
    if (exec 3<>"/dev/tcp/127.0.0.1/${PORT[$name]}") 2>/dev/null; then
        log "port ${PORT[$name]} for $name is already in use"; exit 1
    fi
    # exec: the recorded PID is the server itself (java or nginx master), not a shell.
    setsid bash -c "exec timeout -k 5 $SERVER_LIFETIME ${CMD[$name]}" >"$TMP/$name.out" 2>&1 &
    PID[$name]=$!
    if ! wait_port "${PORT[$name]}" "${PID[$name]}"; then
        log "$name did not start listening on ${PORT[$name]}:"; tail -20 "$TMP/$name.out" >&2; exit 1
    fi
    log "$name listening on 127.0.0.1:${PORT[$name]} (pid ${PID[$name]}: ${CMD[$name]})"
}
alive() { kill -0 "${PID[$1]}" 2>/dev/null; }
stop_servers() {
    local name
    for name in "${!PID[@]}"; do
        kill -TERM -- "-${PID[$name]}" 2>/dev/null || true
    done
    for name in "${!PID[@]}"; do
        for _ in $(seq 50); do alive "$name" || break; sleep 0.1; done
        kill -KILL -- "-${PID[$name]}" 2>/dev/null || true
    done
    PID=()
}
cleanup() {
    stop_servers
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- one load run
# run_load SERVER OUT LIMIT_SECONDS GENERATOR_ARGS...: writes the generator's RESULT line and
# "SERVER server_cpu_pct=.. server_rss_mb=.." and "GENERATOR generator_cpu_pct=.." lines to
# OUT.result (the generator's output goes to OUT.gen and OUT.err).
run_load() {
    local name=$1 out=$2 limit=$3
    shift 3
    if ! alive "$name"; then log "$name died; restarting it"; start_server "$name"; fi
    local spid=${PID[$name]} t0 t1 c0 c1 rss max=0 gen total0 runs0
    total0=$(grep '^TOTAL ' "$TMP/$name.out" 2>/dev/null | tail -1 || true)
    runs0=$(grep -c '^RUN ' "$TMP/$name.out" 2>/dev/null || true)
    c0=$(cpu_ticks "$spid"); t0=$(date +%s.%N)
    (
        TIMEFORMAT='%U %S'
        time timeout -k 5 "$limit" java $GEN_JAVA_OPTS -cp "$JAR" io.github.rtmpflow.benchmarks.load.LoadGenerator \
            --url "rtmp://127.0.0.1:${PORT[$name]}/live" --source-addresses "$SOURCE_ADDRESSES" "$@" \
            >"$out.gen" 2>"$out.err" || true
    ) 2>"$out.time" &
    gen=$!
    while kill -0 "$gen" 2>/dev/null; do
        rss=$(rss_kb "$spid"); ((rss > max)) && max=$rss
        sleep 0.5
    done
    wait "$gen" || true
    c1=$(cpu_ticks "$spid"); t1=$(date +%s.%N)
    {
        grep '^RESULT ' "$out.gen" || echo "RESULT publishers=0 ok=0 failed=-1 dropped=0 behind=0 messages=0 mb_per_s=0 msg_per_s=0"
        awk -v c="$((c1 - c0))" -v hz="$CLK_TCK" -v t0="$t0" -v t1="$t1" -v rss="$max" \
            'BEGIN { printf "SERVER server_cpu_pct=%.1f server_rss_mb=%.1f wall_s=%.2f\n", 100 * c / hz / (t1 - t0), rss / 1024, t1 - t0 }'
        awk -v t0="$t0" -v t1="$t1" 'NF == 2 { printf "GENERATOR generator_cpu_pct=%.1f\n", 100 * ($1 + $2) / (t1 - t0) }' "$out.time"
    } >"$out.result"
    if ! grep -q '^RESULT ' "$out.gen"; then
        log "no result from the generator against $name:"; tail -5 "$out.gen" "$out.err" >&2
    fi
    sleep 2 # let the server close the connections before the next run
    if [[ $name == rtmpflow || $name == candidate ]]; then # tags the server took in (and its listener saw) in this run
        local total1 sent run
        # A server that printed no TOTAL or RUN line (not the BenchServer) leaves them empty.
        total1=$(grep '^TOTAL ' "$TMP/$name.out" | tail -1 || true)
        run=$(grep '^RUN ' "$TMP/$name.out" | tail -1 || true)
        sent=$(value "$out.result" messages || true)
        awk -v a="$total0" -v b="$total1" -v sent="${sent:-0}" 'function get(line, key,   m) {
                if (match(line, key "=[0-9.]+")) { m = substr(line, RSTART, RLENGTH); sub(/.*=/, "", m); return m + 0 }
                return 0 }
            BEGIN { t = get(b, "tags") - get(a, "tags"); l = get(b, "listener_tags") - get(a, "listener_tags")
                printf "DELIVERY server_tags=%d listener_tags=%d lost=%d\n", t, l, sent - t }' >>"$out.result"
        if [[ $(grep -c '^RUN ' "$TMP/$name.out") -gt ${runs0:-0} && $run == *latency_samples=[1-9]* ]]; then
            echo "LISTENER listener_p50_ms=$(value <(echo "$run") latency_p50_ms) listener_p99_ms=$(value <(echo "$run") latency_p99_ms) listener_samples=$(value <(echo "$run") latency_samples)" >>"$out.result"
        fi
    fi
}

value() { # value FILE KEY: the value of KEY=... in FILE
    grep -ho "\b$2=[^ ]*" "$1" | head -1 | cut -d= -f2
}
median() { # the median of the numbers on stdin
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
        else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median_of() { # median_of KEY FILES...
    local key=$1 f
    shift
    for f in "$@"; do value "$f" "$key"; done | median
}
max_of() { # max_of KEY FILES...: the largest value, "-" when no file has KEY
    local key=$1 f
    shift
    for f in "$@"; do value "$f" "$key"; done | sort -g | tail -1 | grep . || echo -
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ---------------------------------------------------------------- scenarios
scenario_a() {
    local n r name
    local -A MB
    mkdir -p "$TMP/a"
    for n in $A_PUBLISHERS; do
        for r in $(seq "$REPEATS"); do
            for name in "${SERVERS[@]}"; do
                log "(a) $n publishers, as fast as possible, ${DURATION}s -> $name (repeat $r/$REPEATS)"
                run_load "$name" "$TMP/a/$n-$name-$r" $((DURATION + 90)) \
                    --publishers "$n" --duration "$DURATION" --fast --threads 2
            done
        done
    done
    echo
    echo "(a) as fast as possible, ${DURATION} s, medians of $REPEATS (MB = 10^6 bytes; CPU in % of one core)"
    printf '%-12s %-10s %10s %12s %10s %10s %10s %6s %6s\n' publishers server "MB/s" "msg/s" "srv CPU%" "srv RSS MB" "gen CPU%" ok lost
    for n in $A_PUBLISHERS; do
        MB=()
        for name in "${SERVERS[@]}"; do
            local fs=("$TMP/a/$n-$name-"*.result)
            MB[$name]=$(median_of mb_per_s "${fs[@]}")
            printf '%-12s %-10s %10s %12s %10s %10s %10s %6s %6s\n' "$n" "$name" "${MB[$name]}" \
                "$(median_of msg_per_s "${fs[@]}")" "$(median_of server_cpu_pct "${fs[@]}")" \
                "$(median_of server_rss_mb "${fs[@]}")" "$(median_of generator_cpu_pct "${fs[@]}")" \
                "$(median_of ok "${fs[@]}")/$n" "$(max_of lost "${fs[@]}")"
        done
        if [[ -n ${MB[rtmpflow]:-} ]]; then
            echo "             rtmpflow/nginx MB/s $(ratio "${MB[rtmpflow]:-n/a}" "${MB[nginx]:-n/a}"), rtmpflow/discard $(ratio "${MB[rtmpflow]:-n/a}" "${MB[discard]:-n/a}")"
        fi
        if [[ -n ${MB[candidate]:-} ]]; then
            echo "             candidate/rtmpflow MB/s $(ratio "${MB[candidate]}" "${MB[rtmpflow]:-n/a}"), candidate/nginx $(ratio "${MB[candidate]}" "${MB[nginx]:-n/a}"), candidate/discard $(ratio "${MB[candidate]}" "${MB[discard]:-n/a}")"
        fi
        echo "             nginx/discard MB/s $(ratio "${MB[nginx]:-n/a}" "${MB[discard]:-n/a}")"
    done
}

passes() { # passes FILE COUNT: all publishers ok, none failed, dropped or behind
    local f=$1 n=$2
    [[ $(value "$f" ok) == "$n" && $(value "$f" failed) == 0 && $(value "$f" dropped) == 0 && $(value "$f" behind) == 0 ]]
}

scenario_b() {
    local n r name f
    local -A BEST OUT
    mkdir -p "$TMP/b"
    for name in "${SERVERS[@]}"; do BEST[$name]=0; done
    for n in $B_COUNTS; do
        for r in $(seq "$B_REPEATS"); do
            for name in "${SERVERS[@]}"; do
                [[ -z ${OUT[$name]:-} ]] || continue
                log "(b) $n paced publishers at ${B_BITRATE} kbit/s for ${B_DURATION}s -> $name (repeat $r/$B_REPEATS)"
                f="$TMP/b/$n-$name-$r"
                run_load "$name" "$f" $((B_DURATION + B_RAMP + 120)) --publishers "$n" --paced \
                    --bitrate "$B_BITRATE" --audio-bitrate 128 --duration "$B_DURATION" --ramp "$B_RAMP" \
                    --setup-timeout 30 --max-lag-ms 1000 --threads 2
                if ! passes "$f.result" "$n"; then
                    OUT[$name]="failed at $n: $(grep -o 'ok=[^ ]* failed=[^ ]* dropped=[^ ]* behind=[^ ]*' "$f.result") $(grep -o 'lag_max_ms=[^ ]*' "$f.result")"
                fi
            done
        done
        for name in "${SERVERS[@]}"; do
            [[ -n ${OUT[$name]:-} ]] || BEST[$name]=$n
        done
    done
    echo
    echo "(b) paced ${B_BITRATE}+128 kbit/s publishers held for ${B_DURATION} s (ramp ${B_RAMP} s), none failed/dropped/behind > 1 s; tried: $B_COUNTS"
    printf '%-7s %-10s %-34s %10s %10s %9s %10s %6s %16s\n' count server "ok/failed/dropped/behind" "lag p99 ms" "worst ms" "srv CPU%" "srv RSS MB" lost "listener p50/p99"
    for f in "$TMP"/b/*.result; do
        [[ -f $f ]] || continue
        local base=${f##*/} cnt srv
        cnt=${base%%-*}; srv=${base#*-}; srv=${srv%%-*}
        printf '%-7s %-10s %-34s %10s %10s %9s %10s %6s %16s\n' "$cnt" "$srv" \
            "$(value "$f" ok)/$(value "$f" failed)/$(value "$f" dropped)/$(value "$f" behind)" \
            "$(value "$f" lag_p99_ms)" "$(value "$f" lag_max_ms)" "$(value "$f" server_cpu_pct)" \
            "$(value "$f" server_rss_mb)" "$(value "$f" lost || true)" \
            "$(value "$f" listener_p50_ms || true)/$(value "$f" listener_p99_ms || true)"
    done | sort -n -k1,1 -s
    for name in "${SERVERS[@]}"; do
        printf '%-10s most held: %6s   %s\n' "$name" "${BEST[$name]}" "${OUT[$name]:-}"
    done
}

scenario_c() {
    local r name
    mkdir -p "$TMP/c"
    local players=()
    for name in "${SERVERS[@]}"; do [[ $name == discard ]] || players+=("$name"); done
    for r in $(seq "$REPEATS"); do
        for name in "${players[@]}"; do
            log "(c) $C_PUBLISHERS paced publishers + $C_PUBLISHERS players, ${C_DURATION}s -> $name (repeat $r/$REPEATS)"
            run_load "$name" "$TMP/c/$name-$r" $((C_DURATION + 120)) --publishers "$C_PUBLISHERS" \
                --players "$C_PUBLISHERS" --paced --bitrate "$B_BITRATE" --audio-bitrate 128 \
                --duration "$C_DURATION" --threads 2
        done
    done
    echo
    echo "(c) publish-to-play latency, $C_PUBLISHERS publishers at ${B_BITRATE}+128 kbit/s each played once, ${C_DURATION} s, medians of $REPEATS (ms)"
    echo "(players: over RTMP to the generator's players; listener: rtmpflow's in-process TagListener, no RTMP out)"
    printf '%-10s %10s %10s %10s %10s %12s %14s %14s %6s\n' server p50 p99 max players_ok frames "listener p50" "listener p99" lost
    for name in "${players[@]}"; do
        local clean=("$TMP/c/$name-"*.result)
        printf '%-10s %10s %10s %10s %10s %12s %14s %14s %6s\n' "$name" "$(median_of latency_p50_ms "${clean[@]}")" \
            "$(median_of latency_p99_ms "${clean[@]}")" "$(median_of latency_max_ms "${clean[@]}")" \
            "$(median_of players_ok "${clean[@]}")/$C_PUBLISHERS" "$(median_of latency_samples "${clean[@]}")" \
            "$(median_of listener_p50_ms "${clean[@]}")" "$(median_of listener_p99_ms "${clean[@]}")" \
            "$(max_of lost "${clean[@]}")"
    done
}

scenario_d() {
    local n r name f
    local -A BEST OUT
    mkdir -p "$TMP/d"
    local players=()
    for name in "${SERVERS[@]}"; do [[ $name == discard ]] || players+=("$name"); done
    for name in "${players[@]}"; do BEST[$name]=0; done
    for n in $D_COUNTS; do
        for name in "${players[@]}"; do
            [[ -z ${OUT[$name]:-} ]] || continue
            log "(d) 1 paced publisher -> $n players at ${B_BITRATE} kbit/s for ${D_DURATION}s -> $name"
            f="$TMP/d/$n-$name-1"
            run_load "$name" "$f" $((D_DURATION + B_RAMP + 120)) --publishers 1 --players "$n" --paced \
                --bitrate "$B_BITRATE" --audio-bitrate 128 --duration "$D_DURATION" --ramp "$B_RAMP" \
                --setup-timeout 30 --max-lag-ms 1000 --threads 2
            if [[ $(value "$f.result" players_ok) != "$n" || $(value "$f.result" players_no_drops) != "$n" \
                    || $(value "$f.result" ok) != 1 ]]; then
                OUT[$name]="failed at $n: players ok $(value "$f.result" players_ok), without drops $(value "$f.result" players_no_drops)"
            fi
        done
        for name in "${players[@]}"; do
            [[ -n ${OUT[$name]:-} ]] || BEST[$name]=$n
        done
    done
    echo
    echo "(d) fan-out: 1 paced ${B_BITRATE}+128 kbit/s publisher, N players each for ${D_DURATION} s (ramp ${B_RAMP} s); held = all players ok, no gap in video timestamps; tried: $D_COUNTS"
    printf '%-7s %-10s %12s %12s %10s %10s %9s %10s %10s %10s\n' players server "ok" "no drops" "missed" "p50 ms" "p99 ms" "srv CPU%" "gen CPU%" "srv RSS MB"
    for f in "$TMP"/d/*.result; do
        [[ -f $f ]] || continue
        local base=${f##*/} cnt srv
        cnt=${base%%-*}; srv=${base#*-}; srv=${srv%%-*}
        printf '%-7s %-10s %12s %12s %10s %10s %9s %10s %10s %10s\n' "$cnt" "$srv" "$(value "$f" players_ok)/$cnt" \
            "$(value "$f" players_no_drops)" "$(value "$f" play_missed_frames)" "$(value "$f" latency_p50_ms)" \
            "$(value "$f" latency_p99_ms)" "$(value "$f" server_cpu_pct)" "$(value "$f" generator_cpu_pct)" \
            "$(value "$f" server_rss_mb)"
    done | sort -n -k1,1 -s
    for name in "${players[@]}"; do
        printf '%-10s most players held: %6s   %s\n' "$name" "${BEST[$name]}" "${OUT[$name]:-}"
    done
}

# ---------------------------------------------------------------- main
log "results in $TMP; servers: ${SERVERS[*]}; scenarios: $SCENARIOS"
for name in "${SERVERS[@]}"; do
    start_server "$name"
    if ((WARMUP > 0)); then # not measured: lets the JVM servers compile their hot paths first
        log "warming $name up: 4 publishers as fast as possible for ${WARMUP}s"
        timeout -k 5 $((WARMUP + 60)) java $GEN_JAVA_OPTS -cp "$JAR" io.github.rtmpflow.benchmarks.load.LoadGenerator \
            --url "rtmp://127.0.0.1:${PORT[$name]}/live" --source-addresses "$SOURCE_ADDRESSES" --publishers 4 \
            --duration "$WARMUP" --fast --threads 2 >"$TMP/$name-warmup.out" 2>&1 || true
        sleep 2
    fi
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -r);" \
    "java: $(java -version 2>&1 | head -1); nginx: $(nginx -v 2>&1 | cut -d/ -f2)"
for s in $SCENARIOS; do
    case $s in
        a) scenario_a ;;
        b) scenario_b ;;
        c) scenario_c ;;
        d) scenario_d ;;
        *) log "unknown scenario: $s" ;;
    esac
done
