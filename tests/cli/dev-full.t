#!/bin/sh
# Every filter, and the runner, writing to /dev/full (standard output or -o): exit 74 with a
# one-line message naming the error. (Files on a full filesystem: disk-full.t.)
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
[ -w /dev/full ] || skip_all "no /dev/full"
FEED="$NP_TOP/data/sample-feed.ndjson"

for f in cat dedupe entity-tag ticker-link summarize; do
    if [ ! -x "$NP_BIN/newspipe-$f" ]; then
        skip "newspipe-$f not built"
        skip "newspipe-$f not built"
        skip "newspipe-$f not built"
        continue
    fi
    "$NP_BIN/newspipe-$f" < "$FEED" > /dev/full 2> "$T/err"
    is "$?" 74 "newspipe-$f > /dev/full: exit 74"
    is "$(cat "$T/err")" "newspipe-$f: <stdout>: write error: No space left on device" \
        "newspipe-$f > /dev/full: one line naming the error"
    "$NP_BIN/newspipe-$f" -o /dev/full < "$FEED" 2> "$T/err"
    is "$?:$(cat "$T/err")" "74:newspipe-$f: /dev/full: write error: No space left on device" \
        "newspipe-$f -o /dev/full: exit 74, the file named"
done

if [ -x "$NP_BIN/newspipe" ] && [ -x "$NP_BIN/newspipe-cat" ]; then
    printf 'stages:\n  - run: [cat]\n  - cat\n' > "$T/p.yaml"
    "$NP_BIN/newspipe" run "$T/p.yaml" -i "$FEED" > /dev/full 2> "$T/err"
    is "$?" 74 "newspipe run > /dev/full: exit 74"
    like "$(cat "$T/err")" "failed: output incomplete" "and says the output is incomplete"
    "$NP_BIN/newspipe" run "$T/p.yaml" -i "$FEED" -o /dev/full 2> "$T/err"
    is "$?" 74 "newspipe run -o /dev/full: exit 74"
    "$NP_BIN/newspipe" cat < "$FEED" > /dev/full 2> /dev/null
    is "$?" 74 "newspipe cat (a filter through the runner's name) > /dev/full: exit 74"
else
    for n in 1 2 3 4; do skip "newspipe not built"; done
fi
done_testing
