#!/bin/sh
# Batches that fail: a stage failing with an exit code on one batch is retried with backoff,
# then that batch is set aside in failed/ after batch.attempts runs and the server goes on
# with the next one (/health says failing meanwhile); spool files are removed with
# `done: remove`; standard output as the sink.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state" "$T/spool"
PORT=$(free_port)
pipeline() { # ATTEMPTS
    cat > "$T/p.yaml" <<YAML
version: 1
name: fail
input: {spool: $T/spool, done: remove}
output: "-"
state_dir: $T/state
batch: {attempts: $1}
metrics: 127.0.0.1:$PORT
stages:
  - cat
  - run: [awk, '/POISON/ { exit 3 } { print }']
YAML
}
start() {
    "$SERVE" serve "$T/p.yaml" > "$T/stdout" 2>>"$T/serve.log" &
    SPID=$!
}
printf '{"id":"p-1","body":"ok"}\n{"id":"p-2","body":"POISON"}\n' > "$T/x.part"
mv "$T/x.part" "$T/spool/1-poison.ndjson"

# A batch that keeps failing: retried with backoff, /health says so.
pipeline 1000
start
failing() { http_get "127.0.0.1:$PORT" /health | grep -q '"status":"failing"'; }
wait_for 30 failing
ok $? "/health says failing once the batch has failed three times"
like "$(http_get "127.0.0.1:$PORT" /health | tr '\n' ' ')" 'exited with code 3.*HTTP 503' "with the error, and 503"
stop_server TERM
is "$SRC" 0 "SIGTERM while retrying: exit 0"
ok "$([ -f "$T/spool/1-poison.ndjson" ]; echo $?)" "the batch stays in the spool"

# With batch.attempts 3 it is set aside and the next batch goes through.
pipeline 3
printf '{"id":"g-1","body":"fine"}\n{"id":"g-2","body":"fine too"}\n' > "$T/x.part"
mv "$T/x.part" "$T/spool/2-good.ndjson"
: > "$T/serve.log"
start
set_aside() { ls "$T/state/failed" | grep -q poison; }
wait_for 30 set_aside
ok $? "after batch.attempts runs the batch is set aside in failed/"
wait_for 20 lines_at_least "$T/stdout" 2
is "$(jq -r .id "$T/stdout" | tr '\n' ' ')" "g-1 g-2 " "the next batch goes through, to standard output"
is "$(grep -c 'failed (attempt' "$T/serve.log")" 3 "three runs of the poisoned batch were logged"
like "$(cat "$T/serve.log")" "failed 3 times .*moved to" "the log says where it went"
is "$(ls "$T/spool" | grep -v '^done$' | tr -d '\n')" "" "done: remove removed the processed file"
ok "$([ ! -d "$T/spool/done" ]; echo $?)" "and no done/ directory was made"
m=$(http_get "127.0.0.1:$PORT" /metrics)
like "$m" 'newspipe_batches_quarantined_total\{pipeline="fail"\} 1' "metrics: one batch set aside"
like "$m" 'newspipe_stage_restarts_total\{pipeline="fail",stage="awk"\} 3' "metrics: the stage to blame, 3 runs"
like "$(http_get "127.0.0.1:$PORT" /health | tr '\n' ' ')" '"status":"ok".*HTTP 200' "/health is ok again"
stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"

# A server killed with SIGKILL leaves its stages running; the next one stops them first.
cat > "$T/slow.yaml" <<YAML
version: 1
name: slow
input: {spool: $T/spool}
output: {file: $T/slow.ndjson}
state_dir: $T/state
stages:
  - run: [sh, -c, 'sleep 30; exec cat']
YAML
"$SERVE" serve "$T/slow.yaml" 2>>"$T/serve.log" &
SPID=$!
printf '{"id":"o-1","body":"x"}\n' > "$T/x.part" && mv "$T/x.part" "$T/spool/3-slow.ndjson"
running() { [ -n "$(children "$SPID")" ]; }
wait_for 20 running
orphan=$(children "$SPID")
stop_server KILL
kill -0 "$orphan" 2>/dev/null
ok $? "after SIGKILL of the server its stage is still running"
"$SERVE" serve "$T/slow.yaml" 2>>"$T/serve.log" &
SPID=$!
wait_for 20 grep -Eq "stopped [0-9]+ stage process(es)? a previous server left running" "$T/serve.log"
ok $? "the next server stops it"
gone() { ! kill -0 "$orphan" 2>/dev/null; }
wait_for 10 gone
ok $? "it is gone"
stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
done_testing
