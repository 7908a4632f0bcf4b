#!/bin/sh
# newspipe-summarize from outside: output fields and offsets, edge-case bodies, --max-chars,
# --method lead, --fields, wrong-typed fields, big bodies, idempotence, the seed article.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-summarize
command -v python3 >/dev/null || skip_all "python3 absent"
S="$NP_BIN/newspipe-summarize"
W="$NP_TOP/data/summarize.weights"
[ -f "$W" ] || skip_all "data/summarize.weights absent"

# check.py FILE [N] [MAX]: every record with a string body has summary/summary_spans that agree
# with the body (spans in order, inside it, summary = spans joined by one space), at most N
# spans and at most MAX characters. Prints "ok" or the first problem.
cat > "$T/check.py" <<'EOF'
import json, sys
path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
mx = int(sys.argv[3]) if len(sys.argv) > 3 else 10**12
for i, line in enumerate(open(path, encoding="utf-8")):
    r = json.loads(line)
    b = r.get("body")
    if not isinstance(b, str):
        continue
    sp, s = r["summary_spans"], r["summary"]
    if len(sp) > n:
        print("line %d: %d spans > %d" % (i + 1, len(sp), n)); sys.exit()
    prev = 0
    for a, e in sp:
        if not (prev <= a < e <= len(b)):
            print("line %d: bad span %r" % (i + 1, [a, e])); sys.exit()
        prev = e
    if s != " ".join(b[a:e] for a, e in sp):
        print("line %d: summary is not the spans joined" % (i + 1)); sys.exit()
    if len(s) > mx:
        print("line %d: %d characters > %d" % (i + 1, len(s), mx)); sys.exit()
print("ok")
EOF
check() { python3 "$T/check.py" "$@"; }
field() { # FILE EXPR: python expression over r (the first record)
    python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(eval(sys.argv[2]))' "$1" "$2"
}

# --- simple bodies -----------------------------------------------------------------------
printf '%s\n' '{"id":"a","title":"T","body":"Shares rose. Profits fell sharply in the quarter. The firm said so. It will cut jobs."}' > "$T/four.ndjson"
"$S" --weights "$W" < "$T/four.ndjson" > "$T/out" 2> "$T/err"
ok $? "runs on a simple record"
is "$(check "$T/out")" ok "summary and spans agree with the body"
"$S" --weights "$W" --sentences 3 < "$T/four.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary_spans"])')" 3 "--sentences 3: three sentences"
is "$(field "$T/out" 'list(r)')" "['id', 'title', 'body', 'summary', 'summary_spans']" "fields appended after the input's, in order"

"$S" --weights "$W" --sentences 1 < "$T/four.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary_spans"])')" 1 "--sentences 1"
"$S" --method lead --sentences 2 < "$T/four.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary"]')" "Shares rose. Profits fell sharply in the quarter." "--method lead takes the first sentences (no weights needed)"

printf '%s\n' '{"body":""}' '{"body":"   \n\n  "}' > "$T/empty.ndjson"
"$S" --weights "$W" < "$T/empty.ndjson" > "$T/out"
is "$(cat "$T/out")" '{"body":"","summary":"","summary_spans":[]}
{"body":"   \n\n  ","summary":"","summary_spans":[]}' "empty and blank bodies: empty summary"

printf '%s\n' '{"body":"Only one sentence here."}' > "$T/one.ndjson"
"$S" --weights "$W" < "$T/one.ndjson" > "$T/out"
is "$(cat "$T/out")" '{"body":"Only one sentence here.","summary":"Only one sentence here.","summary_spans":[[0,23]]}' "one-sentence body"

printf '%s\n' '{"body":"no punctuation in this body at all"}' > "$T/nopunct.ndjson"
"$S" --weights "$W" < "$T/nopunct.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary_spans"]')" "[[0, 34]]" "body without punctuation: the whole body"

printf '%s\n' '{"body":"HEADLINE ONE\nHEADLINE TWO\nThe real sentence is here and long enough to count."}' > "$T/head.ndjson"
"$S" --weights "$W" < "$T/head.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary"]')" "The real sentence is here and long enough to count." "short heading lines are not summary sentences"

printf '%s\n' '{"body":"NEW YORK (Reuters) - Apple Inc. rose 2 percent on Tuesday. Cook said nothing. (Reporting by Jane Doe; Editing by John Roe)"}' > "$T/credit.ndjson"
"$S" --weights "$W" --sentences 5 < "$T/credit.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary"]')" "Apple Inc. rose 2 percent on Tuesday. Cook said nothing." "dateline cut, credit line never chosen"
is "$(check "$T/out")" ok "spans agree after the dateline cut"

# code points, not bytes: curly quotes and accents before the chosen sentence
printf '%s\n' '{"body":"Caf\u00e9 \u201cs\u00fcd\u201d opened. The second sentence is \u00e9t\u00e9.","x":[1,{"y":2}]}' > "$T/uni.ndjson"
"$S" --weights "$W" --method lead --sentences 2 < "$T/uni.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary_spans"]')" "[[0, 18], [19, 46]]" "offsets in code points"
is "$(check "$T/out")" ok "non-ASCII body: spans agree"
is "$(field "$T/out" 'r["x"]')" "[1, {'y': 2}]" "unknown fields kept"

# --- --max-chars ---------------------------------------------------------------------------
for m in 10 30 60 200; do
    "$S" --weights "$W" --max-chars $m < "$T/four.ndjson" > "$T/out"
    is "$(check "$T/out" 100 $m)" ok "--max-chars $m: within the budget"
done
"$S" --weights "$W" --max-chars 30 --sentences 3 < "$T/four.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary"]) > 0')" True "--max-chars 30: not empty"
printf '%s\n' '{"body":"This single sentence is much longer than the tiny budget allows."}' > "$T/long1.ndjson"
"$S" --weights "$W" --max-chars 20 < "$T/long1.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary"]')" "This single sentence" "--max-chars shorter than any sentence: cut at a word boundary"
is "$(check "$T/out" 1 20)" ok "the cut span agrees with the body"
"$S" --weights "$W" --max-chars 0 < "$T/four.ndjson" > /dev/null 2>&1
is $? 64 "--max-chars 0 is a usage error"
"$S" --weights "$W" --sentences x < "$T/four.ndjson" > /dev/null 2>&1
is $? 64 "--sentences x is a usage error"
"$S" --weights "$W" --method best < "$T/four.ndjson" > /dev/null 2>&1
is $? 64 "--method best is a usage error"

# --- --words: about N words (gensim's rule: stop when the next sentence would end further
# from N than stopping there), words counted as wc -w counts them ---------------------------
python3 - "$T" <<'EOF'
import json, sys
# ten sentences of exactly ten whitespace-separated words ("U.S.-based" is one)
s = ["Sentence %s has ten words: U.S.-based firms rose again today." % w for w in
     ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]]
with open(sys.argv[1] + "/ten.ndjson", "w") as f:
    f.write(json.dumps({"title": "Firms rose", "body": " ".join(s)}) + "\n")
EOF
nwords() { field "$1" 'len(r["summary"].split())'; }
"$S" --method lead --words 24 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 20 "--words 24: 20 words (30 would be further from 24)"
"$S" --method lead --words 26 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 30 "--words 26: 30 words (nearer than 20)"
"$S" --method lead --words 25 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 30 "--words 25: a tie takes the sentence"
"$S" --method lead --words 1 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 10 "--words 1: the first sentence all the same"
"$S" --method lead --words 64 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 60 "--words alone lifts the sentence limit (6 sentences)"
"$S" --method lead --words 64 --sentences 4 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 40 "--words with --sentences: whichever stops first"
"$S" --method lead < "$T/ten.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary_spans"])')" 3 "--method lead alone: LEAD-3"
"$S" --weights "$W" --words 36 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 40 "default method, --words 36: four sentences of ten words"
is "$(check "$T/out")" ok "--words: spans agree"
# the weights file's words and sentences lines are the default length
sed -e 's/^words .*/words 14/' -e 's/^sentences .*/sentences 3/' "$W" > "$T/w14"
"$S" --weights "$T/w14" < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 10 "weights file 'words 14': one sentence by default"
sed -e 's/^words .*/words 60/' -e 's/^sentences .*/sentences 2/' "$W" > "$T/w60"
"$S" --weights "$T/w60" < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 20 "weights file 'sentences 2': at most two by default"
"$S" --weights "$T/w14" --sentences 5 < "$T/ten.ndjson" > "$T/out"
is "$(nwords "$T/out")" 50 "--sentences alone replaces the file's word target"
"$S" --weights "$T/w14" --words 0 < "$T/ten.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary_spans"])')" 10 "--words 0 alone: no word target and no sentence limit"
"$S" --weights "$W" --words x < "$T/ten.ndjson" > /dev/null 2>&1
is $? 64 "--words x is a usage error"
"$S" --weights "$W" --words -3 < "$T/ten.ndjson" > /dev/null 2>&1
is $? 64 "--words -3 is a usage error"

# --- fields --------------------------------------------------------------------------------
printf '%s\n' '{"id":1,"title":"t"}' > "$T/nobody.ndjson"
"$S" --weights "$W" < "$T/nobody.ndjson" > "$T/out"
is "$(cat "$T/out")" '{"id":1,"title":"t"}' "no body: passed through untouched"
printf '%s\n' '{"body":null}' > "$T/null.ndjson"
"$S" --weights "$W" < "$T/null.ndjson" > "$T/out"
is "$(cat "$T/out")" '{"body":null}' "null body counts as absent"
printf '%s\n' '{"body":42}' '{"body":{"a":1}}' '{"body":"Fine.","title":7}' '{"body":"Fine."}' > "$T/types.ndjson"
"$S" --weights "$W" --reject "$T/rej" < "$T/types.ndjson" > "$T/out" 2> "$T/err"
ok $? "wrong-typed fields: exit 0 without --strict"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "only the good record is written"
is "$(wc -l < "$T/rej" | tr -d ' ')" 3 "three records rejected"
like "$(cat "$T/rej")" 'field body: expected a string' "reason names the body field"
like "$(cat "$T/rej")" 'field title: expected a string' "reason names the title field"
"$S" --weights "$W" --strict < "$T/types.ndjson" > /dev/null 2>&1
is $? 65 "--strict: exit 65 on a wrong-typed field"

printf '%s\n' '{"text":"First one here. Second one here.","headline":"x"}' > "$T/text.ndjson"
"$S" --weights "$W" --fields text,headline --sentences 1 --method lead < "$T/text.ndjson" > "$T/out"
is "$(field "$T/out" 'r["summary"]')" "First one here." "--fields text,headline"
"$S" --weights "$W" --fields text --sentences 1 < "$T/text.ndjson" > "$T/out"
is "$(field "$T/out" 'len(r["summary_spans"])')" 1 "--fields text (no title)"
"$S" --weights "$W" --fields , < "$T/text.ndjson" > /dev/null 2>&1
is $? 64 "--fields with empty names is a usage error"

"$S" --weights "$T/nonexistent" < "$T/four.ndjson" > /dev/null 2>&1
is $? 78 "missing weights file: exit 78"
printf 'version 2\nmmr 1\nwords 50\nsentences 3\nw bias 1\n' > "$T/bad.weights"
"$S" --weights "$T/bad.weights" < "$T/four.ndjson" > /dev/null 2> "$T/err"
is $? 78 "incomplete weights file: exit 78"
like "$(cat "$T/err")" 'no weight for feature' "and says what is missing"
# Every value is read whole: a weight that is no finite number, a value with more after it, a
# setting or a feature given twice would otherwise be taken (or one of them silently).
for edit in 's/^w bias .*/w bias nan/:weight .nan. is not a finite number' \
    's/^mmr .*/mmr inf/:mmr .inf. is not a finite number' \
    's/^w bias .*/w bias 1e400/:not a finite number' \
    's/^sentences .*/sentences 3x/:sentences .3x. is not a whole number' \
    's/^w bias .*/w bias 1 2/:cannot read this line' \
    's/^words .*/words -5/:words .-5. is not a whole number' \
    's/^mmr .*/&\nmmr 2/:"mmr" given twice' \
    's/^w first .*/&\nw first 1/:feature "first" given twice'; do
    sed "${edit%%:*}" "$W" > "$T/bad.weights"
    "$S" --weights "$T/bad.weights" < "$T/four.ndjson" > "$T/out" 2> "$T/err"
    st=$?
    like "$st $(cat "$T/err") $(wc -c < "$T/out")" "^78 .*bad\.weights:[0-9]+: .*${edit#*:}.* 0\$" \
        "bad weights file (${edit#*:}): 78, naming its line, nothing written"
done

# --- idempotence -----------------------------------------------------------------------------
"$S" --weights "$W" < "$T/four.ndjson" > "$T/once"
"$S" --weights "$W" < "$T/once" > "$T/twice"
cmp -s "$T/once" "$T/twice"
ok $? "running twice gives the same record (fields replaced in place)"

# --- very long bodies (linear time; correctness only, no timing) ---------------------------
python3 - "$T" <<'EOF'
import json, sys
t = sys.argv[1]
with open(t + "/big.ndjson", "w") as f:
    f.write(json.dumps({"body": "word " * 2_000_000}) + "\n")                       # 10 MB, no stop
    f.write(json.dumps({"body": "The market rose again today. " * 350_000}) + "\n") # 10 MB, 350k sentences
    f.write(json.dumps({"title": "big", "body": ("Prices rose sharply in the market. " * 3) + "x" * 9_000_000}) + "\n")
with open(t + "/mid.ndjson", "w") as f:
    f.write(json.dumps({"body": "The market rose again today. " * 35_000}) + "\n")      # 1 MB
    f.write(json.dumps({"body": "word " * 200_000}) + "\n")
EOF
"$S" --weights "$W" --max-line 64M < "$T/big.ndjson" > "$T/out" 2> "$T/err"
ok $? "10 MB bodies: finishes"
is "$(check "$T/out")" ok "10 MB bodies: spans agree"
"$S" --weights "$W" --max-line 64M --max-chars 100 < "$T/mid.ndjson" > "$T/out" 2> "$T/err"
is "$(check "$T/out" 100 100)" ok "1 MB bodies with --max-chars 100"

# --- the seed article and the contract ------------------------------------------------------
if [ -f "$NP_SHARED/examples/seed.ndjson" ]; then
    "$S" --weights "$W" < "$NP_SHARED/examples/seed.ndjson" > "$T/out"
    ok $? "seed article"
    is "$(check "$T/out")" ok "seed: spans agree"
    like "$(field "$T/out" 'r["summary"]')" '^China on Wednesday sent another strong signal' "seed: starts with the lead, dateline cut"
    is "$(field "$T/out" '"Reporting by" in r["summary"]')" False "seed: no credit line"
else
    skip "seed article: ../shared absent"
fi
if [ -x "$NP_SHARED/tools/contract-check" ]; then
    "$NP_SHARED/tools/contract-check" "$S" --weights "$W" > "$T/cc" 2>&1
    ok $? "contract-check passes ($(tail -n 1 "$T/cc"))"
else
    skip "contract-check: ../shared absent"
fi
done_testing
