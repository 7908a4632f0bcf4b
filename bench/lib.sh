# Helpers for the benchmarks (sourced). Timings are medians of several runs, reported next
# to a baseline measured in the same run, because these machines are noisy.
: "${NP_BIN:=bin}"
: "${SHARED:=../shared}"
: "${BENCH_DIR:=build/bench}"
: "${RUNS:=5}"
SAMPLE="$SHARED/data/corpora/reuters-fin-2013q4-sample/articles.ndjson"

need_sample() {
    if [ ! -f "$SAMPLE" ]; then
        echo "skipped: $SAMPLE absent (benchmarks need ../shared)"
        exit 0
    fi
}

# big_input [MB]: the Reuters sample repeated to about MB megabytes (default 100); prints path.
big_input() {
    mb=${1:-100}
    mkdir -p "$BENCH_DIR"
    f="$BENCH_DIR/reuters-x$mb.ndjson"
    if [ ! -s "$f" ]; then
        size=$(wc -c < "$SAMPLE")
        n=$(( (mb * 1000000 + size - 1) / size ))
        i=0
        while [ $i -lt $n ]; do cat "$SAMPLE"; i=$((i + 1)); done > "$f.tmp" && mv "$f.tmp" "$f"
    fi
    echo "$f"
}

now_ns() { date +%s%N; }

# median_seconds CMD...: runs CMD (a shell command string) $RUNS times, prints median seconds.
median_seconds() {
    cmd=$1
    runs=${2:-$RUNS}
    i=0
    : > "$BENCH_DIR/.times"
    while [ $i -lt "$runs" ]; do
        t0=$(now_ns)
        sh -c "$cmd" || { echo "benchmark command failed: $cmd" >&2; return 1; }
        t1=$(now_ns)
        echo $(( t1 - t0 )) >> "$BENCH_DIR/.times"
        i=$((i + 1))
    done
    sort -n "$BENCH_DIR/.times" | awk '{a[NR]=$1} END {printf "%.4f\n", a[int((NR+1)/2)]/1e9}'
}

# peak_rss_kb CMD: peak resident memory of CMD in KB (GNU time), or "?" without it.
peak_rss_kb() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M sh -c "exec $1" 2>&1 >/dev/null | tail -n 1
    else
        echo "?"
    fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'; }
