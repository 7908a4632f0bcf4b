#!/bin/sh
# newspipe-summarize train on two small sets cut from ../shared: it writes weights the filter
# loads, the same file byte for byte on a second run, never reads the sealed test parts
# (scrambling their references changes nothing), and fails cleanly on bad arguments.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
need_prog newspipe-summarize
command -v python3 > /dev/null || skip_all "python3 absent"
S="$NP_BIN/newspipe-summarize"
for s in cnndm_val_cnn1000 xsum_test_helm1000; do
    [ -f "$NP_SHARED/data/summ/$s/docs.ndjson" ] || skip_all "$s absent"
done

# cut.py SRC DST N SCRAMBLE: the first N articles of SRC into DST; with SCRAMBLE=1 the
# references of the test part (dev/dataset.h: np_hash64(id, "summary1") % 3 == 0) are replaced
cat > "$T/cut.py" <<'EOF'
import json, sys
M = (1 << 64) - 1
def mum(a, b):
    r = a * b
    return (r & M) ^ (r >> 64)
def mix(x):
    x ^= x >> 30; x = (x * 0xbf58476d1ce4e5b9) & M
    x ^= x >> 27; x = (x * 0x94d049bb133111eb) & M
    return x ^ (x >> 31)
def np_hash64(data, seed):  # common/hash.c
    k0, k1 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
    n = len(data); h = seed ^ mum(seed ^ k0, n ^ k1); p = 0
    while n >= 16:
        h = mum(int.from_bytes(data[p:p + 8], "little") ^ k0 ^ h,
                int.from_bytes(data[p + 8:p + 16], "little") ^ k1)
        p += 16; n -= 16
    a = 0
    if n >= 8:
        a = int.from_bytes(data[p:p + 8], "little"); p += 8; n -= 8
    b = int.from_bytes(data[p:p + n], "little")
    return mix(mum(a ^ k0 ^ h, b ^ k1 ^ n))
src, dst, n, scramble = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
tests = 0
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for i, line in enumerate(f):
        if i == n:
            break
        r = json.loads(line)
        if np_hash64(r["id"].encode(), 0x73756d6d61727931) % 3 == 0:
            tests += 1
            if scramble:
                r["reference"] = ["zebra quantum %d" % i]
        out.write(json.dumps(r) + "\n")
print(tests)
EOF
for s in cnndm_val_cnn1000 xsum_test_helm1000; do
    mkdir -p "$T/plain/$s" "$T/scrambled/$s"
    python3 "$T/cut.py" "$NP_SHARED/data/summ/$s/docs.ndjson" "$T/plain/$s/docs.ndjson" 45 0 > "$T/ntest.$s"
    python3 "$T/cut.py" "$NP_SHARED/data/summ/$s/docs.ndjson" "$T/scrambled/$s/docs.ndjson" 45 1 > /dev/null
done
ntest=$(cat "$T/ntest.cnndm_val_cnn1000")
[ "$ntest" -gt 5 ]
ok $? "the cut holds test-part articles ($ntest of 45)"

train() { # DIR OUT
    "$S" train --data "$1/cnndm_val_cnn1000/docs.ndjson" --data "$1/xsum_test_helm1000/docs.ndjson" -o "$2" 2> "$T/err"
}
train "$T/plain" "$T/w1"
ok $? "train runs"
like "$(head -n 3 "$T/w1")" "cnndm_val_cnn1000 $((45 - ntest)) articles" "the weights file names the sets and their tuning articles"
grep -q '^version 2$' "$T/w1" && grep -q '^words ' "$T/w1" && grep -q '^sentences ' "$T/w1"
ok $? "version, default length lines"
printf '%s\n' '{"body":"Shares rose on Monday. The company said profits doubled. Analysts were surprised."}' |
    "$S" --weights "$T/w1" > "$T/out"
ok $? "the filter loads the new weights"
train "$T/plain" "$T/w2"
cmp -s "$T/w1" "$T/w2"
ok $? "a second run writes the same file byte for byte"
train "$T/scrambled" "$T/w3"
cmp -s "$T/w1" "$T/w3"
ok $? "scrambling the test parts' references changes nothing: they are never read"

"$S" train -o "$T/w4" > /dev/null 2>&1
is $? 64 "no --data: exit 64"
"$S" train --data "$T/nonexistent.ndjson" -o "$T/w4" > /dev/null 2> "$T/err"
is $? 66 "a missing set: exit 66"
like "$(cat "$T/err")" "nonexistent.ndjson" "and the message names it"
gzip -c "$T/plain/cnndm_val_cnn1000/docs.ndjson" | head -c 3000 > "$T/cut.gz"
"$S" train --data "$T/cut.gz" -o "$T/w4" > /dev/null 2> "$T/err"
is $? 65 "a set whose gzip data is damaged: exit 65, as a filter gives it"
"$S" eval --data "$T/cut.gz" > /dev/null 2>&1
is $? 65 "and for eval too"
printf '{"id":1,"body":"No reference here."}\n' > "$T/noref.ndjson"
"$S" train --data "$T/noref.ndjson" -o "$T/w4" > /dev/null 2> "$T/err"
is $? 65 "a set without articles with a reference: exit 65 (bad data, not a file that cannot be opened)"
printf '{"id":"1","body":"One. Two. Three.","reference":"One."}\n' > "$T/one.ndjson"
"$S" train --data "$T/one.ndjson" -o "$T/w5" > /dev/null 2>&1
is $? 0 "a set of one article trains (and, under the sanitizers, copies no empty arrays from null)"
"$S" train --data "$T/plain/cnndm_val_cnn1000/docs.ndjson" -o "$T/no/such/dir/w" > /dev/null 2>&1
is $? 73 "an unwritable output: exit 73"
[ ! -e "$T/no/such/dir/w" ]
ok $? "nothing written"
done_testing
