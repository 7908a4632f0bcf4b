#!/bin/sh
# newspipe serve over a Redis stream: records/s through one and two servers of one consumer
# group sharing the stream, against the socket source, all on the default pipeline's stages
# (dedupe with state, entity-tag, ticker-link, summarize) and the Reuters sample; then the
# records delivered twice after a SIGKILL of one of two servers (claimed by the other).
# Each measurement runs from the producer's first line to the last batch committed (the
# servers' journals count every record in). A redis-server of its own on a Unix socket.
# Environment: NP_BIN, NP_TOP, SHARED, BENCH_DIR, BATCH_LINES (default 200).
set -eu
NP_BIN=${NP_BIN:-bin}
NP_TOP=${NP_TOP:-.}
SHARED=${SHARED:-../shared}
FEED=$SHARED/data/corpora/reuters-fin-2013q4-sample/articles.ndjson
BATCH_LINES=${BATCH_LINES:-200}
[ -f "$FEED" ] || { echo "bench-redis: $FEED absent: skipped"; exit 0; }
command -v redis-server >/dev/null || { echo "bench-redis: redis-server absent: skipped"; exit 0; }
for f in dedupe entity-tag ticker-link summarize; do
    [ -x "$NP_BIN/newspipe-$f" ] || { echo "bench-redis: newspipe-$f not built: skipped"; exit 0; }
done
mkdir -p "${BENCH_DIR:-/tmp}"
W=$(mktemp -d "${BENCH_DIR:-/tmp}/bench-redis.XXXXXX")
PIDS=
trap 'for p in $PIDS; do kill $p 2>/dev/null || :; done; sleep 0.5; rm -rf "$W"' EXIT
N=$(wc -l < "$FEED" | tr -d ' ')
now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }
RSOCK=$W/redis.sock
redis-server --port 0 --unixsocket "$RSOCK" --unixsocketperm 700 --dir "$W" --appendonly yes \
    --appendfsync everysec --save '' > "$W/redis.log" 2>&1 &
PIDS="$!"
i=0
while [ ! -S "$RSOCK" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
rcli() { python3 "$NP_TOP/tests/serve/redis_client.py" "$RSOCK" "$@"; }

# pipeline RUN N INPUT: writes $W/RUN-N.yaml (server N of run RUN)
pipeline() {
    mkdir -p "$W/$1-$2"
    out="{redis: {url: unix:$RSOCK, stream: out-$1}}"
    [ $# -ge 4 ] && out=$4
    cat > "$W/$1-$2.yaml" <<YAML
version: 1
name: $1-$2
input: $3
output: $out
state_dir: $W/$1-$2
batch: {lines: $BATCH_LINES, time: 200ms, bytes: 64M, queue: 2}
stages:
  - dedupe: {state: $W/$1-$2/dedupe.state, window: 72h}
  - entity-tag
  - ticker-link
  - summarize
YAML
}
committed() { # RUN SERVERS: records in committed batches, over the run's servers
    s=0
    for k in $(seq 1 "$2"); do
        v=$(awk '$1 == "records_in" {print $2}' "$W/$1-$k/journal" 2>/dev/null || :)
        s=$((s + ${v:-0}))
    done
    echo "$s"
}
start() { # RUN N
    "$NP_BIN/newspipe" serve "$W/$1-$2.yaml" 2>>"$W/$1-$2.log" &
    PIDS="$PIDS $!"
    eval "P_$1_$2=$!"
}
# CPU seconds of the children this script has waited for (the servers, which count their
# stages; also the producer and the polling, a few percent): the shell's `times`, 2nd line.
child_cpu() { # sets CPU (in this shell: `times` in a subshell would count the subshell's)
    times > "$W/times"
    CPU=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } printf "%.2f", s }' "$W/times")
}
stop_all() { # RUN SERVERS
    for k in $(seq 1 "$2"); do eval "kill -TERM \$P_$1_$k; wait \$P_$1_$k || :"; done
}

# The socket source.
pipeline sock 1 "{listen: unix:$W/sock, max_line: 4M}" "{file: $W/sock.out}"
child_cpu
c0=$CPU
start sock 1
while ! grep -q ': serving ' "$W/sock-1.log" 2>/dev/null; do
    kill -0 "$P_sock_1" || { cat "$W/sock-1.log"; exit 1; }
    sleep 0.05
done
t0=$(now)
python3 "$NP_TOP/tests/serve/producer.py" "$W/sock" "$FEED" > /dev/null
while [ "$(committed sock 1)" -lt "$N" ]; do sleep 0.05; done
sock_s=$(calc "$(now) - $t0")
stop_all sock 1
child_cpu
sock_cpu=$(calc "$CPU - $c0")

# One and two servers of a group on a Redis stream.
for servers in 1 2; do
    run=r$servers
    child_cpu
    c0=$CPU
    for k in $(seq 1 $servers); do
        pipeline $run $k "{redis: {url: unix:$RSOCK, stream: in-$run, group: g, consumer: c$k}}"
        start $run $k
    done
    while [ "$(grep -l 'connected; reading' "$W/$run"-*.log 2>/dev/null | wc -l)" -lt $servers ]; do
        sleep 0.05
    done
    t0=$(now)
    rcli xadd "in-$run" "$FEED"
    while [ "$(committed $run $servers)" -lt "$N" ]; do sleep 0.05; done
    eval "r${servers}_s=$(calc "$(now) - $t0")"
    stop_all $run $servers
    child_cpu
    eval "r${servers}_cpu=$(calc "$CPU - $c0")"
done

# Two servers, the first killed halfway and started again after claim_idle (2 s): what the
# other claims and delivers a second time.
run=kill
for k in 1 2; do
    pipeline $run $k "{redis: {url: unix:$RSOCK, stream: in-kill, group: g, consumer: c$k, claim_idle: 2s}}"
    start $run $k
done
while [ "$(grep -l 'connected; reading' "$W/$run"-*.log 2>/dev/null | wc -l)" -lt 2 ]; do sleep 0.05; done
rcli xadd in-kill "$FEED"
while [ "$(committed kill 2)" -lt $((N / 2)) ]; do sleep 0.05; done
kill -9 "$P_kill_1"
{ wait "$P_kill_1"; } 2>/dev/null || :
sleep 3
start kill 1
# Done when every entry was read and acknowledged (so committed).
while [ "$(rcli pending in-kill g)" != 0 ] || [ "$(rcli lag in-kill g)" != 0 ]; do sleep 0.2; done
stop_all kill 2
uniq_in=$(jq -r .id < "$FEED" | sort -u | wc -l)
repeats() { rcli dump "$1" | jq -r .id | sort | uniq -d | wc -l; } # ids out more than once
out_kill=$(rcli dump out-kill | wc -l)
claimed=$(grep -ho 'claimed [0-9]*' "$W"/kill-*.log | awk '{s += $2} END {print s + 0}')
rep_r2=$(repeats out-r2)
rep_kill=$(repeats out-kill)

printf 'bench-redis: %s records (%s unique ids), default pipeline stages, batches of %s\n' "$N" \
    "$uniq_in" "$BATCH_LINES"
printf 'bench-redis: socket source, 1 server      %6.2f s  %5.0f records/s\n' "$sock_s" \
    "$(calc "$N / $sock_s")"
printf 'bench-redis: redis stream,  1 server      %6.2f s  %5.0f records/s  (%.2fx the socket)\n' \
    "$r1_s" "$(calc "$N / $r1_s")" "$(calc "$sock_s / $r1_s")"
printf 'bench-redis: redis stream,  2 servers     %6.2f s  %5.0f records/s  (%.2fx the socket, %.2fx one server)\n' \
    "$r2_s" "$(calc "$N / $r2_s")" "$(calc "$sock_s / $r2_s")" "$(calc "$r1_s / $r2_s")"
printf 'bench-redis: kill -9 of one of 2 servers halfway: %s entries claimed by the other; records delivered twice (ids out more than once) %s, against %s in the run without a kill; %s entries out\n' \
    "$claimed" "$rep_kill" "$rep_r2" "$out_kill"
printf 'bench-redis: CPU seconds (servers, their stages, the producer): socket %s, 1 server %s, 2 servers %s; cores busy: %.2f, %.2f, %.2f\n' \
    "$sock_cpu" "$r1_cpu" "$r2_cpu" "$(calc "$sock_cpu / $sock_s")" "$(calc "$r1_cpu / $r1_s")" \
    "$(calc "$r2_cpu / $r2_s")"
printf 'bench-redis: load average %s (2 cores shared)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
