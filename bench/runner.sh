#!/bin/sh
# make bench-runner: what `newspipe run` costs over the same chain written as
# sh -c 'a | b | c', on ~100 MB of Reuters articles (goal: within 3%), and the start-up time
# of a four-stage pipeline (goal: under 50 ms). The two are run alternately, RUNS times each,
# because these machines are noisy; medians and minimums are reported, and the runner's own
# CPU time (from --stats), which noise does not inflate.
. "$(dirname "$0")/lib.sh"
need_sample
: "${RUNNER_RUNS:=9}"
: "${STARTUP_RUNS:=40}"
NP="$NP_BIN/newspipe"
CAT="$NP_BIN/newspipe-cat"
for p in "$NP" "$CAT"; do
    [ -x "$p" ] || { echo "skipped: $p not built"; exit 0; }
done
big=$(big_input 100)
mb=$(awk -v b="$(wc -c < "$big")" 'BEGIN { printf "%.1f", b / 1e6 }')
d="$BENCH_DIR/runner"
mkdir -p "$d"
printf 'name: bench\nstages:\n  - cat\n  - run: [cat]\n  - cat\n' > "$d/chain.yaml"
printf 'name: four\nstages:\n  - cat\n  - run: [cat]\n  - cat: {strict: true}\n  - run: [cat]\n' > "$d/four.yaml"

# stats MEDIAN-AND-MIN of a file of nanosecond times -> "median min" in seconds
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.4f %.4f\n", a[int((NR+1)/2)]/1e9, a[1]/1e9}'; }
# time_into FILE CMD: appends CMD's wall time in ns to FILE
time_into() {
    t0=$(now_ns)
    sh -c "$2" || { echo "benchmark command failed: $2" >&2; exit 1; }
    t1=$(now_ns)
    echo $((t1 - t0)) >> "$1"
}

echo "input: $big, $mb MB; chain: newspipe-cat | cat | newspipe-cat; $RUNNER_RUNS runs each, alternating"
: > "$d/sh.t"
: > "$d/np.t"
: > "$d/npo.t"
: > "$d/sho.t"
: > "$d/cpu"
i=0
while [ $i -lt "$RUNNER_RUNS" ]; do
    time_into "$d/sh.t" "'$CAT' < '$big' | cat | '$CAT' > '$d/sh.out'"
    time_into "$d/np.t" "'$NP' run '$d/chain.yaml' --no-progress --stats < '$big' > '$d/np.out' 2> '$d/np.err'"
    tail -n 1 "$d/np.err" | sed 's/.*"runner_cpu_seconds":\([0-9.e-]*\).*/\1/' >> "$d/cpu"
    time_into "$d/npo.t" "'$NP' run '$d/chain.yaml' --no-progress -i '$big' -o '$d/npo.out'"
    # The same guarantee by hand: temporary file, fsync (GNU sync FILE), rename.
    time_into "$d/sho.t" "'$CAT' < '$big' | cat | '$CAT' > '$d/sho.tmp' && sync '$d/sho.tmp' && mv '$d/sho.tmp' '$d/sho.out'"
    i=$((i + 1))
done
cmp -s "$d/sh.out" "$d/np.out" && cmp -s "$d/sh.out" "$d/npo.out" ||
    { echo "FAIL: newspipe run output differs from the sh chain's"; exit 1; }
set -- $(stats "$d/sh.t"); sh_med=$1 sh_min=$2
set -- $(stats "$d/np.t"); np_med=$1 np_min=$2
set -- $(stats "$d/npo.t"); npo_med=$1 npo_min=$2
set -- $(stats "$d/sho.t"); sho_med=$1 sho_min=$2
cpu=$(sort -n "$d/cpu" | awk '{a[NR]=$1} END {printf "%.4f", a[int((NR+1)/2)]}')
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'; }
printf '%-44s median %.4f s  min %.4f s\n' "sh -c 'a | b | c' < in > out" "$sh_med" "$sh_min"
printf '%-44s median %.4f s  min %.4f s\n' "newspipe run < in > out" "$np_med" "$np_min"
printf '%-44s median %.4f s  min %.4f s\n' "sh: ... > tmp && sync tmp && mv tmp out" "$sho_med" "$sho_min"
printf '%-44s median %.4f s  min %.4f s\n' "newspipe run -i in -o out (atomic, fsync)" "$npo_med" "$npo_min"
echo "overhead of newspipe run over sh: median $(pct "$np_med" "$sh_med"), min $(pct "$np_min" "$sh_min") (goal: within 3%)"
echo "overhead of newspipe run -o over the sh chain with the same temporary file, sync and rename: median $(pct "$npo_med" "$sho_med"), min $(pct "$npo_min" "$sho_min")"
echo "runner's own CPU time (median of --stats runner_cpu_seconds): $cpu s = $(awk -v c="$cpu" -v t="$sh_med" 'BEGIN { printf "%.1f%%", c / t * 100 }') of the sh chain's wall time"

# Start-up: a four-stage pipeline on empty input, against the same chain in sh.
: > "$d/su_np.t"
: > "$d/su_sh.t"
i=0
while [ $i -lt "$STARTUP_RUNS" ]; do
    time_into "$d/su_np.t" "'$NP' run '$d/four.yaml' --no-progress < /dev/null > /dev/null"
    time_into "$d/su_sh.t" "'$CAT' < /dev/null | cat | '$CAT' --strict | cat > /dev/null"
    i=$((i + 1))
done
set -- $(stats "$d/su_np.t"); su_med=$1 su_min=$2
set -- $(stats "$d/su_sh.t"); ss_med=$1 ss_min=$2
awk -v m="$su_med" -v n="$su_min" -v a="$ss_med" -v b="$ss_min" -v r="$STARTUP_RUNS" 'BEGIN {
    printf "start-up, four stages, empty input (%d runs): newspipe run median %.1f ms, min %.1f ms; sh median %.1f ms, min %.1f ms (goal: under 50 ms)\n", r, m * 1000, n * 1000, a * 1000, b * 1000 }'
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
