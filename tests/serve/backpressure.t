#!/bin/sh
# A slow consumer on the socket: while the pipeline is held up, a producer floods the server
# with ~24 MB; the server stops reading (backpressure), its memory stays bounded and the
# queue holds at most batch.queue batches (plus the one cut last). Released, everything is
# delivered. Memory is read from /proc (Linux).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
[ -r /proc/self/status ] || skip_all "no /proc"

mkdir -p "$T/state"
PORT=$(free_port)
cat > "$T/p.yaml" <<YAML
version: 1
name: slow
input: {listen: 127.0.0.1:$PORT, max_line: 64k}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 5000, bytes: 1M, time: 200ms, queue: 2}
stages:
  - run: [sh, -c, 'while [ ! -e $T/GO ]; do sleep 0.05; done; exec cat']
YAML
# 24000 lines of ~1 KiB.
python3 - "$T/in.ndjson" <<'PY'
import json, sys
pad = "x" * 1000
with open(sys.argv[1], "w") as f:
    for i in range(1, 24001):
        f.write(json.dumps({"id": "s-%d" % i, "body": pad}) + "\n")
PY
start_server "$T/p.yaml"
listening() { python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT)).close()"; }
wait_for 10 listening
send_lines "127.0.0.1:$PORT" "$T/in.ndjson" > "$T/acked" &
PROD=$!

# Held up: wait until the queue is full and intake has stopped, then watch a while.
queued() { ls "$T/state/queue" | grep -c 'ndjson$'; }
full() { [ "$(queued)" -ge 2 ]; }
wait_for 30 full
ok $? "the queue fills up"
max_rss=0
max_q=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    sleep 0.1
    rss=$(awk '/^VmRSS/ {print $2}' /proc/$SPID/status)
    [ "$rss" -gt "$max_rss" ] && max_rss=$rss
    q=$(queued)
    [ "$q" -gt "$max_q" ] && max_q=$q
done
echo "# peak RSS while held up: $max_rss kB; queue: $max_q batches"
ok "$([ "$max_q" -le 3 ]; echo $?)" "the queue stays bounded ($max_q batches <= queue + 1)"
limit=40000
[ "${NP_SANITIZE:-}" = 1 ] && limit=200000
ok "$([ "$max_rss" -lt $limit ]; echo $?)" "memory stays bounded ($max_rss kB < $limit kB for 24 MB sent)"
ok "$(kill -0 $PROD 2>/dev/null; echo $?)" "the producer is blocked, not acknowledged"
total=$(cat "$T/state/queue/"*.ndjson 2>/dev/null | wc -l)
ok "$([ "$total" -lt 24000 ]; echo $?)" "the server has not read everything ($total lines queued)"

touch "$T/GO"
wait $PROD
is "$(cat "$T/acked")" 24000 "released: every line is acknowledged"
wait_for 60 lines_at_least "$T/out.ndjson" 24000
is "$(count_lines "$T/out.ndjson")" 24000 "and delivered"
is "$(jq -r .id "$T/out.ndjson" | sort -u | wc -l | tr -d ' ')" 24000 "all distinct"
stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
done_testing
