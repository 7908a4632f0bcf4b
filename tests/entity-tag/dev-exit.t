#!/bin/sh
# The exit status of entity-tag's development subcommands says what went wrong, as
# newspipe-entity-tag(1) and newspipe(7) give it: 66 an input that cannot be opened, 65 one
# that is malformed or whose gzip data is damaged, 73/74 a result that cannot be written
# (and no result file then). Inputs written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
ET="$NP_BIN/newspipe-entity-tag"
printf 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n. . O O\n' > "$T/ok.conll"
printf 'EU NNP B-NP B-ORG\nrejects\n' > "$T/bad.conll"

"$ET" train --train "$T/missing.conll" --out "$T/m" 2> "$T/err"
is "$?" 66 "train: a training file that cannot be opened: 66"
"$ET" train --train "$T/bad.conll" --out "$T/m" 2> "$T/err"
is "$?" 65 "train: a malformed training file: 65"
like "$(cat "$T/err")" "bad.conll:2: expected a token and a tag" "naming file and line"
printf -- '-DOCSTART- -X- O O\n\n' > "$T/empty.conll"
"$ET" train --train "$T/empty.conll" --out "$T/m" 2> "$T/err"
is "$?" 65 "train: a training file without tokens: 65 (no empty model)"
test ! -e "$T/m"
ok $? "and no model is written"
"$ET" train --train "$T/ok.conll" --dev "$T/missing.conll" --out "$T/m" 2> /dev/null
is "$?" 66 "train: a --dev file that cannot be opened: 66"
"$ET" eval "$T/missing.conll" > /dev/null 2>&1
is "$?" 66 "eval: a file that cannot be opened: 66"
"$ET" eval --names-from "$T/missing.conll" "$T/ok.conll" > /dev/null 2>&1
is "$?" 66 "eval --names-from: a file that cannot be opened: 66"
"$ET" clusters --out "$T/c" --conll "$T/bad.conll" 2> /dev/null
is "$?" 65 "clusters: a malformed CoNLL file: 65"

"$ET" train --train "$T/ok.conll" --cv 3 --epochs 1 2> "$T/err"
is "$?" 64 "train --cv with more folds than documents: 64 (empty folds would count as F1 0)"
like "$(cat "$T/err")" "--cv 3: .*ok.conll has 1 documents" "and says how many there are"
mkdir "$T/kept"
TMPDIR=/dev/shm "$ET" eval --keep "$T/kept" "$T/ok.conll" > /dev/null 2>&1
is "$?:$(ls "$T/kept" | tr '\n' ' ')" "0:ok.conll.in.ndjson ok.conll.out.ndjson " \
    "eval --keep keeps both files, whatever file system TMPDIR is on"
"$ET" eval --keep "$T/nodir" "$T/ok.conll" > /dev/null 2> "$T/err"
is "$?" 73 "eval --keep into a missing directory: 73, not a silent success"

# NDJSON inputs: a damaged gzip stream is bad data.
printf '{"id":1,"title":"A ZX deal","body":"Zeta said a ZX of its unit may follow."}\n' > "$T/news.ndjson"
i=0
while [ $i -lt 200 ]; do cat "$T/news.ndjson"; i=$((i + 1)); done | gzip -c > "$T/news.gz"
head -c 60 "$T/news.gz" > "$T/cut.gz"
"$ET" acronyms --out "$T/list" "$T/cut.gz" 2> "$T/err"
is "$?" 65 "acronyms: damaged gzip input: 65"
"$ET" clusters --out "$T/c" "$T/cut.gz" 2> /dev/null
is "$?" 65 "clusters: damaged gzip input: 65"
"$ET" acronyms --out "$T/list" "$T/missing.ndjson" 2> /dev/null
is "$?" 66 "acronyms: an input that cannot be opened: 66"

# A list that cannot be written is no success.
"$ET" coded-names --min-articles 1 --out "$T/nodir/list" "$T/news.ndjson" 2> "$T/err"
is "$?" 73 "coded-names: a list in a missing directory: 73"
like "$(cat "$T/err")" "nodir/list: cannot create" "and says so"
"$ET" acronyms --min-articles 1 --out "$T/nodir/list" "$T/news.gz" 2> /dev/null
is "$?" 73 "acronyms: a list in a missing directory: 73"
test ! -e "$T/nodir"
ok $? "and nothing is created"

done_testing
