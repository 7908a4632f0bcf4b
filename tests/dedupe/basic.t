#!/bin/sh
# newspipe-dedupe: drop and --mark modes, exact and near duplicates, ids of either type,
# records without id or body, wrong-typed bodies, --stats, and the contract with --mark.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/dedupe/gen.sh"
need_prog newspipe-dedupe
D="$NP_BIN/newspipe-dedupe"

gen_articles 3 1 300 > "$T/base"
# a near duplicate of article 0: its first 30 words replaced, and a paragraph appended
near=$(head -n 1 "$T/base" | sed 's/"body":"\(\(w[0-9]* \)\{30\}\)/"body":"reworded lead of the story that now reads differently in every way here and there again /; s/\.\"}$/ An added paragraph with new facts.\"}/; s/"id":"a-1-0"/"id":"near-1"/')
{
    cat "$T/base"
    echo "$near"
    head -n 1 "$T/base" | sed 's/"id":"a-1-0"/"id":7/; s/"body":"w/"body":"  W/'   # exact body, case/space
    sed -n 2p "$T/base" | sed 's/"body":"[^"]*"/"body":"other text"/'               # same id as article 1
    echo '{"id":"e1","body":""}'
    echo '{"id":"e2"}'
    echo '{"id":"e3","body":null}'
    echo '{"id":"e1","body":"now with a body"}'                                        # same id as e1
    echo '{"title":"no id","body":"an article without any id at all in it"}'
    echo '{"id":"n2","body":"an article without any id at all in it"}'
    echo '{"id":"bad","body":42}'
} > "$T/in"

"$D" --stats < "$T/in" > "$T/out" 2> "$T/err"
is "$?" 0 "exit 0"
is "$(jq -r '.id' "$T/out" | tr '\n' ' ')" "a-1-0 a-1-1 a-1-2 e1 e2 e3 null " \
    "drop mode keeps the first of each story, body-less records, and the id-less original"
like "$(cat "$T/err")" '"exact":4,"near":1,"no_body":3' "stats: exact 4 (body, id, id, body), near 1, no_body 3"
like "$(cat "$T/err")" '"rejected":1' "a numeric body is rejected"
like "$(cat "$T/err")" 'field body: expected a string' "with a reason naming the field"
like "$(cat "$T/err")" '"passed":3' "body-less records are passed through (counted)"

"$D" --mark < "$T/in" > "$T/mark" 2>/dev/null
is "$(wc -l < "$T/mark" | tr -d ' ')" 12 "--mark keeps every record (the rejected one aside)"
is "$(jq -c 'select(.id=="near-1") | [.duplicate_of, (.similarity > 0.5 and .similarity < 1)]' "$T/mark")" \
    '["a-1-0",true]' "near duplicate marked with the original's id and an overlap estimate"
is "$(jq -c 'select(.id==7) | [.duplicate_of, .similarity]' "$T/mark")" '["a-1-0",1]' \
    "exact duplicate (case and space differ): similarity 1; numeric id kept as a number"
is "$(jq -c 'select(.body=="other text") | [.duplicate_of, .similarity]' "$T/mark")" '["a-1-1",1]' \
    "a repeated id is an exact duplicate"
is "$(jq -c 'select(.id=="n2") | .duplicate_of' "$T/mark")" 'null' \
    "duplicate of an id-less article: duplicate_of is null"
is "$(jq -c 'select(.id=="a-1-0") | has("duplicate_of")' "$T/mark")" 'false' "originals are not marked"
# numeric ids: duplicate_of is the earlier record's id as it was written
printf '{"id":12.50,"body":"same words here"}\n{"id":"x","body":"same words here"}\n' |
    "$D" --mark > "$T/num"
is "$(sed -n 2p "$T/num")" '{"id":"x","body":"same words here","duplicate_of":12.50,"similarity":1}' \
    "duplicate_of copies a numeric id byte for byte"
# idempotent: marking the marked output again changes nothing
"$D" --mark < "$T/mark" > "$T/mark2" 2>/dev/null
cmp -s "$T/mark" "$T/mark2"
ok $? "--mark is idempotent"
"$D" --threshold 1.5 < /dev/null 2>/dev/null
is "$?" 64 "--threshold out of range: 64"
"$D" --hashes 100 --bands 32 < /dev/null 2>/dev/null
is "$?" 64 "--bands not dividing --hashes: 64"

if [ -x "$NP_SHARED/tools/contract-check" ] && command -v python3 >/dev/null; then
    "$NP_SHARED/tools/contract-check" "$D" --mark > "$T/cc" 2>&1
    ok $? "contract-check passes with --mark ($(tail -n 1 "$T/cc"))"
else
    skip "contract-check absent"
fi
done_testing
