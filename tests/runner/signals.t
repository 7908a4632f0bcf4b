#!/bin/sh
# SIGINT/SIGTERM during a run: the head of the chain is closed at a line boundary, the stages
# drain and end by themselves; output and state are not committed; stages that do not end
# are sent SIGTERM, then SIGKILL, after shutdown_timeout (or at once on a repeated signal).
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

# wait_for FILE LINES: until FILE has at least LINES lines (bounded, not a timed assertion).
wait_for() {
    n=0
    while [ "$(wc -l < "$1" 2> /dev/null || echo 0)" -lt "$2" ] && [ $n -lt 1200 ]; do
        sleep 0.05
        n=$((n + 1))
    done
}

# all_json FILE: every line of FILE is a complete JSON object.
all_json() {
    if command -v jq > /dev/null; then
        jq -c . "$1" > /dev/null 2>&1
    else
        ! grep -qv '^{.*}$' "$1"
    fi
}

printf 'shutdown_timeout: 30s\nstages:\n  - cat\n  - run: [cat]\n  - cat\n' > drain.yaml

# SIGINT with output to a file: drained, then nothing is written.
mkfifo feed1
"$NP" run drain.yaml -i feed1 -o out.ndjson 2> err1 &
pid=$!
exec 3> feed1
i=0
while [ $i -lt 50 ]; do printf '{"id":%d,"body":"x"}\n' $i >&3; i=$((i + 1)); done
sleep 0.2
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
is "$rc" 130 "SIGINT: exit 130"
test ! -e out.ndjson
ok $? "SIGINT: the output file is not written"
is "$(ls -A | grep -c '\.tmp\.')" 0 "SIGINT: no temporary file is left"
like "$(cat err1)" "SIGINT: stopping: input closed, letting the stages drain" "SIGINT: says it is draining"
like "$(cat err1)" "interrupted by SIGINT: output not written, state not committed" "SIGINT: and what it did not do"

# SIGTERM with output to stdout: what was read before is drained through all the stages,
# the last line whole, even though the producer is mid-line when the signal arrives.
mkfifo feed2
"$NP" run drain.yaml -i feed2 > out2.ndjson 2> err2 &
pid=$!
exec 3> feed2
i=0
while [ $i -lt 100 ]; do printf '{"id":%d,"body":"drained"}\n' $i >&3; i=$((i + 1)); done
printf '{"id":"half' >&3
wait_for out2.ndjson 100
kill -TERM $pid
sleep 0.3
printf '","body":"finished after the signal"}\n{"id":"never"}\n' >&3
wait $pid
rc=$?
exec 3>&-
is "$rc" 143 "SIGTERM: exit 143"
all_json out2.ndjson
ok $? "SIGTERM: every drained line is a whole record"
is "$(grep -c drained out2.ndjson)" 100 "SIGTERM: every record read before the signal came out"
is "$(grep -c never out2.ndjson)" 0 "SIGTERM: nothing after the line in progress is read"

# A stage that ignores SIGTERM and does not end on EOF: SIGTERM after shutdown_timeout, then
# SIGKILL, for its whole process group (the sleep it started too).
printf 'shutdown_timeout: 1s\nstages:\n  - cat\n  - run: "trap \\"\\" TERM INT; cat > /dev/null; sleep 987.654"\n' > stuck.yaml
mkfifo feed3
"$NP" run stuck.yaml -i feed3 -o out3.ndjson 2> err3 &
pid=$!
exec 3> feed3
printf '{"id":1}\n' >&3
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
is "$rc" 130 "stuck stage: the run still ends (130)"
like "$(cat err3)" "stages still running: sent SIGTERM" "stuck stage: escalated to SIGTERM"
like "$(cat err3)" "stages still running: sent SIGKILL" "stuck stage: then to SIGKILL"
sleep 0.2
is "$(ps -eo args | grep -c '^sleep 987.654')" 0 "stuck stage: what it started is killed too"

# A second signal escalates at once (here shutdown_timeout is long).
printf 'shutdown_timeout: 10m\nstages:\n  - run: "trap \\"\\" TERM INT; cat > /dev/null; sleep 876.543"\n' > stuck2.yaml
mkfifo feed4
"$NP" run stuck2.yaml -i feed4 -o out4.ndjson 2> err4 &
pid=$!
exec 3> feed4
sleep 0.3
kill -INT $pid
sleep 0.3
kill -INT $pid
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
is "$rc" 130 "repeated SIGINT: exit 130 without waiting for shutdown_timeout"
like "$(cat err4)" "sent SIGKILL" "repeated SIGINT: the third one sends SIGKILL"

# With dedupe: an interrupted run commits no state.
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    mkdir st
    printf 'output: out5.ndjson\nstages:\n  - dedupe: {state: st/s.state}\n  - run: [cat]\n' > st.yaml
    mkfifo feed5
    "$NP" run st.yaml -i feed5 2> /dev/null &
    pid=$!
    exec 3> feed5
    printf '{"id":"a","body":"one"}\n{"id":"b","body":"two"}\n' >&3
    sleep 0.3
    kill -TERM $pid
    wait $pid
    rc=$?
    exec 3>&-
    is "$rc" 143 "dedupe pipeline interrupted: 143"
    test ! -e st/s.state && test ! -e out5.ndjson
    ok $? "dedupe pipeline interrupted: no state and no output"
else
    skip "newspipe-dedupe not built"
    skip "newspipe-dedupe not built"
fi

done_testing
