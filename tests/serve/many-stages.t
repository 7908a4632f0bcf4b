#!/bin/sh
# newspipe serve runs every stage of a long pipeline, as newspipe run does: 64 cats, then a
# stage that marks the record, then dedupe keeping state (committed after the output).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
need_prog newspipe-dedupe

mkdir -p "$T/spool" "$T/state"
{
    printf 'version: 1\nname: long\ninput: {spool: %s/spool}\noutput: {file: %s/out.ndjson}\n' "$T" "$T"
    printf 'state_dir: %s/state\nbatch: {time: 50ms}\nstages:\n' "$T"
    i=0
    while [ $i -lt 64 ]; do echo '  - cat'; i=$((i + 1)); done
    echo "  - run: [sed, -e, 's/}\$/,\"s65\":1}/']"
    echo "  - dedupe: {state: $T/state/dedupe.state}"
} > "$T/p.yaml"
"$SERVE" check "$T/p.yaml" > "$T/check.out" 2>&1
is "$(cat "$T/check.out")" "$T/p.yaml: ok (66 stages)" "check: 66 stages"

echo '{"id":1,"body":"one"}' | "$SERVE" run "$T/p.yaml" -i - -o - > "$T/run.out" 2> "$T/run.err"
is "$?" 0 "run: exit 0"
is "$(cat "$T/run.out")" '{"id":1,"body":"one","s65":1}' "run: stage 65 ran"
rm -f "$T/state/dedupe.state"

echo '{"id":2,"body":"two"}' > "$T/spool/a.ndjson"
start_server "$T/p.yaml"
wait_for 20 lines_at_least "$T/out.ndjson" 1
ok $? "serve: the batch is delivered"
wait_for 10 test -f "$T/state/dedupe.state"
ok $? "serve: the state of stage 66 (dedupe) is committed"
stop_server TERM
is "$SRC" 0 "serve: SIGTERM: exit 0"
is "$(cat "$T/out.ndjson")" '{"id":2,"body":"two","s65":1}' "serve: stage 65 ran"
like "$(cat "$T/state/journal")" "phase done" "serve: journal: phase done"

# The same record again: the committed state drops it.
echo '{"id":2,"body":"two"}' > "$T/spool/b.ndjson"
start_server "$T/p.yaml"
wait_for 20 test ! -e "$T/spool/b.ndjson"
ok $? "serve: the second batch is taken"
stop_server TERM
is "$(count_lines "$T/out.ndjson")" 1 "serve: stage 66 dropped the repeat"
done_testing
