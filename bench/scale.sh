#!/bin/sh
# bench-scale: contrib/backfill/newspipe-backfill over 1 and over 2 "hosts" on this machine
# (each an sshd on a loopback port, as in tests/scale/), and the cost of dedupe's warm-up
# replay in a daily-partitioned backfill.
#
# The archive: the Reuters sample laid COPIES times end to end in time (bench/scale-days.py;
# 13 copies, about 100 MB, 663 days), one file per UTC day. Part 1 cuts it into 26 files and
# runs the enrichment stages (entity-tag, ticker-link, summarize) over them: serially with
# newspipe run (the baseline), then with newspipe-backfill over host a alone and over hosts
# a and b, one job at a time on each; the ratio of the wall times is what a second host
# gives here (both "hosts" share this machine's cores, so it is at most the number of idle
# cores). Part 2 runs dedupe (72 h window) over the days: serially, then as the daily jobs of
# newspipe-backfill --days 3 (each reads its day and the 3 before it and writes its own day
# with --emit-from), run one after the other here to count CPU: records read per record, CPU
# against the serial run's, and against the enrichment's CPU. Every partitioned output is
# checked against the serial one, byte for byte. Run it once, under nice; it prints the
# machine's load before and after, as other work on the machine skews the wall times.
# Part 0 measures what one job costs besides its records (26 empty files).
# Environment: NP_BIN, NP_TOP, SHARED, BENCH_DIR, COPIES (13), PARTS ("overhead hosts replay").
set -u
NP_BIN=$(cd "${NP_BIN:-bin}" && pwd)
NP_TOP=$(cd "${NP_TOP:-.}" && pwd)
export NP_BIN NP_TOP
. "$NP_TOP/bench/lib.sh"
need_sample
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/scale/lib-hosts.sh"
COPIES=${COPIES:-13}
PARTS=${PARTS:-overhead hosts replay}
BF="$NP_TOP/contrib/backfill/newspipe-backfill"
say() { printf 'bench-scale: %s\n' "$*"; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }
now() { date +%s.%N; }
skip_all() { say "skipped: $*"; exit 0; }
need_hosts
export XDG_CACHE_HOME="$T/cache"

say "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) before; nice $(nice)"
mkdir -p "$T/days" "$T/files"
say "$(python3 "$NP_TOP/bench/scale-days.py" "$SAMPLE" "$COPIES" "$T/days")"
cat "$T"/days/*.ndjson > "$T/all.ndjson"
split -n l/26 -d -a 2 --additional-suffix=.ndjson "$T/all.ndjson" "$T/files/part-"
records=$(wc -l < "$T/all.ndjson")
mb=$(wc -c < "$T/all.ndjson" | awk '{ printf "%.1f", $1 / 1e6 }')
rm "$T/all.ndjson"
ndays=$(ls "$T"/days | wc -l)
say "archive: $mb MB, $records records, $ndays day files, cut into 26 files for part 1"

cat > "$T/enrich.yaml" <<EOF
version: 1
name: enrich
stages:
  - entity-tag
  - ticker-link
  - summarize: {sentences: 3}
EOF
host_start a || exit 1
host_start b || exit 1
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

# ---- part 0: what a job costs besides its records ------------------------------------------------
if part overhead; then
    mkdir -p "$T/empty"
    for i in $(seq 1 26); do : > "$T/empty/e$i.ndjson"; done
    t0=$(now)
    sh "$BF" --newspipe "$NP_BIN/newspipe" -S 1/a "$T/enrich.yaml" "$T/out0" "$T"/empty/*.ndjson ||
        { say "backfill of empty files failed"; exit 1; }
    say "per-job cost (26 empty files over 1 host, 1 job at a time: ssh login, parallel's wrapper, newspipe run starting the 3 stages, the model and listings loaded): $(calc "($(now) - $t0) / 26") s a job"
fi

# ---- part 1: 1 host vs 2 hosts ---------------------------------------------------------------------
if part hosts; then
    t0=$(now)
    /usr/bin/time -f '%U %S' -o "$T/serial.cpu" "$NP_BIN/newspipe" run "$T/enrich.yaml" \
        "$T"/files/part-*.ndjson > "$T/serial.out" || { say "serial run failed"; exit 1; }
    serial_s=$(calc "$(now) - $t0")
    serial_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$T/serial.cpu")
    say "serial newspipe run over the 26 files: wall $serial_s s, CPU $serial_cpu s (all stages)"

    backfill_over() { # LOGINS OUTDIR: wall seconds of newspipe-backfill
        t0=$(now)
        sh "$BF" --newspipe "$NP_BIN/newspipe" -S "$1" "$T/enrich.yaml" "$2" "$T"/files/part-*.ndjson ||
            { say "backfill over $1 failed"; exit 1; }
        calc "$(now) - $t0"
        for f in "$T"/files/part-*.ndjson; do cat "$2/${f##*/}"; done | cmp -s - "$T/serial.out" ||
            { say "backfill over $1: output differs from the serial run"; exit 1; }
    }
    one_s=$(backfill_over 1/a "$T/out1") || exit 1
    say "newspipe-backfill over 1 host (1 job at a time): wall $one_s s ($(calc "$one_s / $serial_s")x the serial run's), outputs identical to the serial run"
    two_s=$(backfill_over 1/a,1/b "$T/out2") || exit 1
    say "newspipe-backfill over 2 hosts (1 job at a time on each): wall $two_s s, outputs identical to the serial run"
    say "speed-up of the second host: 1 host / 2 hosts = $(calc "$one_s / $two_s")x (at most 2 on 2 idle cores); load average now $(cut -d ' ' -f 1-3 /proc/loadavg)"
fi
hosts_stop

# ---- part 2: dedupe's warm-up replay with daily jobs ----------------------------------------------
part replay || exit 0
printf 'version: 1\nstages:\n  - dedupe: {window: 72h, time-field: date, emit-from: "${NEWSPIPE_DAY}"}\n' \
    > "$T/days.yaml"
/usr/bin/time -f '%U %S' -o "$T/dd.cpu" "$NP_BIN/newspipe-dedupe" --window 72h --time-field date \
    "$T"/days/*.ndjson > "$T/dd.serial" || { say "serial dedupe failed"; exit 1; }
dd_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$T/dd.cpu")
sh "$BF" --dry-run --days 3 "$T/days.yaml" "$T/out3" "$T"/days/*.ndjson | grep -v '^parallel ' > "$T/jobs"
# Each job as the backfill runs it, one after the other, under one clock.
awk -F '\t' -v d="$NP_BIN/newspipe-dedupe" '{
        printf "%s --window 72h --time-field date --emit-from %s %s > \"$T/out3/%s\" || exit 1\n", d, $1, $3, $2
    }' "$T/jobs" > "$T/jobs.sh"
mkdir -p "$T/out3"
T=$T /usr/bin/time -f '%U %S' -o "$T/jobs.cpu" sh "$T/jobs.sh" || { say "a daily job failed"; exit 1; }
jobs_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$T/jobs.cpu")
read_n=$(awk -F '\t' '{ print $3 }' "$T/jobs" | tr ' ' '\n' | grep -c .)
read_records=$(awk -F '\t' '{ print $3 }' "$T/jobs" | xargs cat | wc -l)
cut -f 2 "$T/jobs" | while read -r n; do cat "$T/out3/$n"; done | cmp -s - "$T/dd.serial"
same=$?
[ "$same" = 0 ] && same=yes || same=NO
say "dedupe, 72 h window, $ndays daily jobs (each reads its day and the 3 before): $read_n day files read for $ndays days; each record read $(calc "$read_records / $records") times"
share=""
[ -z "${serial_cpu:-}" ] ||
    share=" is $(calc "100 * ($jobs_cpu - $dd_cpu) / $serial_cpu")% of the enrichment stages' CPU ($serial_cpu s)"
say "dedupe CPU: daily jobs $jobs_cpu s vs one serial run $dd_cpu s ($(calc "$jobs_cpu / $dd_cpu")x); the replay's extra $(calc "$jobs_cpu - $dd_cpu") s$share; days' outputs identical to the serial run: $same"
say "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
[ "$same" = yes ]
