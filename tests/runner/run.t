#!/bin/sh
# newspipe run: output equal to the same chain in sh byte for byte, run: stages, inputs
# (files, globs, gzip, stdin), atomic output (plain and .gz), --stats, shebang execution,
# dispatch to filters, list, and exit codes.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
CAT="$NP_BIN/newspipe-cat"
cd "$T" || exit 1

# Input: varied records (escapes, unicode, a bad line, a blank line, CRLF), repeated so that
# it is bigger than a pipe buffer.
{
    printf '{"id":"a1","body":"Alibaba rose 2%% in New York.","x":[1,2.50,{"y":null}]}\n'
    printf '{ "id" : 2 , "body" : "caf\\u00e9 \\ud83d\\ude00 \\"q\\"" }\n'
    printf 'not json at all\n'
    printf '\n'
    printf '{"id":"a3","title":"Meituan","body":"Shares of JD.com fell."}\r\n'
} > unit.ndjson
i=0
while [ $i -lt 400 ]; do cat unit.ndjson; i=$((i + 1)); done > in.ndjson

cat > chain.yaml <<'Y'
name: chain
stages:
  - cat
  - run: [grep, -v, Meituan]
  - cat: {strict: false}
  - run: "sed 's/Alibaba/ALIBABA/'"
Y
"$CAT" < in.ndjson 2>/dev/null | grep -v Meituan | "$CAT" 2>/dev/null | sed 's/Alibaba/ALIBABA/' > want.ndjson
"$NP" run chain.yaml < in.ndjson > got.ndjson 2> err
is "$?" 0 "run: exit 0"
cmp -s want.ndjson got.ndjson
ok $? "output equals the sh chain's output byte for byte"
is "$(grep -c 'invalid JSON' err)" 100 "the first 100 bad lines are reported on stderr (max_diagnostics)"
like "$(cat err)" "newspipe-cat: 300 more rejected lines not shown" "and the others counted"
like "$(head -n 1 err)" '^\[cat#1\] newspipe-cat: <stdin>:3: invalid JSON' "stage stderr is prefixed with the stage's label"

"$NP" run chain.yaml -i in.ndjson -o out.ndjson 2> /dev/null
is "$?" 0 "-i/-o: exit 0"
cmp -s want.ndjson out.ndjson
ok $? "-o writes the same bytes"
is "$(ls -A | grep -c '\.tmp\.')" 0 "no temporary file is left behind"

# Input from the file, a glob, several files, gzip, files as arguments.
split -l 1000 in.ndjson part.
gzip -c part.aa > part.aa.gz && rm part.aa
mkdir sub && cp chain.yaml sub/ && mv part.* sub/
printf 'input: "part.*"\noutput: out.ndjson\nstages:\n  - cat\n  - run: [grep, -v, Meituan]\n  - cat: {strict: false}\n  - run: "sed '"'s/Alibaba/ALIBABA/'"'"\n' > sub/glob.yaml
"$NP" run sub/glob.yaml 2> /dev/null
is "$?" 0 "glob input with a gzip member: exit 0"
cmp -s want.ndjson sub/out.ndjson
ok $? "glob input (relative to the pipeline file, gzip detected) gives the same output"
"$NP" run sub/chain.yaml sub/part.aa.gz sub/part.ab -o args.ndjson 2> /dev/null
cmp -s want.ndjson args.ndjson
ok $? "input files as arguments, like any filter"
printf '{"id":1}' > nonl1.ndjson
printf '{"id":2}\n' > nonl2.ndjson
printf 'stages: [cat]\n' > plain.yaml
"$NP" run plain.yaml -i nonl1.ndjson -i nonl2.ndjson > joined.ndjson 2> /dev/null
is "$(cat joined.ndjson | tr '\n' ' ')" '{"id":1} {"id":2} ' "a file without a final newline is not glued to the next"

# Rejects: every stage's rejected lines end up in the pipeline's reject file, appended when
# the run succeeds.
printf 'reject: rejects.ndjson\nstages:\n  - cat\n  - run: [cat]\n  - cat\n' > rej.yaml
"$NP" run rej.yaml -i in.ndjson -o /dev/null 2> /dev/null
is "$?:$(wc -l < rejects.ndjson | tr -d ' ')" "0:400" "reject: the bad lines are in the reject file"
like "$(head -n 1 rejects.ndjson)" '^\{"filter":"cat","file":"-","line":3,"error":' "reject: as the filter writes them"
"$NP" run rej.yaml -i in.ndjson -o /dev/null 2> /dev/null
is "$(wc -l < rejects.ndjson | tr -d ' ')" 800 "reject: a second run appends"

# gzip output.
"$NP" run chain.yaml -i in.ndjson -o out.ndjson.gz 2> /dev/null
is "$?" 0 ".gz output: exit 0"
gzip -dc out.ndjson.gz | cmp -s want.ndjson -
ok $? ".gz output decompresses to the same bytes"

# --stats: one JSON line with every stage, the filters' own accounting merged in.
"$NP" run chain.yaml -i in.ndjson -o /dev/null --stats 2> err
is "$?" 0 "--stats to /dev/null: exit 0"
test -c /dev/null
ok $? "-o /dev/null writes the device in place (it stays a character device)"
tail -n 1 err > stats.json
if command -v jq > /dev/null; then
    is "$(jq -c '[.pipeline, .status, (.stages | length), .stages[0].stage, .stages[0].in, .stages[0].rejected, .stages[1].exit]' stats.json)" \
       '["chain",0,4,"cat#1",1600,400,0]' "--stats JSON: pipeline, status, stages with their accounting"
else
    skip "jq not installed"
fi
"$NP" run chain.yaml -i in.ndjson -o /dev/null --stats --progress 2> err
if command -v jq > /dev/null; then
    tail -n 1 err | tr -d '\r' | sed 's/^.*\x1b\[K//' > stats2.json
    is "$(jq -c '[.input_lines, .output_lines, .stages[1].in, .stages[1].out, .stages[3].out]' stats2.json)" \
       "[2000,$(wc -l < want.ndjson | tr -d ' '),1200,800,$(wc -l < want.ndjson | tr -d ' ')]" \
       "--progress counts lines through run: stages"
    printf '{"id":1}\n{"id":2}' | "$NP" run plain.yaml --stats --progress > /dev/null 2> err
    tail -n 1 err | tr -d '\r' | sed 's/^.*\x1b\[K//' > stats3.json
    is "$(jq -c '[.input_lines, .stages[0].in]' stats3.json)" "[2,2]" \
        "a last input line without a newline is counted as the stage reads it"
else
    skip "jq not installed"
    skip "jq not installed"
fi

# A pipeline file with the #! line is an executable filter.
printf '#!/usr/bin/env -S newspipe run\nstages:\n  - cat\n  - run: [grep, -v, Meituan]\n  - cat: {strict: false}\n  - run: "sed '"'s/Alibaba/ALIBABA/'"'"\n' > exec.yaml
chmod +x exec.yaml
if env -S true 2> /dev/null; then
    PATH="$NP_BIN:$PATH" ./exec.yaml < in.ndjson > shebang.ndjson 2> /dev/null
    is "$?" 0 "shebang: exit 0"
    cmp -s want.ndjson shebang.ndjson
    ok $? "shebang execution gives the same output"
    PATH="$NP_BIN:$PATH" ./exec.yaml in.ndjson 2> /dev/null | cmp -s want.ndjson -
    ok $? "shebang execution with an input file argument"
else
    skip "env -S not supported"
    skip "env -S not supported"
    skip "env -S not supported"
fi

# Dispatch and list.
is "$("$NP" cat --version)" "$("$CAT" --version)" "newspipe cat runs newspipe-cat"
printf '{"id":1}\n' | "$NP" cat > d.out
is "$(cat d.out)" '{"id":1}' "dispatch passes stdin and stdout"
"$NP" no-such-filter-x > /dev/null 2> err
is "$?" 64 "dispatch to a missing filter: 64"
like "$(cat err)" "'no-such-filter-x' is not a newspipe command or filter" "and says so"
like "$("$NP" list)" "^cat +[^ ]+ +$NP_BIN/newspipe-cat" "list shows the filters next to newspipe with versions"
like "$("$NP" --version)" '^newspipe [0-9]' "--version"
"$NP" --help > out
is "$?" 0 "--help exits 0"
like "$(cat out)" 'usage: newspipe run FILE' "--help prints usage"
"$NP" > /dev/null 2>&1
is "$?" 64 "no command: 64"
"$NP" run > /dev/null 2>&1
is "$?" 64 "run without a file: 64"
"$NP" run chain.yaml --bogus > /dev/null 2>&1
is "$?" 64 "unknown option: 64"
"$NP" run chain.yaml -i missing.ndjson > /dev/null 2> err
is "$?" 66 "missing -i input: 66"
like "$(cat err)" "chain.yaml: error: input 'missing.ndjson': No such file" "and names it"
"$NP" run chain.yaml -o /nonexistent-np/x.ndjson < /dev/null > /dev/null 2>&1
is "$?" 73 "output in a missing directory: 73"

# Empty input: empty output file, exit 0.
"$NP" run plain.yaml -o empty.ndjson < /dev/null 2> /dev/null
is "$?:$(wc -c < empty.ndjson | tr -d ' ')" "0:0" "empty input gives an empty output"

# -o through a symbolic link: the link stays; a link to the runner's standard output (as
# /dev/stdout is, which a cron line redirects to a log) writes there.
"$NP" run plain.yaml -i in.ndjson > plain.out 2> /dev/null
echo old > target.ndjson
ln -s target.ndjson link.ndjson
"$NP" run plain.yaml -i in.ndjson -o link.ndjson 2> /dev/null
test -L link.ndjson && cmp -s target.ndjson plain.out
ok $? "-o LINK: its target replaced, the link kept"
ln -s /proc/self/fd/1 mystdout
echo before > log
"$NP" run plain.yaml -i in.ndjson -o mystdout >> log 2> /dev/null
test -L mystdout && [ "$(head -n 1 log)" = before ] && [ "$(tail -n +2 log)" = "$(cat plain.out)" ]
ok $? "-o to a link to standard output, appended to a log: the records are in the log"

# The reader of the output goes away: quiet, 141 like a filter killed by SIGPIPE.
"$NP" run chain.yaml -i in.ndjson 2> err | head -n 1 > /dev/null
is "$(grep -v -e 'invalid JSON' -e 'rejected lines not shown' err)" "" "a reader that goes away gets no error message"

done_testing
