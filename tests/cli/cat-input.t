#!/bin/sh
# newspipe-cat and the record path on bad and odd input: each case checks the exit code, the
# diagnostic, the reject record and that the good records around the bad one survive.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-cat
CAT="$NP_BIN/newspipe-cat"

good1='{"id":"g1","body":"first","n":1.50}'
good2='{ "id" : "g2" , "body" : "caf\u00e9 \ud83d\ude00" }'

# run_bad NAME BADLINE-FILE REASON-REGEX: good1, the bad line, good2
run_bad() {
    name=$1 badfile=$2 why=$3
    { printf '%s\n' "$good1"; cat "$badfile"; printf '\n%s\n' "$good2"; } > "$T/in"
    rm -f "$T/rej"
    "$CAT" --reject "$T/rej" < "$T/in" > "$T/out" 2> "$T/err"
    rc=$?
    is "$rc" 0 "$name: exit 0"
    is "$(cat "$T/out")" "$(printf '%s\n%s' "$good1" "$good2")" "$name: good records survive byte for byte"
    like "$(cat "$T/err")" "^newspipe-cat: <stdin>:2: $why" "$name: diagnostic names line 2 and the reason"
    like "$(cat "$T/rej")" '^\{"filter":"cat","file":"-","line":2,"error":' "$name: reject record"
    is "$(wc -l < "$T/rej" | tr -d ' ')" 1 "$name: exactly one reject record"
    "$CAT" --strict < "$T/in" > /dev/null 2>&1
    is "$?" 65 "$name: --strict exits 65"
}

printf '{"id":"b","body":"unterminated}' > "$T/bad"
run_bad "invalid JSON" "$T/bad" 'invalid JSON at byte 32: unterminated string'
printf '{"id":"b","body":"\377\376"}' > "$T/bad"
run_bad "invalid UTF-8" "$T/bad" 'invalid JSON at byte 19: invalid UTF-8 in string'
printf '{"id":"b",\000"body":"x"}' > "$T/bad"
run_bad "NUL byte" "$T/bad" 'invalid JSON at byte 11'
printf '[1,2,3]' > "$T/bad"
run_bad "not an object" "$T/bad" 'valid JSON but not an object'
printf '{"a":1}{"b":2}' > "$T/bad"
run_bad "two objects on a line" "$T/bad" 'invalid JSON at byte 8: trailing characters'
printf '{"id":"b","body":"\377"}' > "$T/bad"
{ printf '%s\n' "$good1"; cat "$T/bad"; printf '\n'; } | "$CAT" --reject "$T/rej2" >/dev/null 2>&1
like "$(cat "$T/rej2")" '"input":"eyJpZCI6ImIiLCJib2R5IjoiLyJ9"|"input_encoding":"base64"' "non-UTF-8 reject input is base64"

# A 100 MB line: rejected without buffering it, the records around it survive.
{ printf '%s\n{"id":"big","body":"' "$good1"; head -c 100000000 /dev/zero | tr '\0' a; printf '"}\n%s\n' "$good2"; } > "$T/big"
"$CAT" --reject "$T/rej3" --stats < "$T/big" > "$T/out" 2> "$T/err"
is "$?" 0 "100 MB line: exit 0"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "100 MB line: both neighbours survive"
like "$(cat "$T/err")" '<stdin>:2: line of 100000022 bytes is longer than --max-line' "100 MB line: diagnostic"
like "$(cat "$T/rej3")" '"input_truncated":true,"length":100000022' "100 MB line: reject record keeps a prefix and the length"
like "$(tail -n 1 "$T/err")" '"in":3,"out":2,"dropped":0,"rejected":1' "100 MB line: accounting"
rm -f "$T/big"
printf '%s\n{"id":"x","body":"%s"}\n' "$good1" "0123456789012345678901234567890123456789" | "$CAT" --max-line 40 > "$T/out" 2>/dev/null
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "--max-line 40 rejects a 58-byte line"
# A CRLF line of exactly --max-line bytes is kept whether its CR comes in the read of the
# line or alone before its LF (the previous release rejected it then as one byte too long).
out=$({ printf '{"a":"12"}\r'; sleep 0.3; printf '\n{"b":"1"}\n'; } | "$CAT" --max-line 10 2>&1)
is "$out" "$(printf '{"a":"12"}\n{"b":"1"}')" "--max-line 10: a 10-byte CRLF line whose CR is read alone is kept"
out=$(printf '{"a":"123"}' | "$CAT" --max-line 10 2>&1)
like "$out" '<stdin>:1: line of 11 bytes is longer than --max-line \(10\)' "--max-line 10: an 11-byte last line without a newline is too long"

# gzip: two members, and a truncated stream.
{ printf '%s\n' "$good1" | gzip; printf '%s\n' "$good2" | gzip; } > "$T/in.gz"
is "$("$CAT" < "$T/in.gz")" "$(printf '%s\n%s' "$good1" "$good2")" "gzip with two members"
is "$("$CAT" "$T/in.gz")" "$(printf '%s\n%s' "$good1" "$good2")" "gzip file argument"
{ printf '%s\n' "$good1"; for i in $(seq 1 2000); do printf '{"id":"r%s","body":"some text %s"}\n' "$i" "$i"; done; } | gzip > "$T/full.gz"
size=$(wc -c < "$T/full.gz")
head -c $((size - 100)) "$T/full.gz" > "$T/trunc.gz"
"$CAT" --stats --reject "$T/rej4" < "$T/trunc.gz" > "$T/out" 2> "$T/err"
rc=$?
is "$rc" 65 "truncated gzip: exit 65"
like "$(cat "$T/err")" 'truncated gzip input' "truncated gzip: diagnostic"
n=$(wc -l < "$T/out" | tr -d ' ')
[ "$n" -gt 1500 ] && [ "$n" -le 2001 ]
ok $? "truncated gzip: the records before the damage are written ($n)"
head -n 1 "$T/out" | grep -qx "$good1"
ok $? "truncated gzip: first record intact"
like "$(cat "$T/rej4")" '^\{"filter":"cat","file":"-","line":[0-9]+,"error":"invalid JSON' "truncated gzip: the cut last line goes to the reject file"
stats=$(tail -n 1 "$T/err")
in=$(echo "$stats" | sed 's/.*"in":\([0-9]*\).*/\1/'); out=$(echo "$stats" | sed 's/.*"out":\([0-9]*\).*/\1/'); rej=$(echo "$stats" | sed 's/.*"rejected":\([0-9]*\).*/\1/')
is "$in" "$((out + rej))" "truncated gzip: in = out + rejected ($stats)"
# corrupt gzip data (bytes overwritten mid-stream): a data error, exit 65, not an I/O error
{ head -c $((size / 2)) "$T/full.gz"; printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; tail -c +$((size / 2 + 49)) "$T/full.gz"; } > "$T/bad.gz"
"$CAT" < "$T/bad.gz" > /dev/null 2> "$T/err"
is "$?" 65 "corrupt gzip: exit 65"
like "$(cat "$T/err")" '^newspipe-cat: <stdin>: corrupt gzip input$' "corrupt gzip: one line naming the input"

# A gzip file whose first read is larger than a later one (a regular file gives all it is
# asked for): every record, the same as the plain text, from a file argument and from a
# redirect (the previous release overran its buffer here).
awk 'BEGIN { srand(7); for (i = 1; i <= 12000; i++) { s = ""; for (j = 0; j < 12; j++) s = s sprintf("%08x", int(rand() * 4294967296)); printf "{\"id\":\"g%d\",\"body\":\"%s\"}\n", i, s } }' > "$T/big.ndjson"
gzip -1 -c "$T/big.ndjson" > "$T/big.gz"
gz_size=$(wc -c < "$T/big.gz")
[ "$gz_size" -gt 262144 ]
ok $? "the compressed test file is larger than a read of the reader (256 KiB; $gz_size bytes)"
"$CAT" "$T/big.gz" > "$T/big.out" 2> "$T/err"
is "$?:$(cmp -s "$T/big.out" "$T/big.ndjson" && echo same)" "0:same" "large gzip file argument: every record, exit 0"
"$CAT" < "$T/big.gz" > "$T/big.out" 2> "$T/err"
is "$?:$(cmp -s "$T/big.out" "$T/big.ndjson" && echo same)" "0:same" "large gzip on standard input: every record, exit 0"

# Empty input, blank lines, CRLF, missing final newline, whitespace-only lines.
is "$("$CAT" < /dev/null | wc -c | tr -d ' ')" 0 "empty input: no output"
printf '\r\n%s\r\n  \t\r\n\n%s' "$good1" "$good2" | "$CAT" --stats > "$T/out" 2> "$T/err"
is "$?" 0 "CRLF and blank lines: exit 0"
is "$(cat "$T/out")" "$(printf '%s\n%s' "$good1" "$good2")" "CRLF stripped, blank lines ignored, last line without newline read"
like "$(cat "$T/err")" '"in":2,"out":2' "blank lines are not records"

# Output: /dev/full, -o atomic, .gz, input errors.
yes "$good1" | head -n 100000 > "$T/many"
"$CAT" < "$T/many" > /dev/full 2> "$T/err"
is "$?" 74 "write to /dev/full exits 74"
like "$(cat "$T/err")" 'write error: No space left on device' "write error is named"
echo old > "$T/o.ndjson"
printf '%s\n{bad\n' "$good1" | "$CAT" --strict -o "$T/o.ndjson" 2>/dev/null
is "$?" 65 "-o with --strict failure exits 65"
is "$(cat "$T/o.ndjson")" old "-o: a failed run leaves the old output untouched"
is "$(ls "$T" | grep -c 'o.ndjson.tmp')" 0 "-o: no temporary left behind"
printf '%s\n' "$good1" | "$CAT" -o "$T/o.ndjson"
is "$(cat "$T/o.ndjson")" "$good1" "-o: a good run replaces the output"
printf '%s\n' "$good1" | "$CAT" -o "$T/o.ndjson.gz"
is "$(gzip -dc "$T/o.ndjson.gz")" "$good1" "-o FILE.gz compresses"
printf '%s\n' "$good1" | "$CAT" -z | gzip -dc > "$T/z"
is "$(cat "$T/z")" "$good1" "-z compresses stdout"
"$CAT" "$T/no-such-file" > /dev/null 2> "$T/err"
is "$?" 66 "missing input file exits 66"
like "$(cat "$T/err")" "newspipe-cat: $T/no-such-file: No such file or directory" "missing input named"
"$CAT" -o /nonexistent-dir/x < /dev/null 2>/dev/null
is "$?" 73 "uncreatable output exits 73"
# -o through a symbolic link replaces its target and keeps the link; one to our standard
# output (as /dev/stdout is) writes there, appending as the shell opened it.
echo old > "$T/target.ndjson"
ln -s target.ndjson "$T/link.ndjson"
printf '%s\n' "$good1" | "$CAT" -o "$T/link.ndjson"
test -L "$T/link.ndjson" && [ "$(cat "$T/target.ndjson")" = "$good1" ]
ok $? "-o LINK: the link stays, its target gets the output"
ln -s dangling.ndjson "$T/dlink.ndjson"
printf '%s\n' "$good1" | "$CAT" -o "$T/dlink.ndjson"
test -L "$T/dlink.ndjson" && [ "$(cat "$T/dangling.ndjson")" = "$good1" ]
ok $? "-o LINK to a file not there yet: created, the link stays"
ln -s /proc/self/fd/1 "$T/stdout"
echo before > "$T/log"
printf '%s\n' "$good1" | "$CAT" -o "$T/stdout" >> "$T/log"
test -L "$T/stdout" && [ "$(cat "$T/log")" = "$(printf 'before\n%s' "$good1")" ]
ok $? "-o /dev/stdout-like link with stdout appended to a file: appended there, the link stays"
is "$(printf '%s\n' "$good1" | "$CAT" -o "$T/stdout" | cat)" "$good1" \
    "-o /dev/stdout-like link with stdout a pipe: written into the pipe"
"$CAT" --max-line nonsense < /dev/null 2>/dev/null
is "$?" 64 "bad option value exits 64"
"$CAT" --reject 2>/dev/null
is "$?" 64 "missing option argument exits 64"

# Several inputs: line numbers restart per file and the file is named.
printf '%s\n' "$good1" > "$T/a"; printf '%s\n{x\n' "$good2" > "$T/b"
"$CAT" "$T/a" "$T/b" > "$T/out" 2> "$T/err"
like "$(cat "$T/err")" "$T/b:2: invalid JSON" "diagnostic names the file and its line"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "both files read"

# --help, --version, --options
"$CAT" --help > "$T/help"; is "$?" 0 "--help exits 0"
like "$(cat "$T/help")" 'Usage: newspipe-cat' "--help on stdout"
like "$("$CAT" --version)" '^newspipe-cat [0-9]+\.[0-9]+\.[0-9]+$' "--version"
like "$("$CAT" --options | tr '\t' ' ')" 'reject arg' "--options lists options"
done_testing
