#!/bin/sh
# The intake queue cannot be written: the server stops with exit 74 instead of running on
# without intake, says why, and acknowledges nothing that is not whole on disk; after a
# restart every acknowledged line is delivered, and no line is ever cut.
#   1. the queue directory cannot be opened (a file stands where it was): nothing is
#      acknowledged at all;
#   2. the disk fills up in the middle of a write (here: RLIMIT_FSIZE, so that the write
#      that crosses the limit is partly done, exactly as on a full disk): the lines
#      acknowledged before are delivered, the write's lines are not acknowledged, the queue
#      is cut back to the last whole line;
#   3. (root only) a 1 MB tmpfs as the state directory, filled up by producers.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

pipeline() { # STATE-DIR BATCH-KEYS [SLOW-STAGE]
    cat > "$T/p.yaml" <<YAML
version: 1
name: intake
input: {listen: unix:$T/sock}
output: {file: $T/out.ndjson}
reject: $T/rej.ndjson
state_dir: $1
batch: {$2}
stages:
  - cat
${3:+  - run: [sh, -c, 'sleep $3; exec cat']}
YAML
}
whole_lines() { # FILE...: succeeds when every line of every file is a whole JSON object
    python3 - "$@" <<'PY'
import json, sys
for p in sys.argv[1:]:
    data = open(p, "rb").read()
    assert not data or data.endswith(b"\n"), p + ": ends in a cut line"
    for line in data.splitlines():
        json.loads(line)
PY
}
delivered() { # PREFIX N: succeeds when ids PREFIX-1..N are all in the output
    python3 - "$T/out.ndjson" "$1" "$2" <<'PY'
import json, sys
seen = {json.loads(l)["id"] for l in open(sys.argv[1], "rb")}
missing = [i for i in range(1, int(sys.argv[3]) + 1) if "%s-%d" % (sys.argv[2], i) not in seen]
if missing:
    print("missing: %d, e.g. %s-%d" % (len(missing), sys.argv[2], missing[0]))
    sys.exit(1)
PY
}
dead() { ! alive; }

# ---- 1. the queue directory cannot be opened ---------------------------------------------
mkdir -p "$T/state"
pipeline "$T/state" "lines: 2, time: 100ms"
make_articles "$T/in.ndjson" 5 q
start_server "$T/p.yaml"
wait_for 10 serving
ok $? "the server starts"
rm -rf "$T/state/queue"
: > "$T/state/queue"
acked=$(send_lines "unix:$T/sock" "$T/in.ndjson")
is "$acked" -1 "no line it could not queue is acknowledged (no acknowledgement at all)"
wait_for 20 dead
ok $? "the server stops on its own"
stop_server KILL
is "$SRC" 74 "exit 74 (I/O error)"
like "$(cat "$T/serve.log")" "the intake queue cannot be written" "the log says why"
[ "$SRC" = 74 ] || sed "s/^/#   log: /" "$T/serve.log"

# ---- 2. the disk fills up in the middle of a write ----------------------------------------
# The open batch file may not grow past 64 KiB. Producer a's 40 lines (~17 KB) are cut by
# time and acknowledged; producer b's 400 lines (~170 KB) go into one open batch until a
# write crosses the limit.
rm -rf "$T/state" "$T/out.ndjson" "$T/rej.ndjson" "$T/serve.log"
STARTS=0
mkdir -p "$T/state"
pipeline "$T/state" "lines: 100000, bytes: 100M, time: 300ms"
make_articles "$T/a.ndjson" 40 a
make_articles "$T/b.ndjson" 400 b
limited() { # runs newspipe serve with RLIMIT_FSIZE 64 KiB and SIGXFSZ ignored (EFBIG instead)
    python3 -c 'import os, resource, signal, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
os.execv(sys.argv[1], sys.argv[1:])' "$SERVE" serve "$@" 2>>"$T/serve.log" &
    SPID=$!
    STARTS=$((STARTS + 1))
}
limited "$T/p.yaml"
wait_for 10 serving
ok $? "the server starts (files limited to 64 KiB)"
acked_a=$(send_lines "unix:$T/sock" "$T/a.ndjson")
is "$acked_a" 40 "producer a: all 40 lines acknowledged"
acked_b=$(send_lines "unix:$T/sock" "$T/b.ndjson")
wait_for 20 dead
ok $? "the server stops on its own when a write fails"
stop_server KILL
is "$SRC" 74 "exit 74"
like "$(cat "$T/serve.log")" "cannot write .*/queue/.open: File too large" "the log names the failed write"
is "$acked_b" -1 "producer b: nothing acknowledged (the batch it was in was never cut)"
open="$T/state/queue/.open"
ok "$( [ -f "$open" ] && [ "$(tail -c 1 "$open" | od -An -c | tr -d ' ')" = '\n' ]; echo $?)" \
    "the open batch is cut back to its last whole line"
whole_lines "$open" 2>/dev/null
ok $? "and holds whole lines only"
is "$(ls "$T/state/queue" | grep -c ndjson)" 0 "nothing partly written was queued"

start_server "$T/p.yaml"
wait_for 10 serving
ok $? "the server restarts without the limit"
wait_for 20 lines_at_least "$T/out.ndjson" 41
stop_server TERM
is "$SRC" 0 "and stops cleanly"
delivered a 40 && delivered b "$acked_b"
ok $? "every acknowledged line is delivered"
whole_lines "$T/out.ndjson"
ok $? "no cut line in the output"
is "$(count_lines "$T/rej.ndjson")" 0 "nothing rejected (no line was cut)"
b_out=$(jq -r .id "$T/out.ndjson" | grep -c '^b-')
ok "$([ "$b_out" -gt 0 ] && [ "$b_out" -lt 400 ]; echo $?)" \
    "the whole lines of b read before the failure are queued at the restart ($b_out)"

# ---- 3. a 1 MB tmpfs fills up (root only) --------------------------------------------------
if [ "$(id -u)" != 0 ] || ! mkdir -p "$T/tmpfs" || ! mount -t tmpfs -o size=1m tmpfs "$T/tmpfs" 2>/dev/null; then
    skip "a full tmpfs: needs root and mount"
else
    trap 'umount "$T/tmpfs" 2>/dev/null; rm -rf "$T"' EXIT
    rm -f "$T/out.ndjson" "$T/rej.ndjson" "$T/serve.log"
    STARTS=0
    # Batches of 1000 lines (~420 KB) and a slow stage: the queue fills the tmpfs.
    pipeline "$T/tmpfs" "lines: 1000, time: 200ms" 1
    make_articles "$T/c.ndjson" 6000 c
    start_server "$T/p.yaml"
    wait_for 10 serving
    acked_c=$(send_lines "unix:$T/sock" "$T/c.ndjson")
    wait_for 30 dead
    stop_server KILL
    is "$SRC" 74 "a full tmpfs: exit 74 ($acked_c lines acknowledged)"
    mkdir -p "$T/big"
    cp -a "$T/tmpfs/." "$T/big/"
    umount "$T/tmpfs"
    pipeline "$T/big" "lines: 1000, time: 200ms"
    start_server "$T/p.yaml"
    wait_for 10 serving
    drained() { [ -z "$(ls "$T/big/queue")" ]; }
    wait_for 60 drained
    stop_server TERM
    is "$SRC" 0 "restarted with room, it drains its queue and stops cleanly"
    delivered c "$acked_c"
    ok $? "every acknowledged line is delivered"
    whole_lines "$T/out.ndjson"
    ok $? "no cut line in the output"
fi
done_testing
