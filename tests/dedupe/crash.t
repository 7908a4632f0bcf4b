#!/bin/sh
# Crash safety of dedupe's state: runs killed with SIGKILL *during* the save of a large state
# (crashwatch.py stops the process the moment the save is seen to begin, checks that it is
# mid-save, then kills it). After each kill the state must load, and a kill that landed
# mid-save must leave the old state byte for byte. Rounds go on until 8 kills landed
# mid-save (at most 20 rounds: a round can miss the save, about 10 ms, on a loaded machine);
# fewer than 8 fails, as the test would prove nothing (a save in place, with no temporary,
# fails here).
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/dedupe/gen.sh"
need_prog newspipe-dedupe
command -v python3 > /dev/null || skip_all "python3 absent"
D="$NP_BIN/newspipe-dedupe"
S="$T/k"
stat_of() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$T/err"; }

gen_articles 20000 4 60 > "$T/big"
"$D" --stats --state "$S" < "$T/big" > /dev/null 2> "$T/err"
base=$(stat_of remembered)
is "$base" 20000 "a state of 20000 articles"
landed=0
round=1
while [ $landed -lt 8 ] && [ $round -le 20 ]; do
    gen_articles 2000 $((10 + round)) 60 > "$T/more"
    cp "$S" "$T/before"
    how=$(python3 "$NP_TOP/tests/dedupe/crashwatch.py" "$S" "$T/more" "$D" --state "$S")
    [ "$how" = tmp ] && landed=$((landed + 1))
    "$D" --stats --state "$S" < /dev/null 2> "$T/err"
    rc=$?
    loaded=$(stat_of loaded)
    if [ "$how" = tmp ]; then
        cmp -s "$S" "$T/before" && [ $rc -eq 0 ] && [ "$loaded" = "$base" ]
        ok $? "round $round: killed mid-save; the old state is intact and loads ($rc, $loaded articles)"
    else
        [ $rc -eq 0 ] && { [ "$loaded" = "$base" ] || [ "$loaded" = $((base + 2000)) ]; }
        ok $? "round $round ($how): the state loads ($rc, $loaded articles)"
    fi
    [ $rc -eq 0 ] && [ -n "$loaded" ] && base=$loaded
    rm -f "$S".tmp.*
    round=$((round + 1))
done
[ $landed -ge 8 ]
ok $? "8 kills landed mid-save ($landed of $((round - 1)))"
# After all that, a run that is left alone saves, and the next one sees its articles.
"$D" --state "$S" < "$T/more" > /dev/null 2>&1
"$D" --stats --state "$S" < "$T/more" > "$T/out" 2> "$T/err"
is "$?:$(wc -l < "$T/out" | tr -d ' '):$(stat_of loaded)" "0:0:$((base + 2000))" \
    "a run left alone then saves: the next run loads $((base + 2000)) articles and drops the 2000"
done_testing
