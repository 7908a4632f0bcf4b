#!/bin/sh
# newspipe-entity-tag: a headline's source after its last colon ("...: FT", "...: Nikkei") is
# ORG where the model typed it LOC or MISC; a place of the lists and a person quoted so stay
# (see published.h). Headlines written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
cat >> "$T/in" <<'EOF2'
{"id":1,"title":"U.S. regulators seek over $6 billion from BofA: FT"}
{"id":2,"title":"Toyota to build new plant in Mexico: Nikkei"}
{"id":3,"title":"Yen to weaken further: Kuroda"}
{"id":4,"title":"Talks on Iran to resume: White House"}
EOF2
tag_cases
like "$(got 1)" "ORG:BofA \| ORG:FT$" "the source after the colon is ORG"
like "$(got 2)" "LOC:Mexico \| ORG:Nikkei$" "also where the model typed it MISC"
like "$(got 3)" "PER:Kuroda$" "a person quoted stays PER"
like "$(got 4)" "LOC:White House$" "a place of the lists stays LOC"
done_testing
