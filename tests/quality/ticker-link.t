#!/bin/sh
# Quality gate for ticker-link (issue 21): recall on the companies of the sealed test part of
# the Reuters 2013 sample, which neither learning nor curation has seen (the split is a fixed
# rule in bench/ticker-link-heldout.py), and precision on the hand-labelled gold articles.
# The table is the held-out one `make check` builds first (the shipped sources, the curated
# rows without the test companies, pairs learnt with their codes excluded). Linking is
# deterministic: the margins only allow harmless drift, and sit inside the bootstrap interval.
#
# Measured when the floors were set (make eval-ticker-link, "dev" table; the floors were set
# at round 1 with the margins 0.028, 0.023, 0.018, 0.023 and are only ever raised):
#   masked recall, test companies    359/740 = 0.485 (95% 0.444-0.525)   floor 0.457
#   explicit recall, test companies  739/740 = 0.999                      floor 0.975
#   gold precision (issuers)         477/492 = 0.970 (95% 0.951-0.984)   floor 0.950
#   gold recall, test companies       84/95  = 0.884                      floor 0.860
# (round 1: 0.458, 0.773, 0.938, 0.863; precision's floor stays at 0.920, not lowered;
# round 2, issue 19 recall: masked 0.430 -> 0.440, gold recall 0.850 -> 0.860, measured
# minus the same margins; explicit 0.746 by that rule, so its floor stays; issue 19
# precision, the choice between same-name companies (choose.c): 0.936 -> 0.944, floor
# 0.920 -> 0.925; issue 19 this stop, the sibling issuers (import) and the ric field
# (explicit codes printed as written): precision 0.925 -> 0.950, explicit 0.750 -> 0.975,
# measured minus the same margins, rounded down; masked recall and gold recall unchanged;
# next stop, short forms supported by the article's context and old snapshots' companies
# joined to their SEC issuers: masked recall 0.440 -> 0.446, measured minus its margin;
# next stop, the split also leaves out the rows of a test company's issuer written under
# its later code, and this stop's rules: masked recall 0.446 -> 0.447, measured minus its
# margin; next stop, a name's opening words as a form, competitor and list supports of short
# forms: masked recall 0.447 -> 0.450, measured minus its margin; precision 475/489 ->
# 475/490, its floor unchanged; next stop, names in camel case and initials, table cells,
# counts before a name, units and lists of large companies: masked recall 0.450 -> 0.457,
# measured minus its margin; precision 475/490 -> 477/492, its floor unchanged)
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
need_prog newspipe-ticker-link
command -v python3 > /dev/null || skip_all "python3 absent"
[ -f "$NP_SHARED/data/corpora/reuters-fin-2013q4-sample/articles.ndjson" ] || skip_all "Reuters sample absent"
TABLE="${NP_OUT:-$NP_TOP/build}/ticker-link/heldout/dev.tsv"
[ -f "$TABLE" ] || skip_all "held-out table not built (make check builds it)"
export NEWSPIPE_CACHE_DIR="$T/cache"

score() { # TABLE: the evaluation's report
    python3 "$NP_TOP/bench/ticker-link-heldout.py" score --bin "$NP_BIN/newspipe-ticker-link" \
        --shared "$NP_SHARED" --listings "$1" --gold "$NP_TOP/tests/ticker-link/gold.tsv"
}
figure() { # PATTERN: the ratio after "= " on the report line that matches
    grep "$1" "$T/report" | sed -n 's/.*= \([0-9.]*\).*/\1/p' | head -1
}
at_least() { # GOT FLOOR
    awk -v g="$1" -v f="$2" 'BEGIN { exit !(g != "" && g + 0 >= f + 0) }'
}

score "$TABLE" > "$T/report"
ok $? "the held-out evaluation runs"
masked=$(figure '^masked recall, test')
explicit=$(figure '^explicit recall, test')
prec=$(figure '^gold precision')
grec=$(figure '^gold recall, test')
at_least "$masked" 0.457
ok $? "masked-code recall on never-seen companies $masked >= 0.457"
at_least "$explicit" 0.975
ok $? "explicit-code recall on never-seen companies $explicit >= 0.975"
at_least "$prec" 0.950
ok $? "gold precision $prec >= 0.950"
at_least "$grec" 0.860
ok $? "gold recall on never-seen companies $grec >= 0.860"

# The gate can fail: a table with no names links nothing by name.
printf '# newspipe-listings 1\nsymbol\tmic\tname\nZZZZ\tXNYS\tNobody Such Co\n' > "$T/empty.tsv"
score "$T/empty.tsv" > "$T/report"
masked=$(figure '^masked recall, test')
! at_least "$masked" 0.430
ok $? "a table without the companies gives $masked < 0.430 (the gate catches it)"
done_testing
