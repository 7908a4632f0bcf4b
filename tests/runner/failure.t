#!/bin/sh
# Failures: a stage that fails mid-stream leaves the output and the state untouched and the
# exit code says which stage and why; pipefail with head semantics; a missing stage binary;
# a stage killed by a signal; lock contention.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

i=0
while [ $i -lt 3000 ]; do
    printf '{"id":"r%d","body":"Record number %d is about company %d."}\n' $i $i $((i % 97))
    i=$((i + 1))
done > in.ndjson

# A stage that fails after part of the stream went through.
cat > midfail.yaml <<'Y'
output: out.ndjson
reject: rejects.ndjson
stages:
  - cat
  - run: "head -n 1000; echo 'disk on fire' >&2; echo 'giving up' >&2; exit 3"
  - cat
Y
echo "previous output" > out.ndjson
"$NP" run midfail.yaml -i in.ndjson 2> err
is "$?" 3 "a stage failing mid-stream: the run exits with its code"
is "$(cat out.ndjson)" "previous output" "the old output is untouched"
is "$(ls -A | grep -c '\.tmp\.')" 0 "no temporary output or reject file is left"
test ! -e rejects.ndjson
ok $? "no reject file appears"
like "$(cat err)" "midfail: stage 2 \\(sh\\) exited with code 3" "the message names the stage and its exit code"
like "$(cat err)" "\\[sh\\] giving up" "and its last stderr lines"
like "$(cat err)" "output not written \\(the old one is untouched\\), state not committed" "and what was not done"

# The same with dedupe and a state file: the state does not advance.
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    mkdir st
    cat > stateful.yaml <<'Y'
output: out2.ndjson
stages:
  - dedupe: {state: st/news.state}
  - run: "head -n 1000; exit 3"
Y
    "$NP" run stateful.yaml -i in.ndjson 2> /dev/null
    is "$?" 3 "stateful pipeline failing downstream: exit 3"
    test ! -e st/news.state && test ! -e out2.ndjson
    ok $? "dedupe's state is not committed and no output appears"
    # Fixed, the same command gives the full result, and only then the state advances.
    sed -i 's/head -n 1000; exit 3/cat/' stateful.yaml
    "$NP" run stateful.yaml -i in.ndjson 2> /dev/null
    is "$?" 0 "re-run after the fix: exit 0"
    is "$(wc -l < out2.ndjson | tr -d ' ')" 3000 "re-run: every record is there"
    test -s st/news.state
    ok $? "re-run: the state is committed"
    "$NP" run stateful.yaml -i in.ndjson 2> /dev/null
    is "$?:$(wc -c < out2.ndjson | tr -d ' ')" "0:0" "a third run: all seen before, dropped by the committed state"
    # A committed state and a stage below that reads everything, then fails: dedupe itself
    # finishes (no SIGPIPE saves the day), yet its state must stay as it was.
    sed 's/"id":"r/"id":"n/; s/Record number/Entry number/' in.ndjson > new.ndjson
    cp st/news.state before.state
    sed -i 's/"cat"/"cat; exit 3"/' stateful.yaml
    "$NP" run stateful.yaml -i new.ndjson 2> /dev/null
    is "$?" 3 "a committed state, then a failure after dedupe finished: exit 3"
    cmp -s st/news.state before.state
    ok $? "the committed state is byte for byte as before"
    is "$(wc -l < out2.ndjson | tr -d ' ')" 0 "and the previous (empty) output is untouched"
    # (dedupe's FILE.pending from the failed run may stay: the next run ignores it.)
    rm -f st/news.state.pending
    sed 's/news.state/fresh.state/' stateful.yaml > fresh.yaml
    "$NP" run fresh.yaml -i new.ndjson 2> /dev/null
    is "$?" 3 "the same with a state that does not exist yet: exit 3"
    test ! -e st/fresh.state
    ok $? "and the state is not created"
    # head below dedupe: dedupe is ended by SIGPIPE; the run succeeds but its state stays.
    printf 'output: out3.ndjson\nstages:\n  - dedupe: {state: st/news.state}\n  - run: [head, -n, "5"]\n' > headstate.yaml
    "$NP" run headstate.yaml -i new.ndjson 2> err
    is "$?:$(wc -l < out3.ndjson | tr -d ' ')" "0:5" "head below a stateful stage: exit 0, 5 records"
    like "$(cat err)" "stage 1 \\(dedupe\\) stopped early: its state is not advanced" "and says the state is not advanced"
    cmp -s st/news.state before.state && test ! -e st/news.state.pending
    ok $? "head below a stateful stage: the state is byte for byte as before, no pending state"
    sed -i 's/news.state/other.state/' headstate.yaml
    "$NP" run headstate.yaml -i new.ndjson 2> /dev/null
    is "$?:$(wc -l < out3.ndjson | tr -d ' ')" "0:5" "the same with a state that does not exist yet"
    test ! -e st/other.state && test ! -e st/other.state.pending
    ok $? "and it is not created"
else
    for n in $(seq 16); do skip "newspipe-dedupe not built"; done
fi

# Pipefail: a stage failing at the end (after its input is consumed).
printf 'stages:\n  - cat\n  - run: "cat; exit 5"\n  - cat\n' > endfail.yaml
"$NP" run endfail.yaml -i in.ndjson > /dev/null 2> err
is "$?" 5 "a stage failing after EOF fails the run"
# A middle stage killed by a signal.
printf 'stages:\n  - cat\n  - run: "head -n 10; kill -9 $$"\n  - cat\n' > killed.yaml
"$NP" run killed.yaml -i in.ndjson > /dev/null 2> err
is "$?" 137 "a stage killed by SIGKILL: 128+9"
like "$(cat err)" "stage 2 \\(sh\\) was killed by SIGKILL" "the message names the signal"
# A run: command that is a path relative to the pipeline file.
mkdir bin2
printf '#!/bin/sh\nexec tr a-z A-Z\n' > bin2/upper
chmod +x bin2/upper
printf 'stages:\n  - run: [bin2/upper]\n' > rel.yaml
(cd / && printf 'abc\n' | "$NP" run "$T/rel.yaml") > rel.out 2>&1
is "$(cat rel.out)" "ABC" "run: paths are relative to the pipeline file"

# A stage that leaves a background process holding its stdin open: the run ends when the
# stages have, while the producer still holds the input open (it is not waited for).
printf 'stages:\n  - run: "sleep 765.432 < /dev/stdin > /dev/null 2>&1 & head -n 1"\n' > bg.yaml
mkfifo bgfeed
(printf '{"id":1}\n'; exec sleep 60) > bgfeed &
writer=$!
"$NP" run bg.yaml -i bgfeed > bg.out 2> /dev/null
is "$?:$(cat bg.out)" '0:{"id":1}' "a background process holding the input: exit 0, the output"
kill -0 $writer 2> /dev/null
ok $? "and the run ended while its input was still open"
kill $writer 2> /dev/null
for p in $(ps -eo pid,args | awk '$2 == "sleep" && $3 == "765.432" {print $1}'); do kill $p; done

# Head semantics: upstream stages ended by SIGPIPE after head exited 0 are fine.
printf 'stages:\n  - cat\n  - cat\n  - run: [head, -n, "2"]\n' > head.yaml
"$NP" run head.yaml -i in.ndjson > head.out 2> err
is "$?" 0 "head semantics: exit 0"
is "$(wc -l < head.out | tr -d ' ')" 2 "head semantics: two records"
is "$(cat err)" "" "head semantics: no message"
# ... but a SIGPIPE caused by a failing stage is not excused.
printf 'stages:\n  - cat\n  - run: "head -n 2; exit 4"\n' > headfail.yaml
"$NP" run headfail.yaml -i in.ndjson > /dev/null 2> err
is "$?" 4 "SIGPIPE after a failing reader: the reader's code"
like "$(cat err)" "stage 1 \\(cat\\) was killed by SIGPIPE.*: its reader had stopped first" "the upstream SIGPIPE is explained"
# A stage that ends by SIGPIPE (or with 141) while what reads its output still reads did not
# lose its reader: records were lost, and the run fails however the stages below end.
printf 'output: sp.ndjson\nstages:\n  - run: "head -n 3; kill -PIPE $$"\n  - run: "sleep 1; cat"\n' > selfpipe.yaml
for stats in "" --stats; do
    "$NP" run selfpipe.yaml $stats -i in.ndjson 2> err
    is "$?" 141 "a stage killed by SIGPIPE while its reader still reads fails the run ($stats)"
    like "$(cat err)" "stage 1 \\(sh#1\\) was killed by SIGPIPE \\(signal 13\\)\$" "named, not excused ($stats)"
    test ! -e sp.ndjson
    ok $? "and the output is not written ($stats)"
done
# The same as the last stage, whose output is the run's: it is no reader of the runner going
# away (that 141 is quiet), so it is named.
printf 'stages:\n  - cat\n  - run: "head -n 3; kill -PIPE $$"\n' > lastpipe.yaml
"$NP" run lastpipe.yaml -i in.ndjson > lastpipe.out 2> err
is "$?" 141 "a last stage killed by SIGPIPE while the runner's output is there: 141"
like "$(cat err)" "stage 2 \\(sh\\) was killed by SIGPIPE" "and named, not taken for a reader that went away"
"$NP" run lastpipe.yaml -i in.ndjson 2> err | cat > /dev/null
like "$(cat err)" "stage 2 \\(sh\\) was killed by SIGPIPE" "also when the output is a pipe still read"
sed 's/kill -PIPE \$\$/exit 141/' selfpipe.yaml > exit141.yaml
"$NP" run exit141.yaml -i in.ndjson 2> err
is "$?" 141 "a stage exiting 141 while its reader still reads fails the run"
# Head semantics hold whatever order the loop learns of the exits in (head closes its input
# before it exits; several exits can be reaped in one turn): 20 runs each way, all 0.
codes=
for k in $(seq 1 10); do
    "$NP" run head.yaml -i in.ndjson > /dev/null 2>&1; codes="$codes$?"
    "$NP" run head.yaml --stats -i in.ndjson > /dev/null 2>&1; codes="$codes$?"
done
is "$codes" "00000000000000000000" "head semantics: 20 runs, with and without --stats, all exit 0"

# A stage binary that is missing: check catches it before anything runs.
printf 'output: never.ndjson\nstages:\n  - cat\n  - not-a-filter-np\n' > missing.yaml
"$NP" run missing.yaml -i in.ndjson 2> err
is "$?" 78 "missing filter binary: 78 before running"
test ! -e never.ndjson
ok $? "missing filter binary: no output created"
like "$(cat err)" "missing.yaml:4:5: error: unknown filter 'not-a-filter-np'" "with its position"
# A program that exists at check time but cannot be executed (its interpreter is missing:
# exec fails with ENOENT, as it would for a binary removed after the check).
printf '#!/nonexistent-np/interpreter\n' > bin2/broken
chmod +x bin2/broken
printf 'output: never.ndjson\nstages:\n  - cat\n  - run: [bin2/broken]\n' > broken.yaml
"$NP" run broken.yaml -i in.ndjson 2> err
is "$?" 71 "a stage that cannot be started: 71"
like "$(cat err)" "stage 2 \\(broken\\) could not be started: no such file or directory" "and says so"
test ! -e never.ndjson
ok $? "and writes no output"

# Lock contention: the second run exits 75 naming the holder.
printf 'lock: run.lock\nstages:\n  - run: "cat > /dev/null"\n' > lock.yaml
mkfifo fifo
"$NP" run lock.yaml -i fifo 2> /dev/null &
holder=$!
exec 3> fifo
# Wait (without a time limit that could fail on a slow machine) until the holder wrote its
# description into the lock file.
n=0
while [ ! -s run.lock ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
"$NP" run lock.yaml < /dev/null 2> err
is "$?" 75 "lock held: exit 75"
like "$(cat err)" "lock: already running: lock .*run.lock is held by pid $holder newspipe" "the message names the holder"
exec 3>&-
wait $holder
is "$?" 0 "the holder finishes normally"
"$NP" run lock.yaml < /dev/null 2> /dev/null
is "$?" 0 "the lock is free again afterwards"

done_testing
