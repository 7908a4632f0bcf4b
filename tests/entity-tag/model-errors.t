#!/bin/sh
# A missing, corrupt, truncated or wrong-version model is a configuration error: exit 78
# with one clear line on stderr, before any input is read.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
ET="$NP_BIN/newspipe-entity-tag"
MODEL="$NP_TOP/data/entity-tag.model"
[ -f "$MODEL" ] || skip_all "data/entity-tag.model absent"
rec='{"body":"Li Qiang met Alibaba in Beijing."}'

echo "$rec" | "$ET" --model "$T/none.model" > /dev/null 2> "$T/err"
is $? 78 "missing model: exit 78"
is "$(wc -l < "$T/err" | tr -d ' ')" 1 "missing model: one line on stderr"
like "$(cat "$T/err")" 'cannot open model .*none.model' "missing model: says which file"

mkdir -p "$T/emptydata"
echo "$rec" | NEWSPIPE_DATA="$T/emptydata" "$ET" > /dev/null 2> "$T/err"
rc=$?
# the program may still find the source tree's data/; only check the empty-dir case when not
if [ -f "$NP_BIN/../data/entity-tag.model" ] || [ -f "$NP_BIN/../share/newspipe/entity-tag.model" ]; then
    ok 0 "default lookup finds the model next to the program (rc $rc)"
else
    is $rc 78 "no model anywhere: exit 78"
fi

# corrupt: flip one byte in the middle of the payload
size=$(wc -c < "$MODEL")
cp "$MODEL" "$T/bad.model"
printf '\377' | dd of="$T/bad.model" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
echo "$rec" | "$ET" --model "$T/bad.model" > /dev/null 2> "$T/err"
is $? 78 "corrupt model: exit 78"
like "$(cat "$T/err")" 'checksum' "corrupt model: checksum mismatch reported"

# truncated
head -c $((size - 4096)) "$MODEL" > "$T/short.model"
echo "$rec" | "$ET" --model "$T/short.model" > /dev/null 2> "$T/err"
is $? 78 "truncated model: exit 78"
is "$(wc -l < "$T/err" | tr -d ' ')" 1 "truncated model: one line"

# wrong version: the 32-bit version field follows the 8-byte magic
cp "$MODEL" "$T/v99.model"
printf 'c\000\000\000' | dd of="$T/v99.model" bs=1 seek=8 conv=notrunc 2>/dev/null
echo "$rec" | "$ET" --model "$T/v99.model" > /dev/null 2> "$T/err"
is $? 78 "wrong-version model: exit 78"
like "$(cat "$T/err")" 'version 99' "wrong version: names the version"

# not a model at all
echo "hello" > "$T/text.model"
echo "$rec" | "$ET" --model "$T/text.model" > /dev/null 2> "$T/err"
is $? 78 "a text file as model: exit 78"

# rule types alone need no model
echo '{"body":"up 2.2% to $5 billion"}' | "$ET" --model "$T/none.model" --types MONEY,PERCENT > "$T/out"
is $? 0 "--types MONEY,PERCENT works without a model"
done_testing
