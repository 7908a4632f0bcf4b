#!/bin/sh
# Part of make eval-entity-tag: how the shipped model types one-word listed company names
# (the list make model builds: companies.sh --as-listed), alone and with the ORG correction.
# A probe of our own wording, not a quality figure: each name in two sentences.
set -e
: "${NP_BIN:=bin}" "${OUT:=build}" "${ETAG_MODEL:=data/entity-tag.model}"
names="$OUT/entity-tag/company-names.txt"
if [ ! -s "$names" ]; then
    echo "listed names: skipped ($names absent: make model builds it)"
    exit 0
fi
probe="$OUT/entity-tag/listed-probe.ndjson"
awk '{ gsub(/["\\]/, ""); printf "{\"id\":\"%s\",\"body\":\"Investors in %s cheered on Tuesday after the results. Analysts said %s had done well.\"}\n", $0, $0, $0 }' "$names" > "$probe"
count() {
    "$NP_BIN/newspipe-entity-tag" --model "$ETAG_MODEL" --types PER,ORG,LOC,MISC "$@" < "$probe" |
        python3 -c '
import collections, json, sys
c = collections.Counter()
for line in sys.stdin:
    r = json.loads(line)
    for e in r["entities"]:
        if e["text"] == r["id"]:
            c[e["type"]] += 1
print(", ".join("%s %d" % (t, c[t]) for t in ("ORG", "LOC", "PER", "MISC")))'
}
n=$(wc -l < "$names")
echo "listed one-word company names ($n names, $((2 * n)) mentions in $probe):"
echo "  model alone (--no-listed-names): $(count --no-listed-names)"
echo "  with the ORG correction:         $(count)"
