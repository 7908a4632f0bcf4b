#!/bin/sh
# newspipe serve throughput and memory: the default pipeline's stages (pipelines/news.yaml:
# dedupe with state, entity-tag, ticker-link, summarize) served on a Unix socket, fed the
# Reuters sample by one producer that waits for its acknowledgement; sustained records/s
# from the first byte sent to the last batch committed, and the server's peak RSS (VmHWM).
# The same file through `newspipe run pipelines/news.yaml` is the baseline (the ratio shows
# what serving costs: per-batch stage start-up, the queue, the commits).
# Environment: NP_BIN, NP_TOP, SHARED, BENCH_DIR, BATCH_LINES (default 1000), REPEAT (1).
set -eu
NP_BIN=${NP_BIN:-bin}
NP_TOP=${NP_TOP:-.}
SHARED=${SHARED:-../shared}
FEED=$SHARED/data/corpora/reuters-fin-2013q4-sample/articles.ndjson
BATCH_LINES=${BATCH_LINES:-1000}
[ -f "$FEED" ] || { echo "bench-serve: $FEED absent: skipped"; exit 0; }
for f in dedupe entity-tag ticker-link summarize; do
    [ -x "$NP_BIN/newspipe-$f" ] || { echo "bench-serve: newspipe-$f not built: skipped"; exit 0; }
done
W=$(mktemp -d "${BENCH_DIR:-/tmp}/bench-serve.XXXXXX")
SPID=
trap 'if [ -n "$SPID" ]; then kill $SPID 2>/dev/null || :; fi; rm -rf "$W"' EXIT
N=$(wc -l < "$FEED" | tr -d ' ')
now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; } # floating point without bc

# Baseline: one run of the same stages.
t0=$(now)
/usr/bin/time -f '%U %S' -o "$W/run.cpu" \
    "$NP_BIN/newspipe" run "$NP_TOP/pipelines/news.yaml" -i "$FEED" > "$W/run.out"
t1=$(now)
run_s=$(calc "$t1 - $t0")

mkdir -p "$W/state"
cat > "$W/p.yaml" <<YAML
version: 1
name: bench
input: {listen: unix:$W/sock, max_line: 4M}
output: {file: $W/out.ndjson}
state_dir: $W/state
batch: {lines: $BATCH_LINES, time: 1s, bytes: 64M, queue: 8}
metrics: 127.0.0.1:${BENCH_METRICS_PORT:-19465}
stages:
  - dedupe: {state: $W/state/dedupe.state, window: 72h}
  - entity-tag
  - ticker-link
  - summarize: {sentences: 3}
YAML
# /usr/bin/time reports the CPU time of the server and every stage it ran (less sensitive to
# the machine's load than the elapsed time); it passes SIGTERM on to newspipe.
/usr/bin/time -f '%U %S' -o "$W/serve.cpu" "$NP_BIN/newspipe" serve "$W/p.yaml" 2>"$W/serve.log" &
SPID=$!
i=0
while [ ! -S "$W/sock" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t0=$(now)
acked=$(python3 "$NP_TOP/tests/serve/producer.py" "$W/sock" "$FEED")
t_acked=$(now)
# Done when the journal has counted every record through a committed batch.
while ! grep -q "^records_in $N\$" "$W/state/journal" 2>/dev/null; do sleep 0.02; done
t1=$(now)
serve_s=$(calc "$t1 - $t0")
[ -n "${BENCH_VERBOSE:-}" ] && python3 -c "import urllib.request;print(urllib.request.urlopen(\"http://127.0.0.1:${BENCH_METRICS_PORT:-19465}/metrics\").read().decode())" | grep -E "seconds|batches_total" | grep -v "^#"
children() { # PID: its child processes (from /proc)
    for f in /proc/[0-9]*/stat; do
        { read -r l < "$f"; } 2>/dev/null || continue
        set -- ${l##*) }
        [ "$2" = "$SPID" ] && { p=${f#/proc/}; echo "${p%/stat}"; }
    done
    return 0
}
NPID=$(children | head -n 1)
[ -n "$NPID" ] || NPID=$SPID
hwm=$(awk '/^VmHWM/ {print $2}' /proc/$NPID/status)
kill -TERM $NPID
wait $SPID || true
out=$(wc -l < "$W/out.ndjson" | tr -d ' ')
runout=$(wc -l < "$W/run.out" | tr -d ' ')
printf 'bench-serve: %s records (%s MB) in, %s acknowledged, %s out (run: %s out)\n' \
    "$N" "$(( $(wc -c < "$FEED") / 1048576 ))" "$acked" "$out" "$runout"
printf 'bench-serve: newspipe run  %.2f s  %.0f records/s\n' "$run_s" "$(calc "$N / $run_s")"
printf 'bench-serve: newspipe serve %.2f s  %.0f records/s sustained (batches of %s; all acknowledged after %.2f s)\n' \
    "$serve_s" "$(calc "$N / $serve_s")" "$BATCH_LINES" "$(calc "$t_acked - $t0")"
printf 'bench-serve: serve/run time ratio %.2f\n' "$(calc "$serve_s / $run_s")"
printf 'bench-serve: server peak RSS (VmHWM) %s kB\n' "$hwm"
cpu() { awk '{printf "%.2f", $1 + $2}' "$1"; }
printf 'bench-serve: CPU seconds (user+sys, all stages): run %s, serve %s\n' "$(cpu "$W/run.cpu")" \
    "$(cpu "$W/serve.cpu")"
