#!/bin/sh
# Files libyaml would take too long over (issue 14, item 8): its time grows with the square
# of the nesting (newspipe check took 0.5 s at 20,000 levels, 2.3 s at 40,000, 42 s at
# 100,000; a serve reload would stall the event loop), so pipeline and test files nested more than 64 deep, or larger than 1 MiB (test
# files 16 MiB), are refused before libyaml builds anything: one line naming the file and
# line, exit 78, in milliseconds.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

ms() { echo $(($(date +%s%N) / 1000000)); }
nest() { # N OPEN CLOSE: N levels of flow nesting on one line
    awk -v n="$1" -v o="$2" -v c="$3" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s o; t = "";
        for (i = 0; i < n; i++) t = t c; print s "1" t }'
}

printf 'version: 1\nstages: [cat]\ndescription: %s\n' "$(nest 40000 '[' ']')" > deep.yaml
t0=$(ms)
"$NP" check deep.yaml > out 2> err
rc=$?
t1=$(ms)
is "$rc" 78 "40,000 levels of [: exit 78"
is "$(wc -l < err | tr -d ' ')" 1 "one line"
like "$(cat err)" "^deep.yaml:3:[0-9]+: error: lists and mappings nested more than 64 deep" \
    "naming the file, line and why"
ok $([ $((t1 - t0)) -lt 1000 ]; echo $?) "in under a second ($((t1 - t0)) ms; libyaml alone: 2.3 s)"

printf 'version: 1\nstages: [cat]\ndescription: %s\n' "$(nest 20000 '{a: ' '}')" > deep2.yaml
"$NP" check deep2.yaml 2> err
is "$?:$(grep -c 'nested more than 64' err)" "78:1" "{a: {a: ...: refused too"

# Block nesting counts the same.
awk 'BEGIN { print "version: 1"; print "stages: [cat]"; printf "x:\n";
    for (i = 1; i <= 70; i++) { for (j = 0; j < i; j++) printf " "; printf "k:\n" } }' > block.yaml
"$NP" check block.yaml 2> err
is "$?" 78 "70 levels of block mappings: refused"
like "$(cat err)" "^block.yaml:[0-9]+:[0-9]+: error: lists and mappings nested more than 64" "at its line"

# 60 levels are not refused for their depth (the value is wrong for other reasons).
printf 'version: 1\nstages: [cat]\ndescription: %s\n' "$(nest 60 '[' ']')" > ok60.yaml
"$NP" check ok60.yaml 2> err
is "$(grep -c 'nested more than' err)" 0 "60 levels: parsed (and judged on their meaning)"

# Size: a pipeline file over 1 MiB.
{ printf 'version: 1\nstages: [cat]\n'; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "# %070d\n", i }'; } > big.yaml
"$NP" check big.yaml 2> err
is "$?" 78 "a 1.4 MiB pipeline file: exit 78"
is "$(cat err)" "big.yaml: error: larger than 1 MiB: refused before parsing (is it the right file?)" \
    "one line that says so"
echo '{}' | "$NP" run big.yaml > /dev/null 2>&1
is "$?" 78 "newspipe run refuses it too"

# Test files: the same nesting limit.
printf 'version: 1\nstages: [cat]\n' > t.yaml
printf 'tests:\n  - name: x\n    input: %s\n' "$(nest 20000 '[' ']')" > t.test.yaml
"$NP" test t.yaml > out 2> err
is "$?" 78 "a test file 20,000 levels deep: exit 78"
like "$(cat err)" "t.test.yaml:3:[0-9]+: error: lists and mappings nested more than 64 deep" "naming it"

# newspipe serve: a reload with such a file is refused without stalling, and it goes on.
command -v jq > /dev/null 2>&1 || { skip "jq absent"; done_testing; exit; }
mkdir -p spool state
cat > s.yaml <<Y
version: 1
name: lim
input: {spool: $T/spool}
output: {file: $T/sout.ndjson}
state_dir: $T/state
stages: [cat]
Y
"$NP" serve s.yaml 2> serve.log &
SPID=$!
i=0
while ! grep -q ': serving ' serve.log && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
printf 'junk: %s\n' "$(nest 100000 '[' ']')" >> s.yaml
t0=$(ms)
kill -HUP $SPID
i=0
while ! grep -q 'reload refused' serve.log && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t1=$(ms)
like "$(cat serve.log)" "s.yaml:7:[0-9]+: error: lists and mappings nested more than 64" "serve: the reload is refused"
ok $([ $((t1 - t0)) -lt 2000 ]; echo $?) "at once ($((t1 - t0)) ms; libyaml alone: 42 s at 100,000 levels)"
echo '{"id":"after"}' > spool/a.part && mv spool/a.part spool/a.ndjson
i=0
while ! grep -q after sout.ndjson 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
is "$(jq -r .id sout.ndjson 2>/dev/null)" after "and the server goes on with the old file"
kill -TERM $SPID
wait $SPID
is "$?" 0 "exit 0"
done_testing
