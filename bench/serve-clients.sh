#!/bin/sh
# newspipe serve with idle and slow clients: a producer's acknowledgement latency (connect,
# send 10 lines, half-close, until {"acked":10}) on a TCP socket with the default
# max_clients (64), idle_timeout and read_timeout, and batch.time 100ms:
#   alone            the baseline;
#   200 idle         after 200 connections that send nothing were opened;
#   64 dripping      after 64 connections that each send one byte of an unfinished line
#                    every 0.2 s took every slot (the producer waits for read_timeout).
# Each latency is the median of REPEAT runs (the dripping case runs once). Rerun with
# NP_BIN=<an older build> for its figures (a build that never frees a slot prints
# "acked -1" after the TIMEOUT).
# Environment: NP_BIN, NP_TOP, BENCH_DIR, REPEAT (5), TIMEOUT (60 s), SKIP_DRIP=1.
set -eu
NP_BIN=${NP_BIN:-bin}
NP_TOP=${NP_TOP:-.}
REPEAT=${REPEAT:-5}
TIMEOUT=${TIMEOUT:-60}
W=$(mktemp -d "${BENCH_DIR:-/tmp}/bench-clients.XXXXXX")
SPID=
HOLD=
trap 'for p in $SPID $HOLD; do kill $p 2>/dev/null || :; done; rm -rf "$W"' EXIT
CLIENTS="python3 $NP_TOP/tests/serve/clients.py"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
MPORT=$(free_port)
python3 - "$W/in.ndjson" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(10):
        f.write(json.dumps({"id": "b-%d" % i, "title": "t", "body": "a body %d" % i}) + "\n")
PY
mkdir -p "$W/state"
cat > "$W/p.yaml" <<YAML
version: 1
name: clients
input: {listen: 127.0.0.1:$PORT}
output: {file: $W/out.ndjson}
state_dir: $W/state
batch: {time: 100ms}
metrics: 127.0.0.1:$MPORT
stages: [cat]
YAML
"$NP_BIN/newspipe" serve "$W/p.yaml" 2>"$W/serve.log" &
SPID=$!
i=0
until grep -q ": serving " "$W/serve.log" || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done

latency() { # REPEAT: the median of the producer's latencies, in ms ("-" when never acked)
    for _ in $(seq 1 "$1"); do
        $CLIENTS ack "127.0.0.1:$PORT" "$W/in.ndjson" "$TIMEOUT"
    done | awk '$2 != 10 { never = 1 } { print $4 * 1000 }
        END { if (never) print "never" > "/dev/stderr" }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR) printf "%.0f ms", v[int((NR + 1) / 2)] }'
}
hold() { # N MODE: holds N connections for as long as the bench needs them
    $CLIENTS hold "127.0.0.1:$PORT" "$1" "$2" $((TIMEOUT * 2)) > "$W/hold" &
    HOLD=$!
    until grep -q ready "$W/hold"; do sleep 0.05; done
}
stop_hold() { kill $HOLD 2>/dev/null || :; wait $HOLD 2>/dev/null || :; HOLD=; }

echo "producer ack latency, 10 lines, batch.time 100ms (median of $REPEAT)"
echo "  alone:                      $(latency "$REPEAT")"
hold 200 idle
echo "  200 idle clients connected: $(latency "$REPEAT") ($(cat "$W/hold" | head -n 1) connected)"
stop_hold
if [ "${SKIP_DRIP:-}" != 1 ]; then
    hold 64 drip
    echo "  64 clients dripping a line: $(latency 1) (one run)"
    stop_hold
fi
python3 -c 'import sys, urllib.request
for l in urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1]).read().decode().splitlines():
    if l.startswith(("newspipe_connections_evicted", "newspipe_connections_timed_out")):
        print("  " + l)' "$MPORT" 2>/dev/null || :
kill -TERM $SPID
wait $SPID || :
SPID=
