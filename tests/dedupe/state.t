#!/bin/sh
# newspipe-dedupe --state: persistence across runs, locking (75, --wait), parameter mismatch
# (78), corrupt and truncated files (65), --state-reset, deferred commit and --commit,
# window and max-docs eviction. Crash safety (kill -9 while saving) is crash.t.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/dedupe/gen.sh"
need_prog newspipe-dedupe
D="$NP_BIN/newspipe-dedupe"
S="$T/state"
stat_of() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$T/err"; }

gen_articles 5 1 > "$T/a"
gen_articles 5 2 > "$T/b"

# ---- persistence -------------------------------------------------------------------------
"$D" --stats --state "$S" < "$T/a" > "$T/out" 2> "$T/err"
is "$?" 0 "first run with a missing state file: a fresh start"
is "$(wc -l < "$T/out" | tr -d ' ')" 5 "all 5 new articles pass"
[ -f "$S" ] && [ ! -e "$S.pending" ]
ok $? "immediate commit wrote the state (and no pending file)"
cat "$T/a" "$T/b" | "$D" --stats --state "$S" > "$T/out" 2> "$T/err"
is "$(wc -l < "$T/out" | tr -d ' ')" 5 "second run drops the 5 seen before, keeps 5 new"
is "$(stat_of loaded) $(stat_of remembered)" "5 10" "stats: loaded 5, remembered 10"

# ---- locking -----------------------------------------------------------------------------
mkfifo "$T/fifo"
"$D" --state "$S" < "$T/fifo" > "$T/held.out" 2>&1 &
holder=$!
exec 3> "$T/fifo"
i=0
while [ ! -s "$S.lock" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
"$D" --state "$S" < /dev/null > /dev/null 2> "$T/err" 3>&-
is "$?" 75 "a second process gets 75 while the state is locked"
like "$(cat "$T/err")" "locked by pid $holder newspipe-dedupe" "the error names the holder"
"$D" --commit "$S" 2> "$T/err" 3>&-
is "$?" 75 "--commit also respects the lock"
gen_articles 1 3 > "$T/c"
"$D" --stats --state "$S" --wait < "$T/c" > "$T/wait.out" 2> "$T/wait.err" 3>&- &
waiter=$!
sleep 0.2
cat "$T/c" >&3
exec 3>&-
wait $holder
is "$?" 0 "the holder finishes"
wait $waiter
is "$?" 0 "--wait blocks until the lock is free, then runs"
is "$(wc -l < "$T/wait.out" | tr -d ' ')" 0 "and sees the holder's state (its article is a duplicate)"

# ---- parameters, corruption, reset -------------------------------------------------------
cp "$S" "$T/good"
"$D" --shingle 4 --state "$S" < /dev/null 2> "$T/err"
is "$?" 78 "a state written with other parameters: 78"
like "$(cat "$T/err")" "$S" "the error names the file"
cmp -s "$S" "$T/good"
ok $? "and the file is left alone"
size=$(wc -c < "$S")
head -c $((size / 2)) "$T/good" > "$S"
"$D" --state "$S" < /dev/null 2> "$T/err"
is "$?" 65 "a truncated state: 65"
like "$(cat "$T/err")" "state $S: truncated" "the error says truncated and names the file"
: > "$S"
"$D" --state "$S" < /dev/null 2> /dev/null
is "$?" 65 "an empty state file: 65"
cp "$T/good" "$S"
printf '\377' | dd of="$S" bs=1 seek=$((size - 40)) conv=notrunc 2> /dev/null
"$D" --state "$S" < /dev/null 2> "$T/err"
is "$?" 65 "a corrupt state (one byte changed): 65"
like "$(cat "$T/err")" "corrupt" "the error says corrupt"
"$D" --stats --state "$S" --state-reset < "$T/a" > "$T/out" 2> "$T/err"
is "$?" 0 "--state-reset starts afresh on purpose"
is "$(wc -l < "$T/out" | tr -d ' ')" 5 "nothing remembered after the reset"
"$D" --stats --state "$S" < /dev/null 2> "$T/err"
is "$? $(stat_of loaded)" "0 5" "the reset run saved a valid state"

# A state of format 3 (written by newspipe-dedupe at 25298a1 from data/state-v3.ndjson) is
# read (its LSH tables built) and saved as format 4.
V3="$NP_TOP/tests/dedupe/data/state-v3"
cp "$V3" "$T/v3"
sed 's/"id":"v3-\(.\)"/"id":"v3-\1-again"/' "$V3.ndjson" |
    "$D" --stats --state "$T/v3" > "$T/out" 2> "$T/err"
is "$? $(stat_of loaded) $(stat_of exact)" "0 3 2" \
    "a format-3 state is read: its 3 articles loaded, the 2 with a body found again by body"
is "$(od -A n -t u4 -j 8 -N 4 "$T/v3" | tr -d ' ')" 4 "and saved as format 4"
sed 's/"id":"v3-\(.\)"/"id":"v3-\1-third"/' "$V3.ndjson" |
    "$D" --stats --state "$T/v3" > "$T/out" 2> "$T/err"
is "$? $(stat_of loaded) $(stat_of exact)" "0 4 2" "the format-4 state it saved loads"

# ---- deferred commit ---------------------------------------------------------------------
cp "$S" "$T/before"
"$D" --state "$S" --state-commit=deferred < "$T/b" > /dev/null
is "$?" 0 "deferred run exits 0"
cmp -s "$S" "$T/before" && [ -f "$S.pending" ]
ok $? "deferred: the state is untouched, FILE.pending written"
"$D" --stats --state "$S" --state-commit=deferred < "$T/b" > "$T/out" 2> "$T/err"
is "$(wc -l < "$T/out" | tr -d ' ')" 5 "a stale pending file is ignored: the next run loads FILE"
"$D" --commit "$S" 2> "$T/err" 3>&-
is "$?" 0 "--commit promotes FILE.pending"
[ ! -e "$S.pending" ]
ok $? "pending file gone"
"$D" --state "$S" < "$T/b" > "$T/out"
is "$(wc -l < "$T/out" | tr -d ' ')" 0 "the committed state knows the deferred run's articles"
"$D" --commit "$S" 2> "$T/err" 3>&-
is "$?" 0 "--commit with nothing pending: exit 0"
like "$(cat "$T/err")" "nothing to commit" "with a note"
"$D" --state "$S" --state-commit=deferred < "$T/c" > /dev/null
"$D" --state "$S" < /dev/null
[ ! -e "$S.pending" ]
ok $? "an immediate run removes a stale pending file"
"$D" --state "$S" --state-commit=deferred < /dev/null
printf 'x' >> "$S.pending"
"$D" --commit "$S" 2> "$T/err" 3>&-
is "$?" 65 "--commit refuses a corrupt pending file (65)"
"$D" --commit "$S" --state-reset 2> /dev/null
is "$?" 64 "--commit takes no filter options (64)"
rm -f "$S.pending"

# ---- window and max-docs -----------------------------------------------------------------
old='{"id":"o","published":"2023-07-01T00:00:00Z","body":"the old story about widgets and gadgets"}'
mid='{"id":"m","published":"2023-07-03T00:00:00Z","body":"the middle story about sprockets and cogs"}'
new='{"id":"n","published":"2023-07-05T00:00:00Z","body":"a new story about something else entirely"}'
printf '%s\n%s\n' "$old" "$mid" | "$D" --state "$T/w" --window 72h > /dev/null
printf '%s\n%s\n%s\n' "$new" "$old" "$mid" | sed 's/"id":"o"/"id":"o2"/; s/"id":"m"/"id":"m2"/' |
    "$D" --stats --state "$T/w" --window 72h > "$T/out" 2> "$T/err"
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "n o2 " \
    "--window 72h by published: 4 days later the old story is forgotten, the 2-day-old kept"
is "$(stat_of evicted)" 2 "stats: evicted 2 (the old story, and its late copy, itself older than the window)"
printf '{"id":"p","body":"no published time here at all"}\n{"id":"q","published":"not a date","body":"no published time here at all"}\n' |
    "$D" --window 72h > "$T/out"
is "$(jq -r .id "$T/out")" "p" "no (or bad) published time: arrival time, still inside the window"
printf '%s\n%s\n%s\n' "$mid" "$old" "$new" | "$D" --state "$T/md" --max-docs 2 > /dev/null
printf '%s\n%s\n' "$old" "$mid" | sed 's/"id":"o"/"id":"o3"/; s/"id":"m"/"id":"m3"/' |
    "$D" --state "$T/md" --max-docs 2 > "$T/out"
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "o3 " "--max-docs 2 evicted the oldest by time (o), kept m"

# Crash safety (kill -9 during the save, asserted to land mid-save): tests/dedupe/crash.t.
done_testing
