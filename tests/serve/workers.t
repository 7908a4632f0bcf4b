#!/bin/sh
# newspipe serve with workers: N on a stage: each batch goes through the workers and comes
# out as one process would write it; the stage's metrics count every worker; a worker that
# fails a batch fails it like a stage (retried, then set aside by attempts).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
need_prog newspipe-ticker-link

mkdir -p "$T/state" "$T/spool"
PORT=$(free_port)
cat > "$T/p.yaml" <<YAML
version: 1
name: wk
input: {spool: $T/spool, done: remove}
output: {file: $T/out.ndjson}
state_dir: $T/state
metrics: 127.0.0.1:$PORT
stages:
  - cat: {workers: 2}
  - ticker-link: {workers: 3}
YAML
"$SERVE" check "$T/p.yaml" > /dev/null 2>&1
ok $? "check accepts workers in a serve pipeline"

# Three batches of articles naming companies, and a rejected line in each.
for b in 1 2 3; do
    make_articles "$T/a$b.ndjson" 400 "b$b"
    sed -i '7s/.*/{"id":"broken/; 9s/"body": "/"body": "Alibaba (BABA.N) and Apple (AAPL.O): /' "$T/a$b.ndjson"
done
start_server "$T/p.yaml"
for b in 1 2 3; do
    cp "$T/a$b.ndjson" "$T/x.part" && mv "$T/x.part" "$T/spool/$b.ndjson"
done
wait_for 60 lines_at_least "$T/out.ndjson" 1197
cat "$T/a1.ndjson" "$T/a2.ndjson" "$T/a3.ndjson" | "$NP_BIN/newspipe-cat" 2> /dev/null |
    "$NP_BIN/newspipe-ticker-link" 2> /dev/null > "$T/want.ndjson"
cmp -s "$T/want.ndjson" "$T/out.ndjson"
ok $? "the output is byte for byte that of one process per stage"
grep -q '"symbol":"BABA"' "$T/out.ndjson"
ok $? "and the companies were linked"
metrics_has() { http_get "127.0.0.1:$PORT" /metrics | grep -q "^$1"; }
wait_for 20 metrics_has 'newspipe_stage_records_in_total{pipeline="wk",stage="cat"} 1200'
ok $? "metrics: the cat stage counts 1200 records in over its workers"
m=$(http_get "127.0.0.1:$PORT" /metrics)
like "$m" 'newspipe_stage_records_rejected_total\{pipeline="wk",stage="cat"\} 3' "metrics: and 3 rejected"
like "$m" 'newspipe_stage_records_in_total\{pipeline="wk",stage="ticker-link"\} 1197' "metrics: ticker-link counts 1197 in"
stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
done_testing
