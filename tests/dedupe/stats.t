#!/bin/sh
# newspipe-dedupe --stats and --parse-only say what a run does: exact, near and no_body count
# this run's verdicts (not the records --emit-from only replays), evicted counts every
# article the run forgets (also those a tighter --max-docs or --window drops from the loaded
# state), and --parse-only refuses the --bands a run refuses, so `newspipe check` does too.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/dedupe/gen.sh"
need_prog newspipe-dedupe
need_prog newspipe
D="$NP_BIN/newspipe-dedupe"
stat_of() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$T/err"; }

# ---- evicted: the loaded state trimmed by a tighter --max-docs ----------------------------
gen_articles 10 1 > "$T/ten"
"$D" --state "$T/S" "$T/ten" > /dev/null
is "$?" 0 "ten articles remembered"
"$D" --stats --state "$T/S" --max-docs 3 < /dev/null > /dev/null 2> "$T/err"
is "$(stat_of loaded) $(stat_of evicted) $(stat_of remembered)" "10 7 3" \
    "--max-docs 3 on a state of 10: loaded 10, evicted 7, remembered 3"
gen_articles 1 2 | "$D" --stats --state "$T/S" --max-docs 3 > /dev/null 2> "$T/err"
is "$(stat_of loaded) $(stat_of evicted) $(stat_of remembered)" "3 1 3" \
    "a new article pushes out the oldest: evicted 1"

# ---- replayed records are no verdicts ----------------------------------------------------
cat > "$T/replay" <<'JSON'
{"id":1,"published":"2013-10-01T10:00:00Z","body":""}
{"id":2,"published":"2013-10-01T11:00:00Z","body":"alpha bravo charlie delta echo foxtrot"}
{"id":3,"published":"2013-10-01T12:00:00Z","body":"alpha bravo charlie delta echo foxtrot"}
{"id":4,"published":"2013-10-02T10:00:00Z","body":"golf hotel india juliet kilo lima"}
{"id":5,"published":"2013-10-02T11:00:00Z","body":"alpha bravo charlie delta echo foxtrot"}
{"id":6,"published":"2013-10-02T12:00:00Z","body":""}
JSON
"$D" --stats --emit-from 2013-10-02 < "$T/replay" > "$T/out" 2> "$T/err"
is "$?" 0 "--emit-from runs"
is "$(stat_of replayed) $(stat_of out) $(stat_of dropped) $(stat_of passed)" "3 2 1 1" \
    "3 replayed; of the day's 3: 1 new, 1 duplicate dropped, 1 passed without a body"
is "$(stat_of exact) $(stat_of no_body)" "1 1" \
    "exact 1 and no_body 1: the day's own, not the replayed duplicate and empty body"

# ---- --parse-only checks the options together, as a run does -----------------------------
"$D" --bands 3 --parse-only < /dev/null > "$T/po" 2>&1
is "$?" 64 "--parse-only: --bands 3 does not divide 128 hashes, 64 as a run"
like "$(cat "$T/po")" "does not divide --hashes 128" "and says why"
"$D" --hashes 100 --parse-only < /dev/null > /dev/null 2>&1
is "$?" 64 "--parse-only: --hashes 100 with the default 32 bands, 64"
"$D" --hashes 96 --bands 24 --parse-only < /dev/null > /dev/null 2>&1
is "$?" 0 "--hashes 96 --bands 24 is good"
printf 'version: 1\nstages:\n  - dedupe: {bands: 3}\n' > "$T/p.yaml"
"$NP_BIN/newspipe" check "$T/p.yaml" > "$T/check" 2>&1
is "$?" 78 "newspipe check refuses the stage (78)"
like "$(cat "$T/check")" "p.yaml:3:5: error: dedupe: --bands 3 does not divide --hashes 128" \
    "at the stage's line and column"

done_testing
