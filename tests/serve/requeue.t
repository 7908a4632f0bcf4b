#!/bin/sh
# Starting afresh without losing acknowledged batches (issue 14, item 9): batches in queue/
# and failed/ hold lines producers were told are safe; `newspipe serve FILE --requeue
# BATCH...` (with the server stopped) puts them back into a state directory's queue, or the
# spool, so that a corrupt journal (exit 65) or a fixed pipeline loses none of them.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state"
pipeline() { # STAGE
    cat > "$T/p.yaml" <<YAML
version: 1
name: rq
input: {follow: $T/feed.ndjson}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 10, time: 100ms, attempts: 2}
stages:
  - cat
  - run: "$1"
YAML
}
feed() { # N PREFIX: appends N articles to the followed file
    make_articles "$T/part" "$1" "$2"
    cat "$T/part" >> "$T/feed.ndjson"
}
nfiles() { ls "$1" 2>/dev/null | grep -c '\.ndjson$'; }
: > "$T/feed.ndjson"

# A pipeline whose stage fails: each batch goes to failed/ after 2 attempts.
pipeline "exit 3"
start_server "$T/p.yaml"
wait_for 20 serving
feed 30 f
lines_in() { cat "$1"/*.ndjson 2>/dev/null | wc -l | tr -d ' '; }
wait_for 30 eval '[ "$(lines_in "$T/state/failed")" -ge 30 ]'
ok $? "a failing stage: the batches are set aside in failed/"
stop_server TERM
is "$SRC" 0 "stopped"
is "$(lines_in "$T/state/failed")" 30 "failed/ holds all 30 lines"

# The server running: --requeue is refused (the state directory is locked).
pipeline "exec cat"
start_server "$T/p.yaml"
wait_for 20 serving
"$SERVE" serve "$T/p.yaml" --requeue "$T"/state/failed/*.ndjson 2> "$T/rq.err"
is "$?" 75 "--requeue while the server runs: exit 75"
like "$(cat "$T/rq.err")" "in use by .*stop the server to requeue" "and says why"
stop_server TERM

# Fixed pipeline, server stopped: requeue failed/, then start: every line is delivered.
"$SERVE" serve "$T/p.yaml" --requeue "$T"/state/failed/*.ndjson 2> "$T/rq.err"
is "$?" 0 "--requeue: exit 0"
is "$(nfiles "$T/state/failed")" 0 "failed/ is empty"
is "$(cat "$T"/state/queue/*.ndjson | wc -l | tr -d ' ')" 30 "the queue holds the 30 lines"
like "$(cat "$T/rq.err")" "requeued .*/failed/.* as .*/queue/[0-9]{16}\\.ndjson \\([0-9]+ lines\\)" "each one logged"
start_server "$T/p.yaml"
wait_for 30 lines_at_least "$T/out.ndjson" 30
ok $? "after the start, the output has them"
is "$(ids "$T/out.ndjson" | wc -l | tr -d ' ')" 30 "all 30 ids, once each"
stop_server TERM

# A corrupt journal: the server refuses to start (65). The safe way to start afresh: move
# the state directory aside, requeue its queue/ and failed/ into a new one, start.
pipeline 'test -f '"$T"'/go || exit 75; exec cat'
start_server "$T/p.yaml"
wait_for 20 serving
feed 40 q
wait_for 20 eval '[ "$(lines_in "$T/state/queue")" -ge 40 ]'
ok $? "batches wait in the queue (the stage says: try later)"
stop_server TERM
is "$(lines_in "$T/state/queue")" 40 "40 acknowledged lines in queue/"
printf 'garbage\n' > "$T/state/journal"
start_server "$T/p.yaml"
{ wait "$SPID"; } 2>/dev/null
is "$?" 65 "a corrupt journal: exit 65"
like "$(cat "$T/serve.log")" "move the state directory aside, then requeue its queue/ and failed/ into a new one" \
    "the message gives the safe procedure"
# (as newspipe-serve(1), STARTING AFRESH, says)
mkdir "$T/state.old"
mv "$T/state/journal" "$T/state/queue" "$T/state/failed" "$T/state.old/"
printf 'a\nb\npartial' > "$T/state.old/queue/.open"
touch "$T/go"
"$SERVE" serve "$T/p.yaml" --requeue "$T"/state.old/queue/*.ndjson "$T/state.old/queue/.open" 2> "$T/rq.err"
is "$?" 0 "--requeue into a state directory without a journal: exit 0"
is "$(lines_in "$T/state.old/queue")" 0 "the old queue/ is empty: each batch was moved"
like "$(cat "$T/rq.err")" "requeued .*/\\.open as .* \\(2 lines\\)" ".open: its whole lines only"
STARTS=0
: > "$T/serve.log"
start_server "$T/p.yaml"
wait_for 30 eval '[ "$(ids "$T/out.ndjson" | grep -c "^q-")" -ge 40 ]'
ok $? "every acknowledged line of the old queue is delivered"
is "$(jq -r .id "$T/out.ndjson" | grep -c '^q-')" 40 "each once"
stop_server TERM

# Errors: a missing file (66), and a spool source gets the batch in its spool.
"$SERVE" serve "$T/p.yaml" --requeue "$T/nothing.ndjson" 2> "$T/rq.err"
is "$?" 66 "a file that does not exist: exit 66"
mkdir -p "$T/spool" "$T/sstate"
cat > "$T/s.yaml" <<YAML
version: 1
name: rqs
input: {spool: $T/spool}
output: {file: $T/sout.ndjson}
state_dir: $T/sstate
stages: [cat]
YAML
mkdir -p "$T/sstate/failed"
make_articles "$T/sstate/failed/0000000000000007-x.ndjson" 5 s
"$SERVE" serve "$T/s.yaml" --requeue "$T/sstate/failed/0000000000000007-x.ndjson" 2> "$T/rq.err"
is "$?:$(ls "$T/spool")" "0:0000000000000007-x.ndjson" "a spool source: the batch goes into the spool"
done_testing
