#!/bin/sh
# make bench-workers: what `workers:` buys (newspipe(1), WORKERS), in one command.
#   1. entity-tag over the Reuters sample through `newspipe run` with workers: 1, 2 and auto:
#      wall time and CPU time (all processes, GNU time), speed-up over workers: 1 (goal: 1.8x
#      for 2 workers on 2 cores);
#   2. the default pipeline (pipelines/news.yaml) end to end with entity-tag at workers: auto
#      against the same file with workers: 1;
#   3. the runner's own CPU per 100 MB with workers (newspipe-cat, the cheapest filter, so
#      that the hand-off's share is the largest it can be), against workers: 1.
# The machine is shared: the variants run in turn (A B C A B C ...), and each variant's median
# and the median of the per-round ratios are reported, with the load average before and after.
# Every variant's output is checked to be byte for byte the same.
. "$(dirname "$0")/lib.sh"
need_sample
: "${WORKERS_RUNS:=5}"
NP="$NP_BIN/newspipe"
for p in "$NP" "$NP_BIN/newspipe-entity-tag" "$NP_BIN/newspipe-cat"; do
    [ -x "$p" ] || { echo "skipped: $p not built"; exit 0; }
done
TOP=$(cd "$(dirname "$0")/.." && pwd)
d="$BENCH_DIR/workers"
mkdir -p "$d"
rm -f "$d"/*.t "$d"/*.cpu "$d"/*.rcpu

cpus=$(nproc 2> /dev/null || getconf _NPROCESSORS_ONLN)
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -n 1)
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $cpus CPUs ($model); load average before: $(load)"

# run_variant NAME YAML INPUT: one timed run; appends wall ns to NAME.t, "user sys" to
# NAME.cpu, the runner's own CPU seconds to NAME.rcpu; the output goes to NAME.out.
run_variant() {
    t0=$(now_ns)
    /usr/bin/time -o "$d/$1.cpu" -a -f "%U %S" \
        "$NP" run "$2" --no-progress --stats -i "$3" > "$d/$1.out" 2> "$d/$1.err" ||
        { echo "benchmark run failed: $1 (see $d/$1.err)" >&2; exit 1; }
    t1=$(now_ns)
    echo $((t1 - t0)) >> "$d/$1.t"
    tail -n 1 "$d/$1.err" | sed 's/.*"runner_cpu_seconds":\([0-9.e-]*\).*/\1/' >> "$d/$1.rcpu"
}
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
med() { sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.3f", a[int((NR+1)/2)]; else printf "?"}'; }
wall() { awk '{print $1 / 1e9}' "$d/$1.t" | med; }
cpu() { awk '{print $1 + $2}' "$d/$1.cpu" | med; }
rcpu() { med < "$d/$1.rcpu"; }
# round_ratio A B: median over the rounds of A's wall time / B's
round_ratio() { paste "$d/$1.t" "$d/$2.t" | awk '{print $1 / $2}' | med; }
same() {
    cmp -s "$d/$1.out" "$d/$2.out" || { echo "OUTPUTS DIFFER: $1 and $2" >&2; exit 1; }
}
# rounds VARIANT:YAML:INPUT...: WORKERS_RUNS rounds of each variant in turn
rounds() {
    i=0
    while [ $i -lt "$WORKERS_RUNS" ]; do
        for v in "$@"; do
            IFS=: read -r name yaml input << EOF
$v
EOF
            run_variant "$name" "$yaml" "$input"
        done
        i=$((i + 1))
    done
}

# 1. entity-tag alone.
mb=$(awk -v b="$(wc -c < "$SAMPLE")" 'BEGIN { printf "%.1f", b / 1e6 }')
docs=$(wc -l < "$SAMPLE" | tr -d ' ')
for w in 1 2 auto; do printf 'name: etag-%s\nstages:\n  - entity-tag: {workers: %s}\n' $w $w > "$d/etag-$w.yaml"; done
echo "entity-tag on the Reuters sample ($docs articles, $mb MB), $WORKERS_RUNS rounds of workers: 1, 2, auto in turn"
rounds "e1:$d/etag-1.yaml:$SAMPLE" "e2:$d/etag-2.yaml:$SAMPLE" "ea:$d/etag-auto.yaml:$SAMPLE"
same e1 e2
same e1 ea
echo "  workers  wall s (median)  CPU s (all processes)  runner CPU s  speed-up (ratio of medians; median of rounds)"
for v in 1:e1 2:e2 auto:ea; do
    w=${v%%:*} n=${v#*:}
    printf '  %-7s  %15s  %21s  %12s  %sx; %sx\n' "$w" "$(wall $n)" "$(cpu $n)" "$(rcpu $n)" \
        "$(ratio2 "$(wall e1)" "$(wall $n)")" "$(round_ratio e1 $n)"
done
echo "  (articles/s: workers 1 $(rate "$docs" "$(wall e1)"), 2 $(rate "$docs" "$(wall e2)"), auto $(rate "$docs" "$(wall ea)"); outputs identical)"

# 2. The default pipeline end to end.
sed 's/entity-tag: {[^}]*}/entity-tag: {workers: auto}/; s/^name: .*/name: news-auto/' \
    "$TOP/pipelines/news.yaml" > "$d/news-auto.yaml"
sed 's/entity-tag: {[^}]*}/entity-tag: {workers: 1}/; s/^name: .*/name: news-1/' \
    "$TOP/pipelines/news.yaml" > "$d/news-1.yaml"
echo "the default pipeline (pipelines/news.yaml) on the sample, entity-tag at workers: 1 and auto in turn"
rounds "n1:$d/news-1.yaml:$SAMPLE" "na:$d/news-auto.yaml:$SAMPLE"
same n1 na
printf '  workers: 1     wall %ss, CPU %ss\n' "$(wall n1)" "$(cpu n1)"
printf '  workers: auto  wall %ss, CPU %ss; speed-up %sx (median of rounds %sx); outputs identical\n' \
    "$(wall na)" "$(cpu na)" "$(ratio2 "$(wall n1)" "$(wall na)")" "$(round_ratio n1 na)"

# 3. The runner's own CPU per 100 MB.
big=$(big_input 100)
bmb=$(awk -v b="$(wc -c < "$big")" 'BEGIN { printf "%.1f", b / 1e6 }')
for w in 1 2; do printf 'name: cat-%s\nstages:\n  - cat: {workers: %s}\n' $w $w > "$d/cat-$w.yaml"; done
echo "the runner's own CPU on $bmb MB through newspipe-cat, workers: 1 and 2 in turn"
rounds "c1:$d/cat-1.yaml:$big" "c2:$d/cat-2.yaml:$big"
same c1 c2
per100() { awk -v s="$1" -v mb="$bmb" 'BEGIN { printf "%.3f", s * 100 / mb }'; }
printf '  workers: 1  runner CPU %ss per 100 MB (wall %ss)\n' "$(per100 "$(rcpu c1)")" "$(wall c1)"
printf '  workers: 2  runner CPU %ss per 100 MB (wall %ss): the hand-off costs %ss per 100 MB\n' \
    "$(per100 "$(rcpu c2)")" "$(wall c2)" \
    "$(awk -v a="$(per100 "$(rcpu c2)")" -v b="$(per100 "$(rcpu c1)")" 'BEGIN { printf "%.3f", a - b }')"
printf '  with entity-tag at workers: 2 the runner used %ss per 100 MB (%s%% of the CPU of the run)\n' \
    "$(awk -v s="$(rcpu e2)" -v mb="$mb" 'BEGIN { printf "%.3f", s * 100 / mb }')" \
    "$(awk -v r="$(rcpu e2)" -v c="$(cpu e2)" 'BEGIN { printf "%.2f", 100 * r / c }')"
echo "load average after: $(load)"
