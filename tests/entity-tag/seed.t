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
for want in "PER	Li Qiang" "ORG	Meituan" "LOC	Beijing" "MONEY	\$1.1 trillion" "PERCENT	2.2%"; do
    grep -qxF "$want" "$T/ents"
    st=$?
    case $want in
    *Meituan)
        # Known failure, reported as TODO: "Meituan" (unseen in training, no word class, in
        # the company listings) is typed by a near tie of the single-token labels, and the
        # tie falls by training seed: the 1-perceptron recipe gave ORG, MISC, ORG for seeds
        # 1-3, the shipped 5-perceptron recipe (better on eng.testa and on wikigold ORG)
        # gives LOC for all three. The fix is stronger company evidence, not a luckier seed.
        _tap_n=$((_tap_n + 1))
        if [ $st -eq 0 ]; then echo "ok $_tap_n - seed: ORG Meituan # TODO typed by a near tie"
        else echo "not ok $_tap_n - seed: ORG Meituan # TODO typed by a near tie ($(grep -F Meituan "$T/ents" | tr '\t' ' '))"; fi
        ;;
    *) ok $st "seed: $(printf '%s' "$want" | tr '\t' ' ')" ;;
    esac
done
done_testing
