#!/bin/sh
# A gzip file dropped into a spool is read as the text it holds, and counted so: its records
# in are the lines of that text (the previous release counted the newlines of the compressed
# bytes), so that in = out + rejected holds in the server's report.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
command -v gzip > /dev/null || skip_all "gzip absent"
mkdir -p "$T/state" "$T/spool"
cat > "$T/p.yaml" <<YAML
version: 1
name: gz
input: {spool: $T/spool}
output: {file: $T/out.ndjson}
state_dir: $T/state
stages: [cat]
YAML
make_articles "$T/a.ndjson" 3000 gz
printf '{"id":"bad",\n' >> "$T/a.ndjson" # one line the stage rejects
gzip -c "$T/a.ndjson" > "$T/x.part"
raw_nl=$(tr -cd '\n' < "$T/x.part" | wc -c)
[ "$raw_nl" -ne 3001 ]
ok $? "the compressed file has another number of newline bytes than its text's 3001 ($raw_nl)"
mv "$T/x.part" "$T/spool/1.ndjson.gz"
start_server "$T/p.yaml"
wait_for 20 lines_at_least "$T/out.ndjson" 3000
ok $? "the batch's records are written"
stop_server TERM
is "$SRC" 0 "the server stops cleanly"
is "$(ids "$T/out.ndjson" | wc -l | tr -d ' ')" 3000 "every good record once, none of the bad"
like "$(grep 'stopped:' "$T/serve.log")" '1 batches, 3001 records in, 3000 out' \
    "records in are the lines of the text the gzip file holds"
# A gzip file cut short is a failing batch: it stays in the spool, the output keeps what the
# good batch wrote, and the log says why.
gzip -c "$T/a.ndjson" | head -c 20000 > "$T/y.part"
mv "$T/y.part" "$T/spool/2.ndjson.gz"
start_server "$T/p.yaml"
wait_for 20 grep -q 'truncated gzip' "$T/serve.log"
ok $? "a cut gzip batch fails, saying the data is truncated"
stop_server TERM
[ -f "$T/spool/2.ndjson.gz" ]
ok $? "and stays in the spool"
is "$(ids "$T/out.ndjson" | wc -l | tr -d ' ')" 3000 "the output holds only the good batch's records"

# A run: stage knows nothing of gzip: it gets the text too, also when a batch joins gzip and
# plain files (their raw bytes would make no stream).
mkdir -p "$T/state2" "$T/spool2"
cat > "$T/p2.yaml" <<YAML
version: 1
name: gzrun
input: {spool: $T/spool2}
output: {file: $T/out2.ndjson}
state_dir: $T/state2
stages:
  - run: [cat]
YAML
make_articles "$T/b.ndjson" 500 gzb
make_articles "$T/c.ndjson" 300 plainc
gzip -c "$T/b.ndjson" > "$T/spool2/1.ndjson.gz"
cp "$T/c.ndjson" "$T/spool2/2.ndjson"
gzip -c "$T/a.ndjson" | head -n 1000000 > "$T/spool2/3.ndjson.gz"
start_server "$T/p2.yaml"
wait_for 20 lines_at_least "$T/out2.ndjson" 3801
ok $? "a run: stage's batches are written"
stop_server TERM
is "$(head -c 2 "$T/out2.ndjson" | od -An -tx1 | tr -d ' ')" "7b22" "the output is text, not gzip bytes"
cat "$T/b.ndjson" "$T/c.ndjson" "$T/a.ndjson" | sort > "$T/want2"
sort "$T/out2.ndjson" > "$T/got2"
cmp -s "$T/want2" "$T/got2"
ok $? "every line of the gzip and plain files, as text"

# A damaged gzip file is bad data: after batch.attempts it is set aside in failed/ and the
# batches after it go through (it held them up, retried for ever); and a batch whose last line
# has no newline still ends its output with one, so the next batch's first record does not
# run into it (a run: stage writes what it reads).
mkdir -p "$T/state3" "$T/spool3"
cat > "$T/p3.yaml" <<YAML
version: 1
name: gzbad
input: {spool: $T/spool3}
output: {file: $T/out3.ndjson}
state_dir: $T/state3
batch: {attempts: 2}
stages:
  - run: [cat]
YAML
gzip -c "$T/b.ndjson" | head -c 200 > "$T/spool3/1.ndjson.gz"
printf '{"id":"nonl"}' > "$T/spool3/2.ndjson"
printf '{"id":"next"}\n' > "$T/spool3/3.ndjson"
start_server "$T/p3.yaml"
wait_for 30 lines_at_least "$T/out3.ndjson" 2
ok $? "the batches after a damaged gzip file go through"
stop_server TERM
ls "$T/state3/failed" > "$T/failed3" 2> /dev/null
like "$(cat "$T/failed3")" "1\\.ndjson\\.gz" "the damaged file is set aside in failed/"
is "$(cat "$T/out3.ndjson")" '{"id":"nonl"}
{"id":"next"}' "a batch without a final newline ends its output with one"
done_testing
