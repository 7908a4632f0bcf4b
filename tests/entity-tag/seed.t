#!/bin/sh
# The seed article (../shared/examples/seed.md): the entities a careful reader marks.
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
# Meituan: a listed one-word company name is ORG (see listed-names.t).
for want in "PER	Li Qiang" "PER	Zhou Hao" "PER	Brenda Goh" "ORG	Alibaba" "ORG	Meituan" \
    "ORG	Alibaba Group Holding" "ORG	Ant Group" "ORG	Guotai Junan International" \
    "LOC	Beijing" "LOC	China" "MONEY	\$1.1 trillion" "PERCENT	2.2%" "DATE	late 2020"; do
    grep -qxF "$want" "$T/ents"
    ok $? "seed: $(printf '%s' "$want" | tr '\t' ' ')"
done
# The whole PER/ORG/LOC table of seed.md (26 mentions). The shipped model finds 19; it misses
# Ryan Woo (glued to "Editing" in the text), Pinduoduo, Tencent and U.S. (inside
# "U.S.-listed"), and types JD.com, Douyin and TikTok LOC (JD.com is ORG by the listed-name
# and web-address corrections). A floor, not a target: a change that loses any of the 19
# fails here.
found=0
for want in "PER	Li Qiang" "PER	Zhou Hao" "PER	Ella Cao" "PER	Brenda Goh" "PER	Ellen Zhang" \
    "PER	Ethan Wang" "PER	Ryan Woo" "PER	Barbara Lewis" "PER	Mark Potter" "ORG	Reuters" \
    "ORG	Alibaba" "ORG	Meituan" "ORG	PDD Holdings" "ORG	Pinduoduo" "ORG	JD.com" \
    "ORG	Alibaba Group Holding" "ORG	ByteDance" "ORG	Douyin" "ORG	TikTok" "ORG	Huolala" \
    "ORG	Ant Group" "ORG	Tencent" "ORG	Guotai Junan International" "LOC	Beijing" \
    "LOC	China" "LOC	U.S."; do
    grep -qxF "$want" "$T/ents" && found=$((found + 1))
done
[ "$found" -ge 19 ]
ok $? "seed: $found of the 26 PER/ORG/LOC mentions of seed.md (floor 19)"
done_testing
