#!/bin/sh
# make bench-entity-tag: tagging throughput on the Reuters sample (one core, JSON in and out),
# model load time and peak memory, next to newspipe-cat (the record path alone) in the same
# run. Goal: >= 250,000 tokens/s; load well under 100 ms.
. "$(dirname "$0")/lib.sh"
need_sample
: "${ETAG_MODEL:=data/entity-tag.model}"
ET="$NP_BIN/newspipe-entity-tag"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
mkdir -p "$BENCH_DIR"
records=$(wc -l < "$SAMPLE")
stats=$($ET --model "$ETAG_MODEL" --stats < "$SAMPLE" 2>&1 >/dev/null | tail -n 1)
tokens=$(printf '%s' "$stats" | sed -n 's/.*"tokens":\([0-9]*\).*/\1/p')
ents=$(printf '%s' "$stats" | sed -n 's/.*"entities":\([0-9]*\).*/\1/p')
echo "input: $SAMPLE, $records articles, $tokens tokens (title + body), $ents entities found"
echo "model: $ETAG_MODEL, $(wc -c < "$ETAG_MODEL") bytes"
t_cat=$(median_seconds "$PIN '$NP_BIN/newspipe-cat' < '$SAMPLE' > /dev/null")
t_et=$(median_seconds "$PIN '$ET' --model '$ETAG_MODEL' < '$SAMPLE' > /dev/null")
printf '%-36s %8.4f s %12s articles/s\n' "newspipe-cat (record path only)" "$t_cat" "$(rate "$records" "$t_cat")"
printf '%-36s %8.4f s %12s articles/s %12s tokens/s (goal >= 250000)\n' "newspipe-entity-tag" "$t_et" "$(rate "$records" "$t_et")" "$(rate "$tokens" "$t_et")"
# CPU seconds (user + sys) of the tagging run: less sensitive than wall time to other load
if [ -x /usr/bin/time ]; then
    cpu=$(/usr/bin/time -f '%U %S' "$ET" --model "$ETAG_MODEL" < "$SAMPLE" 2>&1 >/dev/null | tail -n 1 | awk '{print $1 + $2}')
    printf '%-36s %8.4f s CPU %8s tokens per CPU second\n' "newspipe-entity-tag (CPU time)" "$cpu" "$(rate "$tokens" "$cpu")"
fi
echo "machine load average: $(cut -d' ' -f1-3 /proc/loadavg) (timings above are only meaningful on an idle machine)"
t_empty=$(median_seconds "'$ET' --model '$ETAG_MODEL' < /dev/null > /dev/null")
t_empty_cat=$(median_seconds "'$NP_BIN/newspipe-cat' < /dev/null > /dev/null")
# model load: median of 5 runs on empty input
: > "$BENCH_DIR/.load"
for i in 1 2 3 4 5; do
    $ET --model "$ETAG_MODEL" --stats < /dev/null 2>&1 >/dev/null |
        sed -n 's/.*"model_load_ms":\([0-9.]*\),"model_load_cpu_ms":\([0-9.]*\).*/\1 \2/p' >> "$BENCH_DIR/.load"
done
load_ms=$(sort -n "$BENCH_DIR/.load" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
load_cpu=$(sort -k2 -n "$BENCH_DIR/.load" | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
echo "model load (read + verify checksum, measured inside the program, median of 5): $load_ms ms wall, $load_cpu ms CPU"
printf 'process start to exit on empty input: %.1f ms (newspipe-cat: %.1f ms)\n' \
    "$(awk -v s="$t_empty" 'BEGIN{print s*1000}')" "$(awk -v s="$t_empty_cat" 'BEGIN{print s*1000}')"
echo "peak RSS newspipe-entity-tag on the sample: $(peak_rss_kb "'$ET' --model '$ETAG_MODEL' < '$SAMPLE'") KB"
echo "peak RSS newspipe-cat on the sample: $(peak_rss_kb "'$NP_BIN/newspipe-cat' < '$SAMPLE'") KB"
# one 10 MB body (the sample's bodies joined): time and peak memory for a long article
if command -v python3 >/dev/null; then
    python3 - "$SAMPLE" "$BENCH_DIR/etag-10mb.ndjson" <<'PY'
import json, sys
bodies = [json.loads(l).get("body") or "" for l in open(sys.argv[1], encoding="utf-8")]
text, i = [], 0
size = 0
while size < 10_000_000:
    b = bodies[i % len(bodies)]
    text.append(b)
    size += len(b.encode()) + 1
    i += 1
body = "\n".join(text)
body = body.encode()[:10_000_000].decode("utf-8", "ignore")
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps({"id": "big", "body": body}, ensure_ascii=False) + "\n")
PY
    big_tokens=$($ET --model "$ETAG_MODEL" --stats < "$BENCH_DIR/etag-10mb.ndjson" 2>&1 >/dev/null | tail -n 1 | sed -n 's/.*"tokens":\([0-9]*\).*/\1/p')
    t_big=$(median_seconds "'$ET' --model '$ETAG_MODEL' < '$BENCH_DIR/etag-10mb.ndjson' > /dev/null")
    echo "one 10 MB body ($(wc -c < "$BENCH_DIR/etag-10mb.ndjson") bytes of NDJSON, $big_tokens tokens): $t_big s, peak RSS $(peak_rss_kb "'$ET' --model '$ETAG_MODEL' < '$BENCH_DIR/etag-10mb.ndjson'") KB"
    rm -f "$BENCH_DIR/etag-10mb.ndjson"
fi
