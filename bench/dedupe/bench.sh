#!/bin/sh
# make bench-dedupe: newspipe-dedupe throughput on one core and peak memory on 100k distinct
# articles (variants of the Reuters sample), against newspipe-cat on the same input in the
# same run; the state file for 1M remembered articles: bytes per article on disk and in
# memory, load + save time (tool and filter), next to the cost of merely touching that
# much fresh memory on this machine.
. "$(dirname "$0")/../lib.sh"
need_sample
: "${OUT:=build}" "${N:=100000}" "${N_STATE:=1000000}"
LABELS="$SHARED/data/corpora/reuters-fin-2013q4-sample/labels.ndjson"
mkdir -p "$BENCH_DIR"
in="$BENCH_DIR/dedupe-$N.ndjson"
[ -s "$in" ] || "$OUT/dedupe/variants" "$SAMPLE" "$LABELS" "$N" > "$in"
echo "input: $in, $(wc -l < "$in") articles, $(wc -c < "$in") bytes"
t_cat=$(median_seconds "taskset -c 0 '$NP_BIN/newspipe-cat' < '$in' > /dev/null" 3)
t_dd=$(median_seconds "taskset -c 0 '$NP_BIN/newspipe-dedupe' < '$in' > /dev/null" 3)
echo "newspipe-cat    (one core): $t_cat s, $(rate "$N" "$t_cat") articles/s"
echo "newspipe-dedupe (one core): $t_dd s, $(rate "$N" "$t_dd") articles/s (goal >= 20000)"
echo "ratio newspipe-dedupe / newspipe-cat wall time: $(ratio "$t_dd" "$t_cat")x"
# CPU seconds (user + sys) of one run: the machine may be shared, and wall time then counts
# the waiting too.
cpu=$( { /usr/bin/time -f '%U %S' "$NP_BIN/newspipe-dedupe" < "$in" > /dev/null; } 2>&1 | tail -n 1 | awk '{ print $1 + $2 }')
echo "newspipe-dedupe CPU time (user + sys): $cpu s, $(rate "$N" "$cpu") articles per CPU second (goal >= 20000); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
stats=$("$NP_BIN/newspipe-dedupe" --stats < "$in" 2>&1 > /dev/null)
echo "stats: $stats"
kept=$(echo "$stats" | sed -n 's/.*"remembered":\([0-9]*\).*/\1/p')
rss=$(peak_rss_kb "'$NP_BIN/newspipe-dedupe' < '$in'")
echo "peak RSS newspipe-dedupe on $N articles: $rss KB, $(awk -v k="$rss" -v n="$kept" 'BEGIN { printf "%.0f", k * 1024 / n }') bytes per remembered article ($kept), everything included (goal <= 1024)"
echo "peak RSS newspipe-cat on the same: $(peak_rss_kb "'$NP_BIN/newspipe-cat' < '$in'") KB"
st="$BENCH_DIR/dedupe-1m.state"
echo "== state with $N_STATE remembered articles ($OUT/dedupe/statebench $N_STATE $st):"
"$OUT/dedupe/statebench" "$N_STATE" "$st"
t_ls=$(median_seconds "'$NP_BIN/newspipe-dedupe' --state '$st' < /dev/null" 3)
cpu_ls=$(for i in 1 2 3 4 5; do { /usr/bin/time -f '%U %S' "$NP_BIN/newspipe-dedupe" --state "$st" < /dev/null; } 2>&1 | tail -n 1; done | awk '{ print $1 + $2 }' | sort -n | sed -n 3p)
echo "newspipe-dedupe --state (load + save, no input): wall $t_ls s, CPU (user + sys, median of 5) $cpu_ls s (goal < 2 s); against another build: sh bench/dedupe/stateab.sh"
echo "peak RSS of that: $(peak_rss_kb "'$NP_BIN/newspipe-dedupe' --state '$st' < /dev/null") KB"
"$OUT/dedupe/statebench" touch 800
"$OUT/dedupe/statebench" touch 800
rm -f "$st"
