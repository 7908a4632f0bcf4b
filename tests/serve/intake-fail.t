#!/bin/sh
# The intake queue cannot be written (here: a file stands where the queue directory was):
# the server stops with exit 74 instead of running on without intake, says why, and
# acknowledges nothing it could not queue (so a producer knows to send it again).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state"
cat > "$T/p.yaml" <<YAML
version: 1
name: intake
input: {listen: unix:$T/sock}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 2, time: 100ms}
stages:
  - cat
YAML
make_articles "$T/in.ndjson" 5 q

start_server "$T/p.yaml"
wait_for 10 serving
ok $? "the server starts"
rm -rf "$T/state/queue"
: > "$T/state/queue"
acked=$(send_lines "unix:$T/sock" "$T/in.ndjson")
ok "$([ "$acked" -lt 5 ]; echo $?)" "lines it could not queue are not acknowledged (acked: $acked of 5)"
dead() { ! alive; }
wait_for 20 dead
ok $? "the server stops on its own"
stop_server KILL
is "$SRC" 74 "exit 74 (I/O error)"
like "$(cat "$T/serve.log")" "the intake queue cannot be written" "the log says why"
[ "$SRC" = 74 ] || sed "s/^/#   log: /" "$T/serve.log"
done_testing
