#!/bin/sh
# A cap on per-record diagnostics (issue 14, item 4): every filter (through the common driver)
# gives a diagnostic for the first --max-diagnostics rejected lines (100 by default) and
# counts the rest, while --reject still records every one; newspipe run caps what a `run:`
# stage writes on stderr the same way (max_diagnostics:, which the filter stages get as
# --max-diagnostics); newspipe serve caps its stages' lines over all batches.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

i=0
while [ $i -lt 2000 ]; do echo "not json $i"; i=$((i + 1)); done > bad.ndjson

for f in cat dedupe entity-tag ticker-link summarize; do
    [ -x "$NP_BIN/newspipe-$f" ] || { skip "newspipe-$f not built"; continue; }
    "$NP_BIN/newspipe-$f" --reject rej.ndjson < bad.ndjson > /dev/null 2> err
    is "$(wc -l < err | tr -d ' ')" 101 "$f: 2000 bad lines, 100 diagnostics and one count"
    like "$(tail -n 1 err)" "^newspipe-$f: 1900 more rejected lines not shown \\(--max-diagnostics 100; --reject FILE records every one\\)$" \
        "$f: the count says how many and where they all are"
    is "$(wc -l < rej.ndjson | tr -d ' ')" 2000 "$f: --reject records every one"
    rm -f rej.ndjson
done

"$NP_BIN/newspipe-cat" --max-diagnostics 5 < bad.ndjson > /dev/null 2> err
is "$(wc -l < err | tr -d ' ')" 6 "--max-diagnostics 5: 5 and a count"
"$NP_BIN/newspipe-cat" --max-diagnostics 0 < bad.ndjson > /dev/null 2> err
is "$(wc -l < err | tr -d ' ')" 2000 "--max-diagnostics 0: every one"
head -n 100 bad.ndjson | "$NP_BIN/newspipe-cat" > /dev/null 2> err
is "$(grep -c 'not shown' err)" 0 "100 bad lines: no count line"
"$NP_BIN/newspipe-cat" --max-diagnostics x < bad.ndjson > /dev/null 2> err
is "$?" 64 "--max-diagnostics x: usage error"
"$NP_BIN/newspipe-cat" --options | grep -q "^max-diagnostics	arg	N$"
ok $? "--options lists it, so the runner can check it on a stage"

# newspipe run: a filter stage caps itself, a run: stage is capped by the runner.
cat > p.yaml <<'Y'
version: 1
stages:
  - cat
  - run: [sh, -c, 'i=0; while [ $i -lt 300 ]; do echo "noise $i" >&2; i=$((i+1)); done; exec cat']
Y
"$NP" run p.yaml < bad.ndjson > /dev/null 2> err
is "$?" 0 "newspipe run: exit 0"
is "$(grep -c '^\[cat\] newspipe-cat: <stdin>' err)" 100 "run: the filter stage shows 100"
is "$(grep -c '^\[sh\] noise' err)" 100 "run: the run: stage's lines are capped at 100"
like "$(cat err)" "\\[sh\\] 200 more lines on stderr not shown \\(max_diagnostics: 100\\)" "with a count"
like "$(cat err)" "\\[cat\\] newspipe-cat: 1900 more rejected lines not shown" "and the filter's count"
is "$(wc -l < err | tr -d ' ')" 202 "202 lines in all (was 2300)"
printf 'max_diagnostics: 3\n' >> p.yaml
"$NP" run p.yaml < bad.ndjson > /dev/null 2> err
is "$(grep -c '^\[cat\] newspipe-cat: <stdin>' err)" 3 "max_diagnostics: 3 reaches the filter (--max-diagnostics 3)"
is "$(grep -c '^\[sh\] noise' err)" 3 "and the run: stage"
sed -i 's/^max_diagnostics: 3$/max_diagnostics: 0/' p.yaml
"$NP" run p.yaml < bad.ndjson > /dev/null 2> err
is "$(wc -l < err | tr -d ' ')" 2300 "max_diagnostics: 0: every line"
sed -i 's/^max_diagnostics: 0$/max_diagnostics: lots/' p.yaml
"$NP" check p.yaml 2> err
is "$?" 78 "max_diagnostics: lots is a configuration error"
like "$(cat err)" "p.yaml:5:[0-9]+: error: 'max_diagnostics' must be a whole number" "with its position"

# A stage with workers shares its cap: a filter's workers each show their share (4 workers,
# max_diagnostics 10: 3 each, at most 12), a run: stage's workers are capped together.
cat > w.yaml <<'Y'
version: 1
max_diagnostics: 10
stages:
  - cat: {workers: 4}
Y
# (lines of 200 bytes, so that every worker gets chunks of its own)
pad=$(printf '%0190d' 0)
sed "s/\$/ $pad/" bad.ndjson > wide.ndjson
"$NP" run w.yaml < wide.ndjson > /dev/null 2> err
is "$?" 0 "workers: 4: exit 0"
n=$(grep -c '^\[cat\] newspipe-cat: <stdin>:[0-9]*: ' err)
ok $([ "$n" -ge 10 ] && [ "$n" -le 12 ]; echo $?) "workers: 4 share max_diagnostics 10 ($n shown; 40 without sharing)"
is "$(grep 'more rejected lines not shown' err | sed 's/.*: \([0-9]*\) more.*/\1/' | paste -sd+ | bc)" $((2000 - n)) \
    "the workers' counts add up to the rest"
cat > wr.yaml <<Y
version: 1
max_diagnostics: 10
stages:
  - run: {argv: [$NP_BIN/newspipe-cat], workers: 3}
Y
"$NP" run wr.yaml < wide.ndjson > /dev/null 2> err
is "$?" 0 "run: {argv: [newspipe-cat], workers: 3}: exit 0"
is "$(grep -c '^\[newspipe-cat\] newspipe-cat: <stdin>:' err)" 10 "its 3 workers' lines capped together: 10"
like "$(cat err)" "\\[newspipe-cat\\] [0-9]+ more lines on stderr not shown \\(max_diagnostics: 10\\)" \
    "and counted for the stage"

# newspipe serve: over several batches, 10 stage lines in all and a count at the stop.
mkdir -p spool state
cat > s.yaml <<Y
version: 1
name: diag
input: {spool: $T/spool}
output: {file: $T/out.ndjson}
state_dir: $T/state
max_diagnostics: 10
stages: [cat]
Y
"$NP" serve s.yaml 2> serve.err &
SPID=$!
for n in 1 2 3; do
    head -n 50 bad.ndjson > "b$n.part" && mv "b$n.part" "spool/b$n.ndjson"
done
i=0
while [ -n "$(ls spool/*.ndjson 2>/dev/null)" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $SPID
wait $SPID
is "$?" 0 "serve: exit 0"
is "$(grep -c '\[cat\] newspipe-cat: <stdin>' serve.err)" 10 "serve: 10 stage lines over 3 batches of 50 bad lines"
like "$(cat serve.err)" "more stage lines? not shown \\(max_diagnostics: 10 an hour\\)" "and counts"
done_testing
