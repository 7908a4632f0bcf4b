#!/bin/sh
# The seed article (../shared/examples/seed.md): the clear cases a reader expects.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
SEED="$NP_SHARED/examples/seed.ndjson"
[ -f "$SEED" ] || skip_all "seed.ndjson absent"
"$NP_BIN/newspipe-entity-tag" --model "$NP_TOP/data/entity-tag.model" < "$SEED" > "$T/out"
ok $? "tags the seed article"
python3 - "$T/out" > "$T/ents" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").readline())
for e in r["entities"]:
    assert r[e["field"]][e["start"]:e["end"]] == e["text"]
    print(e["type"] + "\t" + e["text"])
PY
ok $? "offsets match the text"
# Meituan: the model alone says LOC; a listed one-word company name makes it ORG (see
# listed-names.t).
for want in "PER	Li Qiang" "ORG	Meituan" "LOC	Beijing" "MONEY	\$1.1 trillion" "PERCENT	2.2%"; do
    grep -qxF "$want" "$T/ents"
    ok $? "seed: $(printf '%s' "$want" | tr '\t' ' ')"
done
done_testing
