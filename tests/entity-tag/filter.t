#!/bin/sh
# newspipe-entity-tag as a filter: output shape and order, code-point offsets with multi-byte
# UTF-8, emoji and combining marks, missing / null / non-string fields, empty and 10 MB bodies,
# --types, --fields, idempotent re-runs.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
ET="$NP_BIN/newspipe-entity-tag"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"

# check.py FILE: every entity's text equals field[start:end] (Python code points), entities
# are sorted by field then start, and types are known. Prints "ok" or the first problem.
cat > "$T/check.py" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    ents = r.get("entities")
    if ents is None:
        continue
    last = None
    for e in ents:
        s = r[e["field"]]
        if s[e["start"]:e["end"]] != e["text"]:
            print("offset mismatch", e, repr(s[e["start"]:e["end"]])); sys.exit(1)
        if e["type"] not in ("PER", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "DATE"):
            print("bad type", e); sys.exit(1)
        key = (e["field"], e["start"])
        if last is not None and key < last:
            print("not sorted", e); sys.exit(1)
        last = key
        n += 1
print("ok", n)
PY

# multi-byte text: accents, CJK, emoji (astral, 2 UTF-16 units), combining marks, ZWJ
cat > "$T/utf8.ndjson" <<'EOF2'
{"id":"u1","title":"Zürich café 😀 rally","body":"Ça va? 👩‍👩‍👧 José Martínez said on Wednesday that Nestlé SA paid €5 billion, up 2.2% from last week, while Cafe\u0301 Holdings of Mu\u0308nchen rose 3 percent.\n\n“BMW’s sales in Germany rose,” said Angela Merkel in Berlin on July 12, 2023."}
{"id":"u2","body":"日本 東京 😀😀😀 Toyota Motor Corp said profit rose 10% to ¥2 trillion in the second quarter."}
EOF2
"$ET" --model "$MODEL" < "$T/utf8.ndjson" > "$T/utf8.out"
ok $? "tags multi-byte text"
res=$(python3 "$T/check.py" "$T/utf8.out")
is "${res%% *}" ok "offsets are code points: field[start:end] == text (emoji, combining marks, CJK)"
# 19 entities today (9 from the rules); a tagger that finds nothing, or only the rules, fails
n=${res#ok }
case $n in *[!0-9]* | '') n=0 ;; esac
[ "$n" -ge 15 ]
ok $? "at least 15 entities found in the two records ($n)"
like "$(cat "$T/utf8.out")" '"text":"José Martínez","type":"PER"' "a PER after emoji and a ZWJ sequence"
like "$(cat "$T/utf8.out")" '"text":"Angela Merkel","type":"PER"' "a PER after curly quotes"
like "$(cat "$T/utf8.out")" '"text":"Toyota Motor Corp","type":"ORG"' "an ORG after CJK and emoji"
like "$(cat "$T/utf8.out")" '"text":"Berlin","type":"LOC"' "a LOC"
like "$(cat "$T/utf8.out")" '"text":"€5 billion","type":"MONEY"' "MONEY after multi-byte text"
like "$(cat "$T/utf8.out")" '"text":"2.2%","type":"PERCENT"' "PERCENT"
like "$(cat "$T/utf8.out")" '"text":"July 12, 2023","type":"DATE"' "DATE"
like "$(cat "$T/utf8.out")" '"text":"¥2 trillion","type":"MONEY"' "MONEY in yen after CJK and emoji"

# the same text through --types rules only: exact, model-independent output
printf '%s\n' '{"body":"😀 é\u0301 paid $1.1 trillion, 2.2% more, on Wednesday."}' |
    "$ET" --model "$MODEL" --types MONEY,PERCENT,DATE > "$T/rules.out"
is "$(sed 's/.*"entities"://' "$T/rules.out")" \
   '[{"text":"$1.1 trillion","type":"MONEY","field":"body","start":10,"end":23},{"text":"2.2%","type":"PERCENT","field":"body","start":25,"end":29},{"text":"Wednesday","type":"DATE","field":"body","start":39,"end":48}]}' \
   "--types MONEY,PERCENT,DATE: exact entities and code-point offsets (emoji = 1, e + combining = 2)"

# fields: missing -> passed byte for byte; null -> absent; wrong type -> rejected
printf '%s\n' '{"id":1,  "other":"Li Qiang met Alibaba"}' > "$T/nofield.ndjson"
"$ET" --model "$MODEL" < "$T/nofield.ndjson" > "$T/nofield.out"
cmp -s "$T/nofield.ndjson" "$T/nofield.out"
ok $? "a record without title/body passes byte for byte"
printf '%s\n' '{"id":2,"title":null,"body":null}' | "$ET" --model "$MODEL" > "$T/null.out"
is "$(cat "$T/null.out")" '{"id":2,"title":null,"body":null}' "null fields count as absent: passed untouched"
printf '%s\n' '{"id":3,"body":42}' '{"id":4,"body":"ok"}' | "$ET" --model "$MODEL" > "$T/wrong.out" 2> "$T/wrong.err"
is "$(wc -l < "$T/wrong.out" | tr -d ' ')" 1 "a record with a numeric body is rejected, the next one passes"
like "$(cat "$T/wrong.err")" 'body' "the rejection names the field"
printf '%s\n' '{"id":3,"title":{"a":1}}' | "$ET" --model "$MODEL" --strict > /dev/null 2>&1
is $? 65 "--strict: an object title exits 65"

# empty body, and a body with only spaces
printf '%s\n' '{"body":""}' '{"title":"","body":"   \n\n  "}' | "$ET" --model "$MODEL" > "$T/empty.out"
is "$(cat "$T/empty.out")" '{"body":"","entities":[]}
{"title":"","body":"   \n\n  ","entities":[]}' "empty bodies get an empty entities array"

# order: title entities before body ones (sorted by field name: body < title)
printf '%s\n' '{"title":"Apple profit rose 5%","body":"Sales rose 3% on Monday."}' |
    "$ET" --model "$MODEL" --types PERCENT,DATE > "$T/order.out"
is "$(python3 -c 'import json,sys; print(" ".join(e["field"]+":"+e["text"] for e in json.loads(open(sys.argv[1]).read())["entities"]))' "$T/order.out")" \
   "body:3% body:Monday title:5%" "entities sorted by field, then start"
printf '%s\n' '{"title":"Apple profit rose 5%","body":"Sales rose 3% on Monday."}' |
    "$ET" --model "$MODEL" --types PERCENT --fields title > "$T/fields.out"
like "$(cat "$T/fields.out")" '"entities":\[\{"text":"5%","type":"PERCENT","field":"title","start":18,"end":20\}\]' "--fields title tags the title only"
printf '%s\n' '{"body":"Google Inc"}' | "$ET" --model "$MODEL" --fields body,body > "$T/o" 2> "$T/e"
is "$?:$(cat "$T/o")" "64:" "--fields naming a field twice is a usage error (its entities would be written twice)"

# idempotent: running twice gives the same record (entities replaced in place)
"$ET" --model "$MODEL" < "$T/utf8.out" > "$T/utf8.out2"
cmp -s "$T/utf8.out" "$T/utf8.out2"
ok $? "re-running on its own output changes nothing"

# usage errors
"$ET" --model "$MODEL" --types PER,FOO < /dev/null > /dev/null 2>&1
is $? 64 "--types with an unknown type exits 64"

# a 10 MB body (one record) finishes and stays correct: linear time, bounded memory
python3 - "$T/big.ndjson" <<'PY'
import json, sys
unit = ("Shares of Apple Inc. rose 2.2% to $485 on Tuesday, Carl Icahn told Reuters in "
        "New York. Zürich-based Nestlé 😀 said profit fell 3 percent last week. ")
body = unit * (10_000_000 // len(unit.encode()) + 1)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "big", "body": body}, ensure_ascii=False) + "\n")
PY
"$ET" --model "$MODEL" < "$T/big.ndjson" > "$T/big.out"
ok $? "a 10 MB body is tagged"
res=$(python3 "$T/check.py" "$T/big.out")
like "$res" '^ok [0-9]{5,}$' "10 MB body: all offsets check out ($res entities)"
done_testing
