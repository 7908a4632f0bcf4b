#!/bin/sh
# "newspipe-entity-tag coded-names": the names that at least N articles of NDJSON news write
# right before a Reuters code (the capitalized run before "( CODE )" or "<CODE>", a possessive
# allowed, without a leading "The"; not the tail of a longer name, "Bank of America Corp");
# lines that are no JSON object, and fields that are no string, are skipped; the list is
# written whole or not at all. Articles written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
ET="$NP_BIN/newspipe-entity-tag"
cat > "$T/a.ndjson" <<'EOF2'
{"title":"Zeta Mining Corp ( ZMC.N ) rises","body":"It sold shares in Quill Bank ( QB.L ). The Orbit Group's ( ORB.PA ) unit grew."}
{"body":"Zeta Mining Corp ( ZMC.N ) and Quill Bank <QB.L> said so. Bank of America Corp ( BAC.N ) too."}
not json at all
{"body":"The Orbit Group ( ORB.PA ) and Lone Star ( LS.N ) and Bank of America Corp ( BAC.N )."}
{"title":"no body here"}
{"body":"Zeta Mining Corp\n( ZMC.N ) split over a line, and Zeta Mining Corp ( ZMC.N ) twice in one article."}
EOF2
"$ET" coded-names --out "$T/list" "$T/a.ndjson"
is $? 0 "exits 0"
is "$(tr '\n' '|' < "$T/list")" "Orbit Group|Quill Bank|Zeta Mining Corp|" \
    "names written before codes in two articles or more, sorted; not one article's twice, nor a name's tail"
"$ET" coded-names --min-articles 1 --out "$T/list" "$T/a.ndjson"
is "$(tr '\n' '|' < "$T/list")" "Lone Star|Orbit Group|Quill Bank|Zeta Mining Corp|" \
    "--min-articles sets how many articles"
echo keep > "$T/list"
"$ET" coded-names --out "$T/list" "$T/a.ndjson" "$T/absent.ndjson" 2> "$T/err"
is $? 66 "a file that cannot be opened: exit 66"
like "$(cat "$T/err")" "absent\.ndjson" "the error names the file"
is "$(cat "$T/list")" "keep" "and the old list stays as it was"
"$ET" coded-names "$T/a.ndjson" 2> /dev/null
is $? 64 "no --out: usage, exit 64"
"$ET" coded-names --min-articles 0 --out "$T/list" "$T/a.ndjson" 2> /dev/null
is $? 64 "--min-articles below 1: exit 64"
# bad records: invalid UTF-8, fields of the wrong type, a run longer than any name, and one
# line of 2.6 MB, which is read
printf '{"body":"Acme \377\376 Corp ( AC.N )"}\n{"title":7,"body":["Acme Corp ( AC.N )"]}\n' > "$T/b.ndjson"
printf '{"body":"One Two Three Four Five Six Seven ( SEV.N ) and Acme Corp ( AC.N )"}\n' >> "$T/b.ndjson"
awk 'BEGIN { printf "{\"body\":\""; for (i = 0; i < 100000; i++) printf "x Acme Corp ( AC.N ) y. "; print "\"}" }' >> "$T/b.ndjson"
"$ET" coded-names --out "$T/list" "$T/b.ndjson"
is $? 0 "bad records do not stop it"
is "$(cat "$T/list")" "Acme Corp" "a long line counts as an article; a run of seven words is no name"
"$ET" coded-names --help 2> /dev/null
is $? 0 "--help exits 0"
done_testing
