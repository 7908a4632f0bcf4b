#!/bin/sh
# At-least-once under chaos: while a producer feeds 500 articles through the socket, the
# server or one of its stages is killed with SIGKILL at random moments (and the server
# restarted), at least 3 and at most 30 times. At the end every input id must be in the output, exactly once thanks to dedupe,
# and the state directory must be valid (journal readable, queue drained, dedupe state
# loadable).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
need_prog newspipe-dedupe

N=500
mkdir -p "$T/state"
cat > "$T/p.yaml" <<YAML
version: 1
name: chaos
input: {listen: unix:$T/sock}
output: {file: $T/out.ndjson, rotate_size: 40k}
state_dir: $T/state
batch: {lines: 25, time: 100ms}
shutdown_timeout: 5s
stages:
  - cat
  - dedupe: {state: $T/state/dedupe.state}
  - run: [sh, -c, 'sleep 0.02; exec cat']
YAML
make_articles "$T/in.ndjson" $N c

start_server "$T/p.yaml"
wait_for 10 test -S "$T/sock" || { ok 1 "server starts"; done_testing; exit 1; }
python3 "$NP_TOP/tests/serve/chaos_producer.py" "$T/sock" "$T/in.ndjson" 0.1 $((90 * SLOW)) \
    > "$T/conns" 2>"$T/producer.err" &
PROD=$!

# The chaos: a deterministic pseudo-random sequence, so a failure can be replayed.
seed=${CHAOS_SEED:-12345} # CHAOS_SEED=N replays another sequence
rand() { # N: sets R to a number in [0, N) (no subshell: the seed must advance)
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    R=$(( seed / 65536 % $1 ))
}
server_kills=0
stage_kills=0
events=0
# While the producer runs, and at least 6 times with at least 3 kills (killing the server
# while it drains the queue matters too), at most 30.
while { kill -0 $PROD 2>/dev/null || [ $events -lt 6 ] ||
    [ $((server_kills + stage_kills)) -lt 3 ]; } && [ $events -lt 30 ]; do
    events=$((events + 1))
    rand 5
    sleep "$((SLOW * (R + 1) / 10)).$((SLOW * (R + 1) % 10))"
    rand 3
    case $R in
    0)  kill -KILL $SPID 2>/dev/null && server_kills=$((server_kills + 1))
        { wait $SPID; } 2>/dev/null
        rand 10
        sleep "0.0$R"
        start_server "$T/p.yaml" ;;
    1)  kids=
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do # wait for a batch to be running
            kids=$(children $SPID | tr '\n' ' ')
            [ -n "$kids" ] && break
            sleep 0.02
        done
        if [ -n "$kids" ]; then
            set -- $kids
            rand $#
            shift $R
            kill -KILL "$1" 2>/dev/null && stage_kills=$((stage_kills + 1))
        else # no batch running (the queue may be drained): kill the server instead
            kill -KILL $SPID 2>/dev/null && server_kills=$((server_kills + 1))
            { wait $SPID; } 2>/dev/null
            start_server "$T/p.yaml"
        fi ;;
    *)  ;;
    esac
done
# Then calm: the producer gets the rest through.
wait $PROD
is "$?" 0 "the producer got every line acknowledged"
diag_msg="server killed $server_kills times, stages $stage_kills times, $(cat "$T/conns") connections"
echo "# $diag_msg"
ok $([ $((server_kills + stage_kills)) -ge 3 ]; echo $?) "chaos happened ($diag_msg)"

# Calm: let the server finish the queue.
calm() {
    [ "$(ids "$T"/out*.ndjson | wc -l)" -ge $N ] && [ -z "$(ls "$T/state/queue")" ]
}
wait_for 60 calm
wait_for 30 serving # the last restart may still be starting
stop_server TERM
is "$SRC" 0 "the last server stops cleanly"
[ "$SRC" = 0 ] || tail -n 20 "$T/serve.log" | sed 's/^/#   log: /'
is "$(ids "$T"/out*.ndjson)" "$(ids "$T/in.ndjson")" "every input id is in the output"
is "$(cat "$T"/out*.ndjson | wc -l | tr -d ' ')" $N "each exactly once (dedupe dropped the replays)"
ls "$T"/out-*.ndjson >/dev/null 2>&1
ok $? "the output rotated by size during the chaos"
python3 - "$T/state/journal" <<'PY'
import sys, zlib
data = open(sys.argv[1], "rb").read()
body, crc = data.rsplit(b"crc ", 1)
assert zlib.crc32(body) == int(crc.strip(), 16), "bad crc"
assert b"phase done" in body
PY
ok $? "the journal is valid and says done"
is "$(ls "$T/state/queue" | wc -l | tr -d ' ')" 0 "the queue is drained"
cp "$T/state/dedupe.state" "$T/copy.state"
"$NP_BIN/newspipe-dedupe" --state "$T/copy.state" </dev/null >/dev/null 2>"$T/dd.err"
ok $? "dedupe's state loads"
# Orphaned stages of killed servers finish on their own; give them a moment.
sleep 0.3
done_testing
