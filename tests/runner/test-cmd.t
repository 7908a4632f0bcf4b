#!/bin/sh
# newspipe test: runs a pipeline's cases (FILE.test.yaml) and prints TAP; a failing case says
# why; errors in the test file have positions; the pipeline's real output, state and lock are
# never touched.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

mkdir real
printf 'output: real/out.ndjson\nreject: real/rejects.ndjson\nlock: real/run.lock\nstages:\n  - cat\n  - run: [sed, "s/x/y/"]\n' > p.yaml
cat > p.test.yaml <<'Y'
tests:
  - name: exact output
    input: |
      {"id":1,"t":"x"}
    output: |
      {"id":1,"t":"y"}
  - name: members per line, as a list of lines
    input:
      - '{"id":"a","t":"xx","n":[1, 2]}'
      - 'bad line'
      - '{"id":"b"}'
    output_contains:
      - '{"n":[1,2],"id":"a"}'
      - '{"id":"b"}'
    rejects: 1
  - name: this one fails on purpose
    input: |
      {"id":1,"t":"x"}
    output: |
      {"id":1,"t":"x"}
  - name: a wrong member value fails
    input: |
      {"id":"a","n":3}
    output_contains:
      - '{"n":4}'
Y
"$NP" test p.yaml > tap 2> err
is "$?" 1 "a failing case: exit 1"
is "$(grep -c '^ok' tap)" 2 "two cases pass"
like "$(cat tap)" "not ok 3 - this one fails on purpose" "the failing case is reported in TAP"
like "$(cat tap)" "#   output differs at line 1" "with where the output differs"
like "$(cat tap)" '#   output line 1: member "n" is 3, expected 4' "and which member is wrong"
like "$(tail -n 2 tap | tr '\n' ' ')" "1\\.\\.4 # 2 of 4 failed" "plan and summary"
is "$(ls -A real)" "" "the pipeline's real output, rejects and lock are not touched"
"$NP" test p.test.yaml > /dev/null 2>&1
is "$?" 1 "naming the .test.yaml file works too"

# output_fields with values: NAME: 'JSON' must be included by every line's member (objects:
# these members; arrays: these elements, in order; strings and numbers: equal).
printf 'stages:\n  - cat\n' > f.yaml
cat > f.test.yaml <<'Y'
tests:
  - name: patterns that match
    input:
      - '{"id":1,"e":[{"text":"Apple Inc","type":"ORG","start":0},{"text":"Tim Cook","type":"PER"}],"s":"caf\u00e9","n":2.5,"o":{"a":[1,[2,3]],"b":null}}'
    output_contains: ['{"id":1}']
    output_fields:
      - e: '[{"type":"ORG"},{"text":"Tim Cook"}]'
      - e: '[{}]'
      - e: '[]'
      - s: '"café"'
      - n: ' 2.5 '
      - o: '{"a":[[3]],"b":null}'
      - id
  - name: elements out of order
    input: ['{"e":[{"type":"ORG"},{"type":"PER"}]}']
    output_contains: ['{}']
    output_fields: [e: '[{"type":"PER"},{"type":"ORG"}]']
  - name: an empty array is not a non-empty one
    input: ['{"e":[]}']
    output_contains: ['{}']
    output_fields: [e: '[{}]']
  - name: a wrong string
    input: ['{"s":"cafe"}']
    output_contains: ['{}']
    output_fields: [s: '"café"']
  - name: a member missing in a nested object
    input: ['{"o":{"a":1}}']
    output_contains: ['{}']
    output_fields: [o: '{"b":1}']
  - name: a type mismatch
    input: ['{"o":"[1]"}']
    output_contains: ['{}']
    output_fields: [o: '[1]']
Y
"$NP" test f.yaml > tap 2> err
is "$?" 1 "output_fields with values: some cases fail"
is "$(grep '^ok' tap | tr '\n' ' ')" "ok 1 - patterns that match " "only the matching case passes"
is "$(grep -c '^not ok' tap)" 5 "each mismatching pattern fails its case"
like "$(cat tap)" '#   output line 1: "e" is \[\], which does not include \[\{\}\]' "saying which field and pattern"
printf 'tests:\n  - input: "{}"\n    output: "{}"\n    output_fields: [a: "[1,"]\n' > g.test.yaml
printf 'stages: [cat]\n' > g.yaml
"$NP" test g.yaml > /dev/null 2> err
is "$?" 78 "output_fields: a pattern that is not JSON: 78"
like "$(cat err)" "g.test.yaml:4:21: error: items of 'output_fields' must be field names, or NAME: a JSON value" "with its position"

# State is fresh in every case: the same record passes in two cases through dedupe.
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    printf 'stages:\n  - dedupe: {state: real/s.state}\n' > d.yaml
    cat > d.test.yaml <<'Y'
tests:
  - name: first
    input: ['{"id":1,"body":"the same words in both cases, enough of them to compare"}']
    output_contains: ['{"id":1}']
  - name: second, with fresh state
    input: ['{"id":1,"body":"the same words in both cases, enough of them to compare"}']
    output_contains: ['{"id":1}']
Y
    "$NP" test d.yaml > tap 2>&1
    is "$?" 0 "dedupe state is fresh in each case"
    test ! -e real/s.state
    ok $? "and the pipeline's own state file is not created"
else
    skip "newspipe-dedupe not built"
    skip "newspipe-dedupe not built"
fi

# Errors in the test file have positions; exit 78.
printf 'tests:\n  - name: x\n    input: "{}"\n    outptu: ""\n' > e.test.yaml
printf 'stages: [cat]\n' > e.yaml
"$NP" test e.yaml > /dev/null 2> err
is "$?" 78 "a bad test file: 78"
like "$(cat err)" "e.test.yaml:4:5: error: unknown key 'outptu'" "with the position of the error"
like "$(cat err)" "e.test.yaml:2:5: error: test 1 has neither 'output' nor 'output_contains'" "and a missing expectation"
printf 'tests:\n  - input: ""\n    output: ""\n---\ntests:\n  - input: x\n' > two.test.yaml
printf 'stages: [cat]\n' > two.yaml
"$NP" test two.yaml > /dev/null 2> err
is "$?" 78 "a test file with a second document: 78"
like "$(cat err)" "two.test.yaml:4:1: error: a second YAML document" "at its start"
printf 'stages: [cat]\n' > none.yaml
"$NP" test none.yaml > /dev/null 2> err
is "$?" 66 "no test file: 66"
like "$(cat err)" "none.test.yaml: error: cannot open" "and says which file it looked for"
printf 'stages: [nothere-filter]\n' > bad.yaml
printf 'tests:\n  - input: ""\n    output: ""\n' > bad.test.yaml
"$NP" test bad.yaml > /dev/null 2> err
is "$?" 78 "a pipeline that does not check: 78"

done_testing
