#!/bin/sh
# make eval-dedupe: quality of newspipe-dedupe on the generated development set (its dev
# part, three seeds) and on the Reuters sample's exact and silver story groups. Needs
# ../shared. SEALED=1 also scores the sealed test part (other stories, companies and days;
# seed 1001): look at it only once a change is final.
set -e
: "${NP_BIN:=bin}" "${SHARED:=../shared}" "${OUT:=build}"
R="$SHARED/data/corpora/reuters-fin-2013q4-sample"
if [ ! -f "$R/articles.ndjson" ]; then
    echo "skipped: $R absent (the evaluation needs ../shared)"
    exit 0
fi
D="$OUT/dedupe/eval"
mkdir -p "$D"
TH=${THRESHOLDS:-0.35 0.4 0.45 0.5 0.55 0.6}
for seed in 1 2 3; do
    "$OUT/dedupe/devset" "$R/articles.ndjson" "$R/labels.ndjson" $seed dev > "$D/devset$seed.ndjson"
done
echo "== generated set, seed 1, default parameters:"
echo "   $NP_BIN/newspipe-dedupe --mark < $D/devset1.ndjson | $OUT/dedupe/score devset -"
"$NP_BIN/newspipe-dedupe" --mark < "$D/devset1.ndjson" | "$OUT/dedupe/score" devset -
for seed in 2 3; do
    echo "== generated set, seed $seed, default parameters (summary):"
    "$NP_BIN/newspipe-dedupe" --mark < "$D/devset$seed.ndjson" | "$OUT/dedupe/score" devset - |
        grep -E '^(exact duplicates|near duplicates|templated|short|update-all|combo3)'
done
if [ "${SEALED:-0}" = 1 ]; then
    "$OUT/dedupe/devset" "$R/articles.ndjson" "$R/labels.ndjson" 1001 test > "$D/sealed.ndjson"
    echo "== SEALED test part (seed 1001), default parameters:"
    "$NP_BIN/newspipe-dedupe" --mark < "$D/sealed.ndjson" | "$OUT/dedupe/score" devset -
fi
echo "== threshold sweep (near-duplicate recall / precision, seeds 1 2 3):"
for th in $TH; do
    printf 'threshold %-5s' "$th"
    for seed in 1 2 3; do
        "$NP_BIN/newspipe-dedupe" --mark --threshold "$th" < "$D/devset$seed.ndjson" |
            "$OUT/dedupe/score" devset - |
            sed -n 's/^near duplicates: recall \([0-9.]*\).*precision \([0-9.]*\).*/  R \1 P \2/p' | tr -d '\n'
    done
    echo
done
echo "== Reuters sample (exact body_md5 groups; story_id groups are silver):"
echo "   $NP_BIN/newspipe-dedupe --mark --time-field date < $R/articles.ndjson | $OUT/dedupe/score reuters - $R/labels.ndjson"
"$NP_BIN/newspipe-dedupe" --mark --time-field date < "$R/articles.ndjson" |
    "$OUT/dedupe/score" reuters - "$R/labels.ndjson" > "$D/reuters.txt"
grep -v '^unlabeled flag' "$D/reuters.txt"
awk '/^unlabeled flag/ { n++; if ($NF < min || n == 1) min = $NF; a = $3; b = $5;
     sub(/-id[A-Z0-9]+$/, "", a); sub(/-id[A-Z0-9]+$/, "", b); same += (a == b) }
     END { printf "unlabeled flags: %d, lowest exact Jaccard %s, %d with the same URL slug (list in %s)\n", n, min, same, FILENAME }' "$D/reuters.txt"
echo "== MinHash against SimHash, pair by pair on the seed-1 set ($OUT/dedupe/sketchcmp $D/devset1.ndjson):"
"$OUT/dedupe/sketchcmp" "$D/devset1.ndjson"
