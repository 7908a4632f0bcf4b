#!/bin/sh
# newspipe serve: check of the serve keys, a socket feed through cat and dedupe into a file,
# acknowledgements, /metrics and /health, SIGTERM drain, the journal.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
need_prog newspipe-dedupe

mkdir -p "$T/state"
PORT=$(free_port)
cat > "$T/p.yaml" <<YAML
version: 1
name: basic
input: {listen: unix:$T/sock}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 40, time: 100ms}
metrics: 127.0.0.1:$PORT
stages:
  - cat
  - dedupe: {state: $T/state/dedupe.state}
YAML

"$SERVE" check "$T/p.yaml" >/dev/null 2>&1
ok $? "check accepts a serve pipeline"

# Errors in the serve keys, with positions.
cat > "$T/bad.yaml" <<YAML
version: 1
input: {listen: nowhere, follow: /tmp/x, color: red}
output: {file: $T/o, spool: $T, rotate_size: lots}
batch: {lines: 0, speed: 3}
metrics: somewhere
stages: [cat]
YAML
out=$("$SERVE" check "$T/bad.yaml" 2>&1)
is "$?" 78 "check: bad serve keys exit 78"
like "$out" "bad.yaml:2:[0-9]+: error: 'input' has two sources" "check: two sources, with a position"
like "$out" "bad.yaml:2:[0-9]+: error: unknown key 'color' in 'input'" "check: unknown key in input"
like "$out" "bad.yaml:3:[0-9]+: error: 'output' has two sinks" "check: two sinks"
like "$out" "bad.yaml:3:[0-9]+: error: 'rotate_size' must be a size" "check: bad size"
like "$out" "bad.yaml:4:[0-9]+: error: 'lines' must be a whole number" "check: bad batch lines"
like "$out" "bad.yaml:4:[0-9]+: error: unknown key 'speed' in 'batch'" "check: unknown batch key"
like "$out" "bad.yaml:5:[0-9]+: error: 'metrics' must be a TCP address" "check: bad metrics address"

# serve refuses a pipeline without a live source, and one without a state directory.
printf 'version: 1\nstages: [cat]\n' > "$T/plain.yaml"
"$SERVE" serve "$T/plain.yaml" 2>"$T/err"
is "$?" 78 "serve: no live source is a configuration error"
printf 'version: 1\ninput: {spool: %s}\nstages: [cat]\n' "$T" > "$T/nostate.yaml"
env -u STATE_DIRECTORY "$SERVE" serve "$T/nostate.yaml" 2>"$T/err"
is "$?" 78 "serve: no state directory is a configuration error"

make_articles "$T/in.ndjson" 200 b
start_server "$T/p.yaml"
wait_for 10 test -S "$T/sock"
ok $? "the server listens"
acked=$(send_lines "$T/sock" "$T/in.ndjson")
is "$acked" 200 "the producer's 200 lines are acknowledged"
wait_for 20 lines_at_least "$T/out.ndjson" 200
is "$(ids "$T/out.ndjson")" "$(ids "$T/in.ndjson")" "every input id is in the output"
is "$(count_lines "$T/out.ndjson")" 200 "each once"

# The same lines again: dedupe's committed state drops them all.
acked=$(send_lines "$T/sock" "$T/in.ndjson")
is "$acked" 200 "the repeat is acknowledged"
metrics_has() { http_get "127.0.0.1:$PORT" /metrics | grep -q "^$1"; }
wait_for 20 metrics_has 'newspipe_records_in_total{pipeline="basic"} 400'
ok $? "metrics: 400 records through committed batches"
is "$(count_lines "$T/out.ndjson")" 200 "repeats are dropped by dedupe"
m=$(http_get "127.0.0.1:$PORT" /metrics)
like "$m" 'newspipe_stage_records_dropped_total\{pipeline="basic",stage="dedupe"\} 200' "metrics: dedupe dropped 200"
like "$m" 'newspipe_stage_records_in_total\{pipeline="basic",stage="cat"\} 400' "metrics: per stage in"
like "$m" '# TYPE newspipe_stage_restarts_total counter' "metrics: typed"
h=$(http_get "127.0.0.1:$PORT" /health | tr '\n' ' ')
like "$h" '"status":"ok".*HTTP 200' "health: ok, 200"
like "$(http_get "127.0.0.1:$PORT" /nope)" "HTTP 404" "unknown path: 404"

stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
test ! -S "$T/sock"
ok $? "the socket file is removed"
j=$(cat "$T/state/journal")
like "$j" "phase done" "journal: phase done"
like "$j" "records_out 200" "journal: 200 records out"
is "$(ls "$T/state/queue" | wc -l | tr -d ' ')" 0 "queue empty"

# A batch left in the queue (a crash after it was queued) is processed at the next start,
# with no new input to wake the server.
printf '{"id":"q-1","body":"left over one"}\n{"id":"q-2","body":"left over two"}\n' \
    > "$T/state/queue/0000000000000999.ndjson"
start_server "$T/p.yaml"
wait_for 20 lines_at_least "$T/out.ndjson" 202
is "$(tail -n 2 "$T/out.ndjson" | jq -r .id | tr '\n' ' ')" "q-1 q-2 " "a batch left in the queue is processed at start"
stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
done_testing
