#!/bin/sh
# newspipe-entity-tag: names inside hyphenated compounds. A PER, ORG or LOC entity ending on
# "-based", "-owned", "-branded" and the like ends before the hyphen; a MISC compound stays
# whole, as CoNLL-2003 tags it ("Toronto-based"); a hyphen inside a name ("Li Ka-shing") is no
# compound. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"
n=0
: > "$T/in"
add() { n=$((n + 1)); printf '{"id":%d,"body":"%s"}\n' "$n" "$1" >> "$T/in"; }
add 'Shares in some U.S.-listed Chinese firms rallied on Wednesday.'
add 'Hong Kong tycoon Li Ka-shing said on Monday he would sell the stake.'
add 'J.C. Penney Co Inc sold Martha Stewart-branded home goods, the company said.'
add 'Toronto-based Brookfield said on Monday it would buy the firm.'
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" < "$T/in" > "$T/out"
ok $? "tags the records"
python3 - "$T/out" > "$T/ents" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for e in r["entities"]:
        assert r[e["field"]][e["start"]:e["end"]] == e["text"], e
    print(r["id"], " | ".join(e["type"] + ":" + e["text"] for e in r["entities"]))
PY
ok $? "offsets match the text"
got() { awk -v i="$1" '$1 == i { $1 = ""; sub(/^ /, ""); print }' "$T/ents"; }
ok "$(got 2 | grep -c 'Ka( |$)')" "a hyphen inside a name is no compound (Li Ka-shing is not cut)"
like "$(got 3)" "PER:Martha Stewart( |$)" "a person's entity ends before '-branded'"
ok "$(got 4 | grep -c 'LOC:Toronto( |$)')" "a MISC compound stays whole, as CoNLL-2003 tags it"
done_testing
