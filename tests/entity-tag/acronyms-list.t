#!/bin/sh
# "newspipe-entity-tag acronyms": the acronyms that at least N articles of NDJSON news use as
# common nouns (spelled out in lower case, after "a"/"an" before a stop or function word, in
# the plural) and that no article spells out in capitals; lines that are no JSON object, and
# fields that are no string, are skipped; the list is written whole or not at all. Articles written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
ET="$NP_BIN/newspipe-entity-tag"
cat > "$T/a.ndjson" <<'EOF2'
{"title":"Zeta plans an IPO","body":"Zeta said an IPO of its unit may follow. The ECB watched."}
{"title":"IPOs are back","body":"Tech IPOs rose. Zeta weighs a REIT."}
not json at all
{"body":"It filed for an initial public offering (IPO) and a real estate investment trust (REIT)."}
{"body":"Another IPO of note. The European Central Bank (ECB) met; a ECB."}
{"body":"Bankers said an IPO of Zeta may come. A REIT, they said."}
{"title":"no body here"}
EOF2
"$ET" acronyms --out "$T/list" "$T/a.ndjson"
is $? 0 "exits 0"
is "$(cat "$T/list")" "IPO" "an acronym four articles use as a common noun; not one three do, nor one spelled out in capitals"
"$ET" acronyms --min-articles 3 --out "$T/list" "$T/a.ndjson"
is "$(tr '\n' ' ' < "$T/list")" "IPO REIT " "--min-articles sets how many articles (sorted, one a line)"
echo keep > "$T/list"
"$ET" acronyms --out "$T/list" "$T/a.ndjson" "$T/absent.ndjson" 2> "$T/err"
is $? 66 "a file that cannot be opened: exit 66"
like "$(cat "$T/err")" "absent\.ndjson" "the error names the file"
is "$(cat "$T/list")" "keep" "and the old list stays as it was"
"$ET" acronyms "$T/a.ndjson" 2> /dev/null
is $? 64 "no --out: usage, exit 64"
"$ET" acronyms --min-articles 0 --out "$T/list" "$T/a.ndjson" 2> /dev/null
is $? 64 "--min-articles below 1: exit 64"
# bad records: invalid UTF-8, fields of the wrong type, and one line of 2.6 MB, which is read
printf '{"body":"an ETF of \377\376 it"}\n{"title":7,"body":["an IPO of"]}\n' > "$T/b.ndjson"
printf '{"body":"an IPO of it"}\n{"body":"IPOs rose"}\n{"body":"an IPO."}\n' >> "$T/b.ndjson"
awk 'BEGIN { printf "{\"body\":\""; for (i = 0; i < 200000; i++) printf "an IPO of x. "; print "\"}" }' >> "$T/b.ndjson"
"$ET" acronyms --out "$T/list" "$T/b.ndjson"
is $? 0 "bad records do not stop it"
is "$(cat "$T/list")" "IPO" "and a long line counts as an article (the fourth)"
# an acronym only written, never used as a common noun, is not counted (the rule that looks
# for its lower-case spelling elsewhere looks at every acronym of three capitals or more)
printf '{"body":"The XYZ said on Monday it would buy Zeta."}\n%.0s' 1 2 3 4 5 > "$T/c.ndjson"
"$ET" acronyms --out "$T/list" "$T/c.ndjson"
is "$(cat "$T/list")" "" "an acronym five articles merely write is no common noun"
"$ET" acronyms --help 2> /dev/null
is $? 0 "--help exits 0"
done_testing
