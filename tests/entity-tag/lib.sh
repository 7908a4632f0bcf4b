# Sourced by the entity-tag tests that tag a few sentences written for them, after
# tests/lib.sh: skips the test unless the filter, python3 and the shipped model are there.
# `add TEXT` appends a record (ids 1, 2, ...); `tag_cases` tags them all, checks that every
# entity's offsets give its text, and writes "ID TYPE:TEXT | ..." lines; `got N` prints
# record N's entities.
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"
case_n=0
: > "$T/in"
add() { # TEXT
    case_n=$((case_n + 1))
    printf '{"id":%d,"body":"%s"}\n' "$case_n" "$1" >> "$T/in"
}
tag_cases() {
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
}
got() { awk -v i="$1" '$1 == i { $1 = ""; sub(/^ /, ""); print }' "$T/ents"; }
