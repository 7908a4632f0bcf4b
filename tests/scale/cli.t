#!/bin/sh
# contrib/backfill/newspipe-backfill on this machine alone (no ssh): its usage errors and exit
# codes, the jobs it makes (per file; per day with --days), a local run equal to a serial
# one, a failing job, the guard against resuming another run's job log, and the lock.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
. "$NP_TOP/tests/scale/lib-archive.sh"
BF="$NP_TOP/contrib/backfill/newspipe-backfill"
NP="$NP_BIN/newspipe"
export XDG_CACHE_HOME="$T/cache" # ticker-link's listings cache, here rather than in ~/.cache
backfill() { timeout 120 sh "$BF" --newspipe "$NP" "$@"; }

printf 'version: 1\nstages:\n  - summarize: {sentences: 2}\n' > "$T/p.yaml"
make_files "$T/files" 4
set -- "$T"/files/part-*.ndjson

backfill --help > "$T/out"
is "$?" 0 "--help exits 0"
like "$(cat "$T/out")" "Usage: newspipe-backfill \[OPTION\]\.\.\. PIPELINE OUTDIR FILE" "and shows the usage"
like "$(backfill --version)" "^newspipe-backfill [0-9]" "--version"
backfill --frobnicate "$T/p.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 64 "an unknown option: 64"
is "$(cat "$T/err")" "newspipe-backfill: unknown option --frobnicate (try --help)" "in one line"
backfill "$T/p.yaml" "$T/o" 2> "$T/err"
is "$?" 64 "no input: 64"
backfill --retries 0 "$T/p.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 64 "--retries 0: 64"
backfill "$T/p.yaml" "$T/o" "$T/files/part-1.ndjson" "$T/nope.ndjson" 2> "$T/err"
is "$?" 66 "a missing input: 66"
is "$(cat "$T/err")" "newspipe-backfill: $T/nope.ndjson: no such input file" "naming it"
backfill "$T/none.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 66 "a missing pipeline file: 66"
mkdir -p "$T/other"
cp "$T/files/part-1.ndjson" "$T/other/"
backfill "$T/p.yaml" "$T/o" "$@" "$T/other/part-1.ndjson" 2> "$T/err"
is "$?" 64 "two inputs with one name (one output): 64"
backfill --days 3 "$T/p.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 64 "--days with a pipeline that does not use \${NEWSPIPE_DAY}: 64"
like "$(cat "$T/err")" "does not use .\{NEWSPIPE_DAY\}" "saying so"
printf 'version: 1\nstages:\n  - dedupe: {window: 48h, emit-from: "${NEWSPIPE_DAY}"}\n' > "$T/d.yaml"
backfill --days 2 "$T/d.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 64 "--days with inputs whose names hold no day: 64"
[ ! -e "$T/o" ]
ok $? "a refused run creates nothing"

for f in enrich daily; do
    NEWSPIPE_DAY=2024-03-04 NEWSPIPE_OUTPUT="$T/x" "$NP" check "$NP_TOP/contrib/backfill/$f.yaml" > /dev/null 2>&1
    is "$?" 0 "contrib/backfill/$f.yaml passes newspipe check"
done

# ---- the jobs --------------------------------------------------------------------------------------
backfill -n -S 2/h1 -S 2/h2 -j 1 "$T/p.yaml" "$T/o" "$@" > "$T/dry"
is "$?" 0 "--dry-run exits 0"
is "$(grep -c "^-	part-[1-4].ndjson	'$T/files/part-[1-4].ndjson'\$" "$T/dry")" 4 \
    "one job per file: its output name and its input"
like "$(tail -n 1 "$T/dry")" "^parallel .*--joblog '$T/o/.backfill/joblog' --resume-failed --retries 3 -j 1 -S '2/h1' -S '2/h2' -a JOBS " \
    "and the parallel command: job log, --resume-failed, --retries, hosts"
like "$(tail -n 1 "$T/dry")" "newspipe run .*p.yaml.* -o .*/\{2\} \{=3 uq\(\) =\}'\$" \
    "running newspipe run PIPELINE -o OUTDIR/NAME INPUTS"
ls "$T"/files/part-[34].ndjson | backfill -n --files-from - "$T/p.yaml" "$T/o" \
    "$T/files/part-1.ndjson" | grep -v '^parallel' | cut -f 2 | tr '\n' ' ' > "$T/got"
is "$(cat "$T/got")" "part-1.ndjson part-3.ndjson part-4.ndjson " "--files-from - adds inputs from stdin"
mkdir -p "$T/d"
for d in 2024-02-28 2024-02-29 2024-03-01 2024-03-03; do : > "$T/d/feed-$d.ndjson"; done
: > "$T/d/it's 2024-03-04.ndjson"
backfill -n --days 2 "$T/d.yaml" "$T/o" "$T"/d/*.ndjson > "$T/dry"
cut -f 1,2 "$T/dry" | grep -v '^parallel' | tr '\t' ' ' > "$T/got"
printf '%s\n' "2024-02-28 feed-2024-02-28.ndjson" "2024-02-29 feed-2024-02-29.ndjson" \
    "2024-03-01 feed-2024-03-01.ndjson" "2024-03-03 feed-2024-03-03.ndjson" \
    "2024-03-04 it's 2024-03-04.ndjson" > "$T/want"
cmp -s "$T/got" "$T/want"
ok $? "--days: one job per day, in day order"
is "$(awk -F '\t' '$1 == "2024-03-01" { print $3 }' "$T/dry")" \
    "'$T/d/feed-2024-02-28.ndjson' '$T/d/feed-2024-02-29.ndjson' '$T/d/feed-2024-03-01.ndjson'" \
    "the job for a day reads the 2 days before it (across a leap day) and its own"
is "$(awk -F '\t' '$1 == "2024-03-04" { print $3 }' "$T/dry")" \
    "'$T/d/feed-2024-03-03.ndjson' '$T/d/it'\\''s 2024-03-04.ndjson'" \
    "a day without a file is skipped; a quote in a name is quoted for the shell"
like "$(tail -n 1 "$T/dry")" "NEWSPIPE_DAY=\{1\}" "and the job sets NEWSPIPE_DAY"
: > "$T/d/feed-2024-03-04.ndjson"
backfill -n --days 2 "$T/d.yaml" "$T/o" "$T"/d/*.ndjson > /dev/null 2> "$T/err"
is "$?" 64 "--days with two files of one day: 64"

# ---- runs on this machine ----------------------------------------------------------------------------
if ! command -v parallel > /dev/null 2>&1; then
    skip "GNU parallel not installed (make deps): the runs"
    done_testing
    exit
fi
"$NP" run "$T/p.yaml" "$@" > "$T/serial"
PARALLEL_HOME="$T/ph" backfill -j 2 "$T/p.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 0 "a run on this machine (no -S) exits 0"
for f in "$@"; do cat "$T/o/${f##*/}"; done | cmp -s - "$T/serial"
ok $? "its outputs equal the serial run"
PARALLEL_HOME="$T/ph" backfill -j 2 "$T/p.yaml" "$T/o" "$@" \
    "$T/other/part-1.ndjson" 2> "$T/err"
is "$?" 64 "(two inputs with one name are refused before the job log is looked at)"
mkdir -p "$T/more"
cp "$T/files/part-1.ndjson" "$T/more/part-5.ndjson"
PARALLEL_HOME="$T/ph" backfill -j 2 "$T/p.yaml" "$T/o" "$@" \
    "$T/more/part-5.ndjson" 2> "$T/err"
is "$?" 65 "other inputs into an OUTDIR with a job log: 65 (resuming would mix the jobs up)"
like "$(cat "$T/err")" "the jobs differ from the last run's" "saying so"
exec 8> "$T/o/.backfill/lock"
flock -n 8
PARALLEL_HOME="$T/ph" backfill -j 2 "$T/p.yaml" "$T/o" "$@" 2> "$T/err"
is "$?" 75 "another backfill holding OUTDIR's lock: 75"
exec 8>&-

# A job that fails: bad JSON with a strict stage.
printf 'version: 1\nstages:\n  - summarize: {strict: true}\n' > "$T/strict.yaml"
cp "$T/files/part-2.ndjson" "$T/bad.ndjson"
echo '{"id":"x","body":' >> "$T/bad.ndjson"
PARALLEL_HOME="$T/ph" backfill --retries 2 "$T/strict.yaml" "$T/o2" \
    "$T/files/part-1.ndjson" "$T/bad.ndjson" 2> "$T/err"
is "$?" 1 "a job that fails (twice: --retries 2): 1"
like "$(cat "$T/err")" "no output $T/o2/bad.ndjson for $T/bad.ndjson" "naming its input"
like "$(cat "$T/err")" "1 of 2 inputs have no output; run the same command again" "and how to go on"
[ -s "$T/o2/part-1.ndjson" ] && [ ! -e "$T/o2/bad.ndjson" ]
ok $? "the good job's output is there, the failed one's is not"

# Names as they are: parallel's --colsep trims columns unless told not to, so " x.ndjson" wrote
# x.ndjson (another input's output) and "t.ndjson " t.ndjson, which the check then missed.
mkdir -p "$T/sp"
printf '{"id":"one"}\n' > "$T/sp/x.ndjson"
printf '{"id":"two"}\n' > "$T/sp/ x.ndjson"
printf '{"id":"three"}\n' > "$T/sp/t.ndjson "
printf 'version: 1\nstages:\n  - cat\n' > "$T/cat.yaml"
PARALLEL_HOME="$T/ph" backfill "$T/cat.yaml" "$T/osp" "$T/sp/x.ndjson" "$T/sp/ x.ndjson" \
    "$T/sp/t.ndjson " 2> "$T/err"
is "$?" 0 "inputs whose names begin or end with a blank: 0"
is "$(cat "$T/osp/x.ndjson")|$(cat "$T/osp/ x.ndjson")|$(cat "$T/osp/t.ndjson ")" \
    '{"id":"one"}|{"id":"two"}|{"id":"three"}' "each to its own name"
# The end removes what killed jobs left (NAME.tmp.PID.XXXXXX), never a job's own output.
mkdir -p "$T/tg"
printf '{"id":"one"}\n' > "$T/tg/news"
printf '{"id":"two"}\n' > "$T/tg/news.tmp.20131001.backup"
PARALLEL_HOME="$T/ph" backfill "$T/cat.yaml" "$T/otg" "$T/tg/news" \
    "$T/tg/news.tmp.20131001.backup" 2> "$T/err"
is "$?:$(cat "$T/otg/news.tmp.20131001.backup")" '0:{"id":"two"}' \
    "an output named like a temporary file stays"
backfill "$T" "$T/o3" "$T/sp/x.ndjson" 2> "$T/err"
is "$?" 66 "a pipeline path that is a directory: 66"
done_testing
