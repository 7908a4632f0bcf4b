#!/bin/sh
# One-word company names exactly as listed ("Meituan", "Aramark") are ORG even where the
# model, trained on 1996 news, calls them a place or a person; not after "the", not when a
# place list knows the word, and not for names that are only a listed name minus its legal
# suffix ("Arundel" of "Arundel AG").
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
command -v python3 >/dev/null || skip_all "python3 absent"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"
cat > "$T/in.ndjson" <<'J'
{"id":"1","body":"Shares of Aramark rose 3% on Tuesday after the results. Analysts said Aramark had done well."}
{"id":"2","body":"Deforestation in the Amazon rose sharply last year, officials in Brasilia said."}
{"id":"3","body":"He grew up in Orange, a town west of Sydney, and later moved to Melbourne."}
{"id":"4","body":"The sculptor lived in Arundel for twenty years before moving to London."}
J
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" < "$T/in.ndjson" > "$T/out"
ok $? "tags the articles"
python3 - "$T/out" > "$T/ents" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for e in r.get("entities", []):
        print(r["id"] + "\t" + e["type"] + "\t" + e["text"])
PY
is "$(grep -c '^1	ORG	Aramark$' "$T/ents")" 2 "a listed one-word name is ORG in both sentences"
is "$(grep -c '	ORG	Amazon$' "$T/ents")" 0 "not after \"the\" (the Amazon)"
is "$(grep -c '	ORG	Orange$' "$T/ents")" 0 "not a word a place list knows (Orange)"
is "$(grep -c '	ORG	Arundel$' "$T/ents")" 0 "not a listed name minus its suffix (Arundel of Arundel AG)"
# Fabrinet: the shipped model alone calls it LOC in both sentences (the Aramark of the first
# line it now types ORG by itself); not after "Shares of", which makes a company's name ORG
# by itself (shares.t)
echo '{"id":"5","body":"Investors in Fabrinet cheered on Tuesday after the results. Analysts said Fabrinet had done well."}' > "$T/fab.ndjson"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" < "$T/fab.ndjson" > "$T/fixed"
is "$(grep -o '"text":"Fabrinet","type":"ORG"' "$T/fixed" | wc -l | tr -d ' ')" 2 "the correction makes Fabrinet ORG"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" --no-listed-names < "$T/fab.ndjson" > "$T/raw"
ok $? "--no-listed-names runs"
is "$(grep -c '"text":"Fabrinet","type":"ORG"' "$T/raw")" 0 "--no-listed-names keeps the model's own types"
done_testing
