#!/bin/sh
# newspipe-entity-tag: an ORG entity takes the capitalized word before it when the two make an
# organisation of the lists the model is built with (listed companies, Wikipedia's
# organisation titles): "according to Thomson Reuters I/B/E/S" is ORG "Thomson Reuters", not
# ORG "Reuters" alone; never "The", nor a word the model tagged MISC.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"
printf '%s\n' '{"id":1,"body":"Analysts had expected earnings of 5 cents a share, according to Thomson Reuters I/B/E/S."}' \
    '{"id":2,"body":"Profit rose, Reuters said, citing data from the company."}' > "$T/in"
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
like "$(got 1)" "ORG:Thomson Reuters( |$)" "the word before an ORG joins it when the two are a listed organisation"
ok "$(got 1 | grep -c 'ORG:Reuters')" "and the ORG is not the shorter one"
like "$(got 2)" "ORG:Reuters( |$)" "an ORG with no such word before it is as the model has it"
done_testing
