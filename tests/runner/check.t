#!/bin/sh
# newspipe check: every kind of error is reported with file:line:column, all of them in one
# run, exit 78; a good file passes; checking touches no state.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

# expect_error YAML-FILE LINE:COL REGEX DESC
expect_error() {
    "$NP" check "$1" > "$T/out" 2> "$T/err"
    rc=$?
    is "$rc" 78 "$4: exit 78"
    like "$(cat "$T/err")" "^$1:$2: error: $3" "$4: reported at $2"
}

printf 'version: 1\nstages:\n  - cat: {strict: true}\n  - run: [cat]\n' > good.yaml
"$NP" check good.yaml > out 2> err
is "$?" 0 "a good file passes"
is "$(cat out)" "good.yaml: ok (2 stages)" "and says so"
is "$(cat err)" "" "with nothing on stderr"

printf 'stages:\n  - cat: {strict: [1\n' > syntax.yaml
expect_error syntax.yaml 3:1 'YAML syntax: did not find expected' "YAML syntax error"

# A second document would be ignored unread: an error, with a syntax error in it too.
printf 'version: 1\nstages:\n  - cat\n---\nstages:\n  - dedupe\n' > twodocs.yaml
expect_error twodocs.yaml 4:1 "a second YAML document" "a second document"
printf 'version: 1\nstages:\n  - cat\n---\n- garbage: [\n' > twobad.yaml
expect_error twobad.yaml 6:1 'YAML syntax: did not find expected' "a syntax error in a second document"
printf -- '---\nversion: 1\nstages:\n  - cat\n...\n' > marked.yaml
"$NP" check marked.yaml > out 2> err
is "$?" 0 "one document between --- and ... is fine"

printf 'stages:\n  - cat\nstagse: []\n' > key.yaml
expect_error key.yaml 3:1 "unknown key 'stagse'" "unknown top-level key"

printf 'version: 2\nstages: [cat]\n' > version.yaml
expect_error version.yaml 1:10 "unsupported version '2'" "unsupported version"
printf 'version: ${NP_TEST_VERSION:-2}\nstages: [cat]\n' > version-var.yaml
expect_error version-var.yaml 1:10 "unsupported version '2'" "version from a variable's default, expanded"
NP_TEST_VERSION=1 "$NP" check version-var.yaml > out 2> err
is "$?:$(cat out)" "0:version-var.yaml: ok (1 stage)" "version from a variable set to 1 is version 1"

printf 'name: [a, b]\nstages: [cat]\n' > type.yaml
expect_error type.yaml 1:7 "'name' must be a string, not a list" "wrong type of a top-level value"

printf 'shutdown_timeout: soon\nstages: [cat]\n' > dur.yaml
expect_error dur.yaml 1:19 "'shutdown_timeout' must be a duration" "bad duration"

printf 'reject: "-"\nstages: [cat]\n' > rejdash.yaml
expect_error rejdash.yaml 1:9 "'reject' must be a file path \\('-' would mix rejects" "reject: - (stdout) refused"
printf 'lock: "-"\nstages: [cat]\n' > lockdash.yaml
expect_error lockdash.yaml 1:7 "'lock' must be a file path" "lock: - refused"
printf 'max_diagnostics: many\nstages: [cat]\n' > maxdiag.yaml
expect_error maxdiag.yaml 1:18 "'max_diagnostics' must be a whole number" "bad max_diagnostics"

printf 'name: x\n' > nostages.yaml
expect_error nostages.yaml 1:1 "the pipeline has no 'stages'" "no stages"

printf 'stages: []\n' > empty.yaml
expect_error empty.yaml 1:9 "'stages' is empty" "empty stages"

printf 'stages:\n  - cat\n  - dedupx-nothere: {}\n' > filter.yaml
expect_error filter.yaml 3:5 "unknown filter 'dedupx-nothere'" "unknown filter"

printf 'stages:\n  - cta\n' > typo.yaml
expect_error typo.yaml 2:5 "unknown filter 'cta' \\(did you mean 'cat'\\?\\)" "misspelt filter gets a suggestion"

printf 'stages:\n  - cat: {strict: true,\n          strcit: true}\n' > option.yaml
expect_error option.yaml 3:11 "filter 'cat' has no option 'strcit' \\(did you mean 'strict'\\?\\)" "option the filter does not have"

printf 'stages:\n  - cat: {strict: "yes please"}\n' > flag.yaml
expect_error flag.yaml 2:19 "option 'strict' of 'cat' is a flag" "flag given a string"

printf 'stages:\n  - cat: {max-line: }\n' > noval.yaml
expect_error noval.yaml 2:21 "option 'max-line' of 'cat' needs a value" "option without a value"

printf 'stages:\n  - cat: {id-field: {a: 1}}\n' > map.yaml
expect_error map.yaml 2:21 "option 'id-field' must be a string" "option given a mapping"

printf 'stages:\n  - cat: {reject: r.ndjson}\n' > reserved.yaml
expect_error reserved.yaml 2:11 "option 'reject' cannot be set here" "option the runner sets"
# The lock file is overwritten with its holder: it may be no file the run uses.
printf '{"id":1}\n' > lockin.ndjson
printf 'input: lockin.ndjson\nlock: lockin.ndjson\nstages: [cat]\n' > lockin.yaml
expect_error lockin.yaml 2:7 "lock file '.*lockin.ndjson' is also an input" "a lock file that is the input"
is "$(cat lockin.ndjson)" '{"id":1}' "and check leaves the file as it was"
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    printf 'lock: s.state\nstages:\n  - dedupe: {state: s.state}\n' > lockst.yaml
    expect_error lockst.yaml 1:7 "lock file '.*s.state' is also a stage's state file" "a lock file that is a state file"
    printf 'lock: s.state.lock\nstages:\n  - dedupe: {state: s.state}\n' > lockstl.yaml
    expect_error lockstl.yaml 1:7 "lock file '.*s.state.lock' is also the lock of a stage's state file: the stage could never take it" \
        "a lock file that is a state file's lock"
else
    skip "newspipe-dedupe not built"; skip "newspipe-dedupe not built"; skip "newspipe-dedupe not built"
    skip "newspipe-dedupe not built"
fi

printf 'stages:\n  - cat: {parse-only: true}\n' > parseonly.yaml
expect_error parseonly.yaml 2:11 "option 'parse-only' cannot be set here" "parse-only (the stage would read nothing)"

printf 'stages:\n  - cat:\n    strict: true\n' > indent.yaml
expect_error indent.yaml 3:5 "stage 1 has a second key 'strict'" "options not indented under the filter"

printf 'stages:\n  - [cat]\n' > shape.yaml
expect_error shape.yaml 2:5 "stage 1 is a list" "a stage that is a list"

printf 'stages:\n  - Cat\n' > name.yaml
expect_error name.yaml 2:5 "'Cat' is not a filter name" "bad filter name"

printf 'stages:\n  - run: [no-such-command-np-test, -x]\n' > cmd.yaml
expect_error cmd.yaml 2:11 "run: command 'no-such-command-np-test' not found" "run: command not found"

printf 'stages:\n  - run: []\n' > runempty.yaml
expect_error runempty.yaml 2:10 "'run' needs a command" "run: without a command"

printf 'stages:\n  - run: [cat, {a: 1}]\n' > runarg.yaml
expect_error runarg.yaml 2:16 "arguments of 'run' must be strings" "run: argument that is not a string"

printf 'input: no-such-input.ndjson\nstages: [cat]\n' > input.yaml
expect_error input.yaml 1:8 "input '.*no-such-input.ndjson': No such file" "missing input file"

printf 'input: "nothing-*.ndjson"\nstages: [cat]\n' > glob.yaml
expect_error glob.yaml 1:8 "input '.*nothing-\\*.ndjson': no file matches" "glob matching nothing"
# In a list, each input's error is at that input (block and flow lists).
: > there.ndjson
printf 'input:\n  - there.ndjson\n  - nothing-*.ndjson\n  - missing.ndjson\nstages: [cat]\n' > inlist.yaml
expect_error inlist.yaml 3:5 "input '.*nothing-\\*.ndjson': no file matches" "a list's second input"
like "$(cat "$T/err")" "inlist.yaml:4:5: error: input '.*missing.ndjson'" "and its third at its own line"
printf 'input: [there.ndjson, nothing-*.ndjson, missing.ndjson]\nstages: [cat]\n' > inflow.yaml
expect_error inflow.yaml 1:23 "input '.*nothing-\\*.ndjson': no file matches" "a flow list's second input"
like "$(cat "$T/err")" "inflow.yaml:1:41: error: input '.*missing.ndjson'" "and its third at its own column"

printf 'output: /nonexistent-np/out.ndjson\nstages: [cat]\n' > output.yaml
expect_error output.yaml 1:9 "output '/nonexistent-np/out.ndjson': its directory does not exist" "output directory missing"

printf 'reject: /nonexistent-np/r.ndjson\nstages: [cat]\n' > reject.yaml
expect_error reject.yaml 1:9 "reject file '/nonexistent-np/r.ndjson': its directory" "reject directory missing"

printf 'lock: /nonexistent-np/x.lock\nstages: [cat]\n' > lock.yaml
expect_error lock.yaml 1:7 "lock file '/nonexistent-np/x.lock': its directory does not exist" "lock directory missing"

if [ -x "$NP_BIN/newspipe-entity-tag" ]; then
    printf 'stages:\n  - entity-tag: {model: no-such.model}\n' > model.yaml
    expect_error model.yaml 2:25 "model file '.*no-such.model': No such file" "a model file that does not exist"
else
    skip "newspipe-entity-tag not built"
    skip "newspipe-entity-tag not built"
fi

printf 'name: x\nname: y\nstages: [cat]\n' > dup.yaml
expect_error dup.yaml 2:1 "'name' is given twice" "duplicate key"

unset NP_TEST_UNSET_VAR
printf 'output: ${NP_TEST_UNSET_VAR}/out\nstages: [cat]\n' > env.yaml
expect_error env.yaml 1:9 "environment variable NP_TEST_UNSET_VAR is not set" "unset variable"
NP_TEST_DIR=$T/envdir
mkdir -p "$NP_TEST_DIR"
export NP_TEST_DIR
printf 'output: ${NP_TEST_DIR}/out.ndjson\nreject: ${NP_TEST_UNSET_VAR:-%s}/r.ndjson\nstages: [cat]\n' "$T" > env2.yaml
"$NP" check env2.yaml > /dev/null 2>&1
is "$?" 0 "\${VAR} and \${VAR:-default} expand"

# Every error of a file at once, in file order.
printf 'version: 3\nstages:\n  - cta\n  - cat: {bogus: 1}\nextra: 1\n' > many.yaml
"$NP" check many.yaml > /dev/null 2> err
is "$?" 78 "several errors: exit 78"
is "$(cut -d: -f2,3 err | tr '\n' ' ')" "1:10 3:5 4:11 5:1 " "several errors: all reported, in order"

# check touches no state: a dedupe state file and its directory stay as they are.
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    mkdir state
    printf 'lock: state/run.lock\nreject: state/rejects.ndjson\noutput: state/out.ndjson\nstages:\n  - dedupe: {state: state/news.state}\n' > st.yaml
    "$NP" check st.yaml > /dev/null 2>&1
    is "$?" 0 "a pipeline with state checks"
    is "$(ls -A state)" "" "check creates nothing (no state, lock, reject or output file)"
else
    skip "newspipe-dedupe not built"
    skip "newspipe-dedupe not built"
fi

"$NP" check > /dev/null 2>&1
is "$?" 64 "check without a file: usage, 64"
"$NP" check no-such-file.yaml > /dev/null 2> err
is "$?" 78 "missing pipeline file: 78"
like "$(cat err)" "no-such-file.yaml: error: cannot open the pipeline file" "and says why"

done_testing
