#!/bin/sh
# SIGINT/SIGTERM during a run: the head of the chain is closed at a line boundary, the stages
# drain and end by themselves; output and state are not committed; stages that do not end
# are sent SIGTERM, then SIGKILL, after shutdown_timeout (or at once on a repeated signal).
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

# wait_until CMD...: until CMD succeeds (bounded at 60 s, not a timed assertion: what it waits
# for is then checked by the test itself).
wait_until() {
    n=0
    until "$@" > /dev/null 2>&1; do
        [ $n -ge 1200 ] && return 1
        sleep 0.05
        n=$((n + 1))
    done
}

# wait_for FILE LINES: until FILE has at least LINES lines.
has_lines() { [ "$(wc -l < "$1" 2> /dev/null || echo 0)" -ge "$2" ]; }
wait_for() { wait_until has_lines "$@"; }

# sleeps_left PATTERN: how many processes run a command line starting with PATTERN.
sleeps_left() { ps -eo args | grep -c "^$1"; }
none_left() { [ "$(sleeps_left "$1")" = 0 ]; }

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

# SIGINT as soon as the input is open, while the stages are being started: it is not lost (a
# shell starts a background job with SIGINT ignored, and the runner's handler was installed
# only after the stages started), so the input's end is not read as a normal end.
mkfifo feed0
"$NP" run drain.yaml -i feed0 -o out0.ndjson 2> err0 &
pid=$!
exec 3> feed0
kill -INT $pid
exec 3>&-
wait $pid
is "$?" 130 "SIGINT at once: exit 130"
test ! -e out0.ndjson
ok $? "SIGINT at once: the output file is not written"
like "$(cat err0)" "SIGINT: stopping: input closed" "SIGINT at once: says it is draining"

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
# The rest of the line is written once the runner says it stopped the input (under load it may
# take longer than any fixed sleep to handle the signal).
wait_until grep -q "SIGTERM: stopping: input closed" err2
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
printf 'shutdown_timeout: 1s\nstages:\n  - cat\n  - run: "trap \\"\\" TERM INT; : > trapped3; cat > /dev/null; sleep 987.654"\n' > stuck.yaml
mkfifo feed3
"$NP" run stuck.yaml -i feed3 -o out3.ndjson 2> err3 &
pid=$!
exec 3> feed3
printf '{"id":1}\n' >&3
wait_until test -e trapped3 # the stage ignores SIGTERM from now on
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
is "$rc" 130 "stuck stage: the run still ends (130)"
like "$(cat err3)" "stages still running: sent SIGTERM" "stuck stage: escalated to SIGTERM"
like "$(cat err3)" "stages still running: sent SIGKILL" "stuck stage: then to SIGKILL"
wait_until none_left 'sleep 987.654' # SIGKILLed, maybe not gone yet
is "$(sleeps_left 'sleep 987.654')" 0 "stuck stage: what it started is killed too"

# A second signal escalates at once (here shutdown_timeout is long).
printf 'shutdown_timeout: 10m\nstages:\n  - run: "trap \\"\\" TERM INT; : > trapped4; cat > /dev/null; sleep 876.543"\n' > stuck2.yaml
mkfifo feed4
"$NP" run stuck2.yaml -i feed4 -o out4.ndjson 2> err4 &
pid=$!
exec 3> feed4
# Each signal once the previous one was handled: signals sent closer together than the
# runner runs may merge into one.
wait_until test -e trapped4
kill -INT $pid
wait_until grep -q "SIGINT: stopping" err4
kill -INT $pid
wait_until grep -q "sent SIGTERM" err4
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
