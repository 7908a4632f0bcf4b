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

# NEWSPIPE_DATA replaces the default lookup: a directory without the model is exit 78
mkdir -p "$T/emptydata"
echo "$rec" | NEWSPIPE_DATA="$T/emptydata" "$ET" > "$T/out" 2> "$T/err"
is $? 78 "NEWSPIPE_DATA without a model: exit 78"
is "$(wc -l < "$T/err" | tr -d ' ')" 1 "no model: one line on stderr"
like "$(cat "$T/err")" "model not found \\(looked for $T/emptydata/entity-tag.model" "no model: says where it looked"
is "$(wc -c < "$T/out" | tr -d ' ')" 0 "no model: nothing written (no record passes untagged)"
# the same program away from the source tree (no bin/../data): exit 78 unless installed
mkdir -p "$T/lone/bin"
cp "$ET" "$T/lone/bin/"
if [ -e /usr/local/share/newspipe/entity-tag.model ]; then
    skip "a model is installed in /usr/local/share/newspipe"
else
    echo "$rec" | env -u NEWSPIPE_DATA "$T/lone/bin/newspipe-entity-tag" > /dev/null 2> "$T/err"
    is $? 78 "a program with no model next to it or installed: exit 78"
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
