#!/bin/sh
# Quality gate for summarize (issues 15 and 21): the shipped weights on the sealed test part
# of each development set (filters/summarize/dev/dataset.h has the split: by document, a
# fixed hash of the id; the trainer never reads these articles). On every set the default
# must be at least LEAD-3 in ROUGE-1, and its overall ROUGE ((R-1 + R-2 + R-Lsum) / 3) at
# least a floor 0.3 below the value measured when the weights were shipped. Summarizing and
# scoring are deterministic, so the margin only allows harmless drift; on three sets the
# floor is above LEAD-3's overall ROUGE, so falling to LEAD-3 (or to the lead cut to the same
# length) fails the gate. On the 38-article CNN+Daily Mail sample the shipped model's
# overall ROUGE is 0.12 below LEAD-3's (R-2 -0.23, R-Lsum -0.24, intervals about +-2.2: a
# tie), so its floor is below LEAD-3's. About 1,400 articles, under a second.
#
# Measured when the floors were set (make eval-summarize; overall = mean of the three):
#   set                    default R-1/R-2/R-Lsum  overall   LEAD-3 R-1, overall  floor
#   cnndm_val_cnn1000      30.34 10.89 26.49       22.57     28.15  21.25         22.27
#   cnndm_train_kaggle100  36.09 14.09 32.55       27.58     35.98  27.70         27.28
#   bbc_news_summary       48.68 43.73 48.17       46.86     44.16  41.00         46.56
#   xsum_test_helm1000     19.50  2.97 15.28       12.58     18.88  12.00         12.28
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
need_prog newspipe-summarize
W="$NP_TOP/data/summarize.weights"
[ -f "$W" ] || skip_all "data/summarize.weights absent"
SETS="cnndm_val_cnn1000 cnndm_train_kaggle100 bbc_news_summary xsum_test_helm1000"
args=
for s in $SETS; do
    f="$NP_SHARED/data/summ/$s/docs.ndjson"
    [ -f "$f" ] || skip_all "$f absent"
    args="$args --data $f"
done
floor() {
    case $1 in
    cnndm_val_cnn1000) echo 22.27 ;;
    cnndm_train_kaggle100) echo 27.28 ;;
    bbc_news_summary) echo 46.56 ;;
    xsum_test_helm1000) echo 12.28 ;;
    esac
}

# gate WEIGHTS: one line per set, "SET ok" or "SET fails: why"
gate() {
    # shellcheck disable=SC2086
    "$NP_BIN/newspipe-summarize" eval --tsv --split test --bootstrap 1 --weights "$1" $args > "$T/tsv" || return 1
    for s in $SETS; do
        awk -F'\t' -v s="$s" -v floor="$(floor "$s")" '
            $1 == s && $2 == "default" { r1 = $3; all = ($3 + $4 + $5) / 3; seen++ }
            $1 == s && $2 == "lead3" { l1 = $3; lall = ($3 + $4 + $5) / 3; seen++ }
            END {
                if (seen != 2) { print s " fails: not evaluated"; exit }
                why = ""
                if (r1 < l1) why = why sprintf(" R-1 %.2f < LEAD-3 %.2f;", r1, l1)
                if (all < floor) why = why sprintf(" overall %.2f < floor %.2f;", all, floor)
                if (why == "") printf "%s ok (R-1 %.2f vs %.2f, overall %.2f vs %.2f, floor %.2f)\n", s, r1, l1, all, lall, floor
                else print s " fails:" why
            }' "$T/tsv"
    done
}

gate "$W" > "$T/gate"
ok $? "the evaluation runs on the sealed test parts"
for s in $SETS; do
    line=$(grep "^$s " "$T/gate")
    like "$line" "^$s ok" "$line"
done

# The gate can fail: weights that turn the default into LEAD-3 (first sentences, no word
# target, no redundancy penalty), or into the lead cut to the same word target.
lead() { # WORDS SENTENCES: a weights file that ranks by position alone
    awk -v w="$1" -v n="$2" '
        /^#/ { next }
        /^mmr / { print "mmr 0"; next }
        /^words / { print "words " w; next }
        /^sentences / { print "sentences " n; next }
        /^w inv_pos / { print "w inv_pos 1"; next }
        /^w / { print "w " $2 " 0"; next }
        { print }' "$W"
}
lead 0 3 > "$T/lead3.weights"
gate "$T/lead3.weights" > "$T/gate"
n=$(grep -c " fails:" "$T/gate")
[ "$n" -ge 2 ]
ok $? "LEAD-3 in place of the model fails the gate on $n sets"
words=$(sed -n 's/^words //p' "$W")
lead "$words" 0 > "$T/leadw.weights"
gate "$T/leadw.weights" > "$T/gate"
n=$(grep -c " fails:" "$T/gate")
[ "$n" -ge 2 ]
ok $? "the lead cut to $words words in place of the model fails the gate on $n sets"

# The program as shipped, end to end: the gate above measures the weights through the
# evaluator; this measures what newspipe-summarize writes with its defaults (the default
# pipelines run it so), so a program that came to write the lead (a changed default method,
# length or option handling) fails too. A plain ROUGE-1 F1 (lower-cased letter and digit
# runs, no stemming) over every article of the set against its reference, beside the
# program's own --method lead (LEAD-3) and the lead cut to the trained word target. Measured
# when written: CNN 29.96 vs 27.25 and 28.80; BBC 48.49 vs 44.11 and 42.42. The margin 0.5
# is below both gains (1.16 and 4.38 over the better lead).
cat > "$T/r1.py" <<'PY'
import json, re, sys
from collections import Counter
tok = lambda s: Counter(re.findall(r"[a-z0-9]+", s.lower()))
tot = n = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    ref = d["reference"]
    a, b = tok(d.get("summary", "")), tok(" ".join(ref) if isinstance(ref, list) else ref)
    o = sum((a & b).values())
    tot += 2 * o / (sum(a.values()) + sum(b.values())) if o else 0
    n += 1
print("%.2f" % (100 * tot / n))
PY
for s in cnndm_val_cnn1000 bbc_news_summary; do
    f="$NP_SHARED/data/summ/$s/docs.ndjson"
    "$NP_BIN/newspipe-summarize" "$f" > "$T/default.ndjson" &&
        "$NP_BIN/newspipe-summarize" --method lead "$f" > "$T/lead3.ndjson" &&
        "$NP_BIN/newspipe-summarize" --method lead --words "$words" "$f" > "$T/leadw.ndjson"
    ok $? "$s: the program runs with its defaults, as LEAD-3 and as the lead cut to $words words"
    d=$(python3 "$T/r1.py" "$T/default.ndjson")
    l=$(python3 "$T/r1.py" "$T/lead3.ndjson")
    w=$(python3 "$T/r1.py" "$T/leadw.ndjson")
    awk -v d="$d" -v l="$l" -v w="$w" 'BEGIN { exit !(d >= l + 0.5 && d >= w + 0.5) }'
    ok $? "$s: the program's own output beats both leads by 0.5 ROUGE-1 (plain): $d vs $l, $w"
done
done_testing
