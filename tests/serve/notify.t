#!/bin/sh
# The sd_notify protocol, with a test socket standing in for systemd: READY=1 once serving,
# STATUS=, WATCHDOG=1 at half of WATCHDOG_USEC, RELOADING=1 with MONOTONIC_USEC then READY=1
# on SIGHUP, STOPPING=1 on SIGTERM. Also: a second server on the same state directory exits
# 75 (the lock), and the stages do not inherit NOTIFY_SOCKET.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state" "$T/spool"
cat > "$T/p.yaml" <<YAML
version: 1
name: notified
input: {spool: $T/spool}
output: {file: $T/out.ndjson}
state_dir: $T/state
stages:
  - run: [sh, -c, 'echo "stage sees NOTIFY_SOCKET=$(printenv NOTIFY_SOCKET || echo unset)" >&2; exec cat']
YAML
python3 "$NP_TOP/tests/serve/notify_listener.py" "$T/notify.sock" "$T/msgs" &
LISTENER=$!
wait_for 10 test -e "$T/msgs.ready"
got() { grep -q "$1" "$T/msgs"; }

NOTIFY_SOCKET="$T/notify.sock" WATCHDOG_USEC=200000 start_server "$T/p.yaml"
wait_for 10 got '^READY=1'
ok $? "READY=1"
like "$(grep '^READY=1' "$T/msgs" | head -n 1)" 'STATUS=serving' "with a STATUS="
wait_for 10 got '^WATCHDOG=1'
ok $? "WATCHDOG=1 (WATCHDOG_USEC=200000)"
sleep 0.5
n=$(grep -c '^WATCHDOG=1' "$T/msgs")
ok "$([ "$n" -ge 2 ]; echo $?)" "the watchdog keeps pinging ($n pings)"

"$SERVE" serve "$T/p.yaml" 2>"$T/second.err"
is "$?" 75 "a second server on the same state directory exits 75"
like "$(cat "$T/second.err")" "in use by pid $SPID" "and names the holder"

printf '{"id":"n-1","body":"x"}\n' > "$T/f.part" && mv "$T/f.part" "$T/spool/f.ndjson"
wait_for 10 lines_at_least "$T/out.ndjson" 1
like "$(cat "$T/serve.log")" "stage sees NOTIFY_SOCKET=unset" "stages do not inherit NOTIFY_SOCKET"
wait_for 10 got '^STATUS=1 batches'
ok $? "STATUS= tells the progress"

kill -HUP $SPID
wait_for 10 got '^RELOADING=1|MONOTONIC_USEC=[0-9]'
ok $? "SIGHUP: RELOADING=1 with MONOTONIC_USEC="
wait_for 10 got '^READY=1|STATUS=reloaded'
ok $? "then READY=1 again"

stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
# The listener writes what it receives after the server may have gone: wait for it.
wait_for 10 got '^STOPPING=1'
ok $? "STOPPING=1"
kill $LISTENER
wait $LISTENER 2>/dev/null
done_testing
