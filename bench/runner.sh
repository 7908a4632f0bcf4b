#!/bin/sh
# make bench-runner: what `newspipe run` costs over the same chain written as
# sh -c 'a < in | b | c > out', on ~100 MB of Reuters articles (goal: within 3%), and the
# start-up time of a four-stage pipeline (goal: under 50 ms).
#
# Two chains: the cheapest one there is (newspipe-cat | cat | newspipe-cat, where the stages
# do almost nothing, so the runner's share is the largest it can be) and a working one
# (newspipe-dedupe | newspipe-summarize | newspipe-cat). Each variant runs RUNNER_RUNS times,
# alternating with the others, because these machines are noisy: medians and minimums of wall
# time are reported, with the CPU time of all processes (GNU time) and the runner's own CPU
# time (from --stats), which other load disturbs less.
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
echo "input: $big, $mb MB; $RUNNER_RUNS runs of each variant, alternating"

# stats FILE: "median min" in seconds of a file of nanosecond times
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.4f %.4f\n", a[int((NR+1)/2)]/1e9, a[1]/1e9}'; }
# time_into FILE CMD: appends CMD's wall time in ns to FILE, and the CPU time (user + system)
# of all its processes to FILE.cpu (GNU time, when installed).
time_into() {
    t0=$(now_ns)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -o "$1.cpu" -a -f "%U %S" sh -c "$2" ||
            { echo "benchmark command failed: $2" >&2; exit 1; }
    else
        sh -c "$2" || { echo "benchmark command failed: $2" >&2; exit 1; }
    fi
    t1=$(now_ns)
    echo $((t1 - t0)) >> "$1"
}
# cpu_median FILE: median of FILE.cpu's user + system seconds
cpu_median() { awk '{print $1 + $2}' "$1.cpu" 2>/dev/null | sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.3f", a[int((NR+1)/2)]; else printf "?"}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'; }

# chain NAME "SH-CHAIN-WITH-IN-AND-OUT" YAML-STAGES [with_o]
chain() {
    name=$1 shcmd=$2 stages=$3 with_o=${4:-}
    printf 'name: %s\nstages:\n%s' "$name" "$stages" > "$d/$name.yaml"
    rm -f "$d/$name".*.t "$d/$name".*.t.cpu "$d/$name.cpu"
    i=0
    while [ $i -lt "$RUNNER_RUNS" ]; do
        time_into "$d/$name.sh.t" "$(echo "$shcmd" | sed "s|OUT|$d/$name.sh.out|")"
        time_into "$d/$name.np.t" "'$NP' run '$d/$name.yaml' --no-progress --stats < '$big' > '$d/$name.np.out' 2> '$d/$name.np.err'"
        tail -n 1 "$d/$name.np.err" | sed 's/.*"runner_cpu_seconds":\([0-9.e-]*\).*/\1/' >> "$d/$name.cpu"
        if [ -n "$with_o" ]; then
            # The output guarantee, against the same done by hand: temporary file, fsync
            # (GNU sync FILE), rename, fsync of the directory (sync DIR).
            time_into "$d/$name.npo.t" "'$NP' run '$d/$name.yaml' --no-progress -i '$big' -o '$d/$name.npo.out'"
            time_into "$d/$name.sho.t" "$(echo "$shcmd" | sed "s|OUT|$d/$name.sho.tmp|") && sync '$d/$name.sho.tmp' && mv '$d/$name.sho.tmp' '$d/$name.sho.out' && sync '$d'"
        fi
        i=$((i + 1))
    done
    cmp -s "$d/$name.sh.out" "$d/$name.np.out" ||
        { echo "FAIL: $name: newspipe run output differs from the sh chain's"; exit 1; }
    set -- $(stats "$d/$name.sh.t"); sh_med=$1 sh_min=$2
    set -- $(stats "$d/$name.np.t"); np_med=$1 np_min=$2
    cpu=$(sort -n "$d/$name.cpu" | awk '{a[NR]=$1} END {printf "%.4f", a[int((NR+1)/2)]}')
    echo "== $name: $(echo "$shcmd" | sed "s|'||g; s|[^ ]*/||g; s|OUT|out|")"
    printf '  %-42s wall median %.4f s  min %.4f s  CPU %s s\n' "sh -c 'a < in | b | c > out'" "$sh_med" "$sh_min" "$(cpu_median "$d/$name.sh.t")"
    printf '  %-42s wall median %.4f s  min %.4f s  CPU %s s\n' "newspipe run < in > out" "$np_med" "$np_min" "$(cpu_median "$d/$name.np.t")"
    echo "  overhead of newspipe run: wall median $(pct "$np_med" "$sh_med"), min $(pct "$np_min" "$sh_min"); CPU median $(pct "$(cpu_median "$d/$name.np.t")" "$(cpu_median "$d/$name.sh.t")") (goal: within 3%)"
    echo "  the runner's own CPU time (median of --stats runner_cpu_seconds): $cpu s"
    if [ -n "$with_o" ]; then
        set -- $(stats "$d/$name.sho.t"); sho_med=$1 sho_min=$2
        set -- $(stats "$d/$name.npo.t"); npo_med=$1 npo_min=$2
        printf '  %-42s wall median %.4f s  min %.4f s\n' "sh: >tmp; sync tmp; mv tmp out; sync dir" "$sho_med" "$sho_min"
        printf '  %-42s wall median %.4f s  min %.4f s\n' "newspipe run -i in -o out" "$npo_med" "$npo_min"
        echo "  overhead of -o over the same temporary file, sync and rename by hand: median $(pct "$npo_med" "$sho_med"), min $(pct "$npo_min" "$sho_min")"
    fi
}

chain cheapest "'$CAT' < '$big' | cat | '$CAT' > OUT" '  - cat
  - run: [cat]
  - cat
' with_o
if [ -x "$NP_BIN/newspipe-dedupe" ] && [ -x "$NP_BIN/newspipe-summarize" ] &&
    "$NP_BIN/newspipe-summarize" < /dev/null > /dev/null 2>&1; then
    chain working "'$NP_BIN/newspipe-dedupe' < '$big' | '$NP_BIN/newspipe-summarize' | '$CAT' > OUT" '  - dedupe
  - summarize
  - cat
'
else
    echo "== working: skipped (newspipe-dedupe or newspipe-summarize not built or not working)"
fi

# Start-up: a four-stage pipeline on empty input, against the same chain in sh.
printf 'name: four\nstages:\n  - cat\n  - run: [cat]\n  - cat: {strict: true}\n  - run: [cat]\n' > "$d/four.yaml"
rm -f "$d"/su_*.t "$d"/su_*.t.cpu
i=0
while [ $i -lt "$STARTUP_RUNS" ]; do
    time_into "$d/su_np.t" "'$NP' run '$d/four.yaml' --no-progress < /dev/null > /dev/null"
    time_into "$d/su_sh.t" "'$CAT' < /dev/null | cat | '$CAT' --strict | cat > /dev/null"
    time_into "$d/su_one.t" "'$CAT' < /dev/null > /dev/null"
    i=$((i + 1))
done
set -- $(stats "$d/su_np.t"); su_med=$1 su_min=$2
set -- $(stats "$d/su_sh.t"); ss_med=$1 ss_min=$2
set -- $(stats "$d/su_one.t"); so_med=$1 so_min=$2
awk -v m="$su_med" -v n="$su_min" -v a="$ss_med" -v b="$ss_min" -v c="$so_med" -v e="$so_min" -v r="$STARTUP_RUNS" 'BEGIN {
    printf "start-up, four stages (newspipe-cat | cat | newspipe-cat --strict | cat), empty input, %d runs:\n", r
    printf "  newspipe run: median %.1f ms, min %.1f ms (goal: under 50 ms)\n", m * 1000, n * 1000
    printf "  the same chain in sh: median %.1f ms, min %.1f ms; one newspipe-cat alone: median %.1f ms, min %.1f ms\n", a * 1000, b * 1000, c * 1000, e * 1000 }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
