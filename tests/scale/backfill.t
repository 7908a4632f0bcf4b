#!/bin/sh
# contrib/backfill/newspipe-backfill over two "hosts" on this machine (each an sshd of its own
# on a loopback port, reached with a key made here): a run over several files gives what a
# serial run gives, byte for byte; so does a daily-partitioned replay with dedupe
# --emit-from; killing every process of one host mid-run still gives identical output after
# retries; and a re-run after a failure redoes only what failed.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-dedupe
. "$NP_TOP/tests/scale/lib-hosts.sh"
. "$NP_TOP/tests/scale/lib-archive.sh"
need_hosts
BF="$NP_TOP/contrib/backfill/newspipe-backfill"
NP="$NP_BIN/newspipe"
export XDG_CACHE_HOME="$T/cache" # ticker-link's listings cache, here rather than in ~/.cache
# A test that goes wrong must not hang make check: no run here takes more than seconds.
backfill() { timeout 300 sh "$BF" --newspipe "$NP" "$@"; }
concat() { # OUTDIR FILE...: the outputs of the inputs FILE..., in order
    d=$1
    shift
    for f in "$@"; do cat "$d/${f##*/}"; done
}
inode_of() { ls -i "$1" | awk '{ print $1 }'; }
wait_gate() { # PID: until a job waits at host b's gate (0), or PID ended or 60 s went by (1)
    n=0
    while ! ls "$T"/blocked.* > /dev/null 2>&1; do
        kill -0 "$1" 2> /dev/null && [ "$n" -lt 2400 ] || return 1
        n=$((n + 1))
        sleep 0.025
    done
}

host_start a || {
    ok 1 "host a starts"
    done_testing
    exit
}
host_start b || {
    ok 1 "host b starts"
    done_testing
    exit
}
is "$(ssh -F "$T/ssh/config" b 'echo $NP_SCALE_HOST')" b "two hosts on loopback answer over ssh"

make_gate "$T/gate.sh"
cat > "$T/enrich.yaml" <<EOF
version: 1
name: enrich
stages:
  - run: [sh, $T/gate.sh]
  - entity-tag
  - ticker-link
  - summarize: {sentences: 2}
EOF
make_files "$T/files" 8
set -- "$T"/files/part-*.ndjson
files="$*"
"$NP" run "$T/enrich.yaml" "$@" > "$T/serial" 2> "$T/serial.err"
is "$?" 0 "serial run over the 8 files"

# ---- 1. one job per file over two hosts --------------------------------------------------------
backfill -S 1/a,1/b "$T/enrich.yaml" "$T/out1" "$@" 2> "$T/err1"
is "$?" 0 "backfill over 2 hosts exits 0"
concat "$T/out1" "$@" | cmp -s - "$T/serial"
ok $? "the 8 outputs, in input order, equal the serial run byte for byte"
hosts=$(awk -F '\t' 'NR > 1 { print $2 }' "$T/out1/.backfill/joblog" | sort -u | tr '\n' ' ')
is "$hosts" "a b " "jobs ran on both hosts"
ls "$T/out1" | grep -q '\.tmp\.'
ok $((!$?)) "no temporary output is left"
backfill --check "$T/enrich.yaml" "$T/out1" "$@" 2> "$T/err"
is "$?" 0 "--check: every input has its output"
before=$(wc -l < "$T/out1/.backfill/joblog")
backfill -S 1/a,1/b "$T/enrich.yaml" "$T/out1" "$@" 2> "$T/err"
is "$?" 0 "the same command again exits 0"
is "$(wc -l < "$T/out1/.backfill/joblog")" "$before" "and runs no job: they all succeeded"
rm "$T/out1/part-3.ndjson"
backfill --check "$T/enrich.yaml" "$T/out1" "$@" 2> "$T/err"
is "$?" 1 "--check with an output removed: 1"
like "$(cat "$T/err")" "no output $T/out1/part-3.ndjson for .*/files/part-3.ndjson" \
    "naming the input without its output"
backfill -S 1/a,1/b "$T/enrich.yaml" "$T/out1" "$@" 2> "$T/err"
is "$?" 0 "the same command again exits 0"
is "$(wc -l < "$T/out1/.backfill/joblog") $(tail -n 1 "$T/out1/.backfill/joblog" | cut -f1)" \
    "$before 3" "and runs only the job whose output was removed (its old line leaves the log)"
concat "$T/out1" "$@" | cmp -s - "$T/serial"
ok $? "the outputs equal the serial run again"

# ---- 2. daily partitions with dedupe --emit-from -----------------------------------------------
make_days "$T/days"
set -- "$T"/days/news-*.ndjson
# The shipped example: dedupe {window: 72h, emit-from: ${NEWSPIPE_DAY}}, entity-tag,
# ticker-link, summarize; the serial run is the same file without emit-from.
cp "$NP_TOP/contrib/backfill/daily.yaml" "$T/days.yaml"
sed 's/dedupe:.*/dedupe: {window: 72h}/' "$T/days.yaml" > "$T/serial.yaml"
grep -q 'dedupe: {window: 72h, emit-from: "${NEWSPIPE_DAY}"}' "$T/days.yaml"
ok $? "contrib/backfill/daily.yaml dedupes with a 72 h window from \${NEWSPIPE_DAY}"
NEWSPIPE_OUTPUT="$T/serial.days" "$NP" run --stats "$T/serial.yaml" "$@" > "$T/serial.days" \
    2> "$T/serial.days.err"
is "$?" 0 "serial run over $# days (dedupe with a 72 h window, no --emit-from)"
dropped=$(sed -n 's/.*"filter":"dedupe"[^}]*"dropped":\([0-9]*\).*/\1/p' "$T/serial.days.err")
[ "${dropped:-0}" -gt 10 ]
ok $? "the serial run drops duplicates across days (${dropped:-none})"
backfill --days 3 -S 1/a,1/b "$T/days.yaml" "$T/out2" "$@" 2> "$T/err2"
is "$?" 0 "daily backfill (job for day d reads d-3..d, emits d) over 2 hosts exits 0"
concat "$T/out2" "$@" | cmp -s - "$T/serial.days"
ok $? "the days' outputs, in order, equal the serial run byte for byte"
diff_days=""
for f in "$@"; do
    d=$(echo "${f##*/}" | grep -o '2024-03-[0-9]*')
    grep "\"published\":\"$d" "$T/serial.days" | cmp -s - "$T/out2/${f##*/}" || diff_days="$diff_days $d"
done
is "$diff_days" "" "each day's output is the serial run's records of that day"
read_total=$(awk -F '\t' '!/^#/ { n += gsub(/\/news-/, "", $3) } END { print n }' \
    "$T/out2/.backfill/jobs")
is "$read_total" 46 "the 13 jobs read 46 day files (1, 2, 3, then 4 each: their own and 3 before)"

# ---- 3. one host dies mid-run; retries give the same output ------------------------------------
: > "$T/gate.on"
rm -f "$T"/blocked.*
# shellcheck disable=SC2086
backfill --retries 3 -S 1/a,1/b "$T/enrich.yaml" "$T/out3" $files 2> "$T/err3" &
bf=$!
# Host b's first job is mid-run: its first stage has passed the input on and waits at the
# gate, the later stages wait for the end of their input, the output is in its temporary
# file. Kill the host then.
wait_gate "$bf"
ok $? "a job on host b is mid-run"
killed=$(host_kill b | sort | uniq -c | tr -s ' \n' '  ')
like "$killed" "newspipe-entity" "killing every process of host b kills its running job ($killed)"
wait "$bf"
is "$?" 0 "the backfill exits 0: host b's jobs were retried on host a"
# shellcheck disable=SC2086
concat "$T/out3" $files | cmp -s - "$T/serial"
ok $? "the outputs equal the serial run byte for byte"
hosts=$(awk -F '\t' 'NR > 1 && $7 == 0 { print $2 }' "$T/out3/.backfill/joblog" | sort -u | tr '\n' ' ')
is "$hosts $(awk 'END { print NR - 1 }' "$T/out3/.backfill/joblog")" "a  8" \
    "the job log has the 8 jobs done, all on host a (parallel logs the last try)"
ls "$T/out3" | grep -q '\.tmp\.'
ok $((!$?)) "the killed job's temporary output was removed at the end"

# ---- 4. a failure without retries; the same command again redoes only what failed ---------------
host_start b || ok 1 "host b restarts"
rm -f "$T"/blocked.*
# shellcheck disable=SC2086
backfill --retries 1 -S 1/a,1/b "$T/enrich.yaml" "$T/out4" $files 2> "$T/err4" &
bf=$!
wait_gate "$bf"
host_kill b > /dev/null
wait "$bf"
is "$?" 1 "without retries, a job lost with its host makes the backfill exit 1"
failed=$(awk -F '\t' 'NR > 1 && $7 != 0 { print $1 }' "$T/out4/.backfill/joblog" | sort -n | tr '\n' ' ')
missing=$(sed -n 's|.*: no output .*/part-\([0-9]*\)\.ndjson for .*|\1|p' "$T/err4" | sort -n | tr '\n' ' ')
[ -n "$failed" ] && [ "$failed" = "$missing" ]
ok $? "the inputs it names as without output are the failed jobs ($missing)"
kept=""
for f in $files; do
    o="$T/out4/${f##*/}"
    [ -e "$o" ] && kept="$kept $o:$(inode_of "$o")"
done
rm -f "$T/gate.on"
host_start b || ok 1 "host b restarts"
lines=$(wc -l < "$T/out4/.backfill/joblog")
# shellcheck disable=SC2086
backfill --retries 1 -S 1/a,1/b "$T/enrich.yaml" "$T/out4" $files 2> "$T/err4b"
is "$?" 0 "the same command again exits 0"
rerun=$(awk -F '\t' -v n="$lines" 'NR > n { print $1 }' "$T/out4/.backfill/joblog" | sort -n | tr '\n' ' ')
is "$rerun" "$failed" "it ran again exactly the jobs that had failed"
same=0
for k in $kept; do [ "$(inode_of "${k%:*}")" = "${k##*:}" ] || same=1; done
ok $same "and left the outputs written by the first run alone"
# shellcheck disable=SC2086
concat "$T/out4" $files | cmp -s - "$T/serial"
ok $? "the outputs equal the serial run byte for byte"
hosts_stop
done_testing
