#!/bin/sh
# A full disk: every file written atomically (each filter's -o, dedupe's state and pending
# state, the runner's output, reject file and stage state, ticker-link's cache, the trainers'
# model and weights, entity-tag's word classes, ticker-link import's table and learn's rows)
# on a small tmpfs mounted by the test and filled up. Each write must fail with exit 74 and a
# message, leave the old file byte for byte and no temporary behind. Needs root (to mount);
# skipped otherwise. CI runs as root.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/dedupe/gen.sh"
need_prog newspipe-cat
[ "$(id -u)" = 0 ] || skip_all "not root: cannot mount a small filesystem"
command -v mount > /dev/null || skip_all "no mount"
SMALL="$T/small"
mkdir "$SMALL"
mount -t tmpfs -o size=4m tmpfs "$SMALL" 2> "$T/err" || skip_all "cannot mount a tmpfs: $(cat "$T/err")"
trap 'umount "$SMALL" 2> /dev/null; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
FEED="$NP_TOP/data/sample-feed.ndjson"
gen_articles 2000 7 60 > "$T/more" # 800 kB; 270 kB gzipped

# fill KB: fills the small filesystem, leaving KB kilobytes free.
fill() {
    rm -f "$SMALL/fill"
    dd if=/dev/zero of="$SMALL/fill" bs=4k 2> /dev/null
    truncate -s "-$1k" "$SMALL/fill"
}
# old NAME: a previous version of SMALL/NAME, and its copy outside to compare with.
old() {
    rm -f "$SMALL/fill"
    printf 'the previous %s\n' "$1" > "$SMALL/$1"
    cp "$SMALL/$1" "$T/$1.before"
}
# intact NAME: SMALL/NAME is as before, and SMALL holds no temporary file.
intact() {
    cmp -s "$SMALL/$1" "$T/$1.before" && [ -z "$(ls -A "$SMALL" | grep '\.tmp\.')" ]
}
# ---- -o FILE of every filter, plain and gzip -----------------------------------------------
for f in cat dedupe entity-tag ticker-link summarize; do
    if [ ! -x "$NP_BIN/newspipe-$f" ]; then
        for n in 1 2 3; do skip "newspipe-$f not built"; done
        continue
    fi
    old "out.$f"
    fill 16
    "$NP_BIN/newspipe-$f" -o "$SMALL/out.$f" < "$T/more" 2> "$T/err"
    is "$?" 74 "newspipe-$f -o on a full disk: exit 74"
    like "$(cat "$T/err")" "$SMALL/out.$f: write error: No space left on device" "newspipe-$f: the message names the file"
    intact "out.$f"
    ok $? "newspipe-$f: the old output is untouched, no temporary left"
done
old out.gz
fill 16
"$NP_BIN/newspipe-cat" -o "$SMALL/out.gz" < "$T/more" 2> /dev/null
is "$?" 74 "-o FILE.gz on a full disk: exit 74"
intact out.gz
ok $? "-o FILE.gz: the old output is untouched, no temporary left"

# ---- dedupe's state --------------------------------------------------------------------------
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    D="$NP_BIN/newspipe-dedupe"
    rm -f "$SMALL/fill"
    "$D" --stats --state "$SMALL/state" < "$FEED" > /dev/null 2> "$T/err"
    kept=$(sed -n 's/.*"remembered":\([0-9]*\).*/\1/p' "$T/err")
    cp "$SMALL/state" "$T/state.before"
    fill 16
    "$D" --state "$SMALL/state" < "$T/more" > "$T/out" 2> "$T/err"
    is "$?" 74 "dedupe --state on a full disk: exit 74"
    like "$(cat "$T/err")" "state $SMALL/state: cannot save: No space left on device" "the message names the state file"
    intact state
    ok $? "the old state is byte for byte, no temporary left"
    "$D" --state "$SMALL/state" --state-commit=deferred < "$T/more" > /dev/null 2> "$T/err"
    is "$?" 74 "dedupe --state-commit=deferred on a full disk: exit 74"
    intact state && [ ! -e "$SMALL/state.pending" ]
    ok $? "the old state is untouched and no pending state appears"
    rm -f "$SMALL/fill"
    "$D" --stats --state "$SMALL/state" < "$T/more" > /dev/null 2> "$T/err"
    like "$(cat "$T/err")" "\"loaded\":$kept," "with room again, the old state loads (nothing was half-saved)"
else
    for n in 1 2 3 4 5 6; do skip "newspipe-dedupe not built"; done
fi

# ---- ticker-link's listings cache: optional, so a full disk only means no cache ----------------
if [ -x "$NP_BIN/newspipe-ticker-link" ]; then
    TL="$NP_BIN/newspipe-ticker-link"
    FIX="$NP_TOP/tests/ticker-link/listings-fixture.tsv" # its cache: about 140 kB
    "$TL" --no-cache --listings "$FIX" < "$FEED" > "$T/tl.want"
    fill 16
    NEWSPIPE_CACHE_DIR="$SMALL/cache" "$TL" --listings "$FIX" < "$FEED" > "$T/tl.got" 2> "$T/err"
    is "$?" 0 "ticker-link with its cache directory on a full disk: exit 0"
    cmp -s "$T/tl.got" "$T/tl.want"
    ok $? "and the same output as without a cache"
    is "$(ls -A "$SMALL/cache" | tr '\n' ' ')" "" "no partial cache file and no temporary left"
    rm -f "$SMALL/fill"
    NEWSPIPE_CACHE_DIR="$SMALL/cache" "$TL" --listings "$FIX" < /dev/null 2> /dev/null
    ls "$SMALL/cache" | grep -q '^listings-.*\.bin$'
    ok $? "with room again, the cache is written (so the full disk did stop a write)"
else
    for n in 1 2 3 4; do skip "newspipe-ticker-link not built"; done
fi

# ---- the runner: output, reject file, a stage's state ----------------------------------------
if [ -x "$NP_BIN/newspipe" ]; then
    NP="$NP_BIN/newspipe"
    printf 'stages:\n  - cat\n  - run: [cat]\n  - cat\n' > "$T/p.yaml"
    old run.out
    fill 16
    "$NP" run "$T/p.yaml" -i "$T/more" -o "$SMALL/run.out" 2> "$T/err"
    is "$?" 74 "newspipe run -o on a full disk: exit 74"
    like "$(cat "$T/err")" "output not written \\(the old one is untouched\\)" "and says so"
    intact run.out
    ok $? "the old output is untouched, no temporary left"
    { cat "$T/more"; i=0; while [ $i -lt 400 ]; do
        echo "not json, line $i, long enough to fill a few kilobytes of rejects quickly ......"
        i=$((i + 1))
    done; } > "$T/mixed"
    printf 'reject: %s\nstages:\n  - cat\n' "$SMALL/rejects" > "$T/r.yaml"
    old rejects
    fill 16
    "$NP" run "$T/r.yaml" -i "$T/mixed" > /dev/null 2> "$T/err"
    is "$?" 74 "newspipe run with its reject file on a full disk: exit 74"
    intact rejects
    ok $? "the old reject file is untouched, no temporary left"
    if [ -x "$NP_BIN/newspipe-dedupe" ]; then
        printf 'stages:\n  - dedupe: {state: %s}\n' "$SMALL/run.state" > "$T/s.yaml"
        rm -f "$SMALL/fill"
        "$NP" run "$T/s.yaml" -i "$FEED" -o "$T/s.out" 2> /dev/null
        cp "$T/s.out" "$T/s.want"
        cp "$SMALL/run.state" "$T/run.state.before"
        fill 16
        "$NP" run "$T/s.yaml" -i "$T/more" -o "$T/s.out" 2> "$T/err"
        is "$?" 74 "newspipe run with a stage's state on a full disk: exit 74"
        like "$(cat "$T/err")" "state not committed" "and says the state is not committed"
        intact run.state && [ ! -e "$SMALL/run.state.pending" ]
        ok $? "the old state is untouched, no pending state or temporary left"
        cmp -s "$T/s.out" "$T/s.want"
        ok $? "the old output (of the first run) is untouched"
    else
        for n in 1 2 3 4; do skip "newspipe-dedupe not built"; done
    fi
else
    for n in 1 2 3 4 5 6 7 8 9 10 11; do skip "newspipe not built"; done
fi

# ---- the trainers' model and weights, ticker-link import's table -----------------------------
# (Development commands; tiny hand-made training sets, so each runs in milliseconds.)
if [ -x "$NP_BIN/newspipe-entity-tag" ]; then
    cat > "$T/mini.conll" << 'EOF'
-DOCSTART- -X- -X- O

Alibaba NNP B-NP B-ORG
cut VBD B-VP O
prices NNS B-NP O
in IN B-PP O
Beijing NNP B-NP B-LOC
. . O O

Tim NNP B-NP B-PER
Cook NNP I-NP I-PER
visited VBD B-VP O
Apple NNP B-NP B-ORG
. . O O
EOF
    old m.model
    fill 8 # the model is about 32 kB
    "$NP_BIN/newspipe-entity-tag" train --train "$T/mini.conll" --out "$SMALL/m.model" --epochs 1 > /dev/null 2> "$T/err"
    is "$?" 74 "entity-tag train --out on a full disk: exit 74 (a write error, not 73)"
    like "$(cat "$T/err")" "$SMALL/m.model: write error: No space left on device" "entity-tag train: the message names the file"
    intact m.model
    ok $? "entity-tag train: the old model is untouched, no temporary left"
    old c.txt
    fill 0
    "$NP_BIN/newspipe-entity-tag" clusters --conll "$T/mini.conll" --classes 2 --min-count 1 \
        --out "$SMALL/c.txt" > /dev/null 2> "$T/err"
    is "$?" 74 "entity-tag clusters --out on a full disk: exit 74"
    intact c.txt
    ok $? "entity-tag clusters: the old table is untouched (it was truncated), no temporary left"
else
    for n in 1 2 3 4 5; do skip "newspipe-entity-tag not built"; done
fi
if [ -x "$NP_BIN/newspipe-summarize" ]; then
    i=1
    while [ $i -le 12 ]; do
        printf '{"id":"a%d","title":"Company %d made widgets","body":"' $i $i
        j=1
        while [ $j -le 6 ]; do
            printf 'Sentence %d of article %d says company %d made %d widgets in town %d. ' $j $i $i $j $j
            j=$((j + 1))
        done
        printf '","reference":"Sentence 1 of article %d says company %d made 1 widgets in town 1."}\n' $i $i
        i=$((i + 1))
    done > "$T/summ.ndjson"
    old w.weights
    fill 0 # the weights are about 1 kB: no room at all
    "$NP_BIN/newspipe-summarize" train --data "$T/summ.ndjson" -o "$SMALL/w.weights" > /dev/null 2> "$T/err"
    is "$?" 74 "summarize train -o on a full disk: exit 74 (a write error, not 73)"
    like "$(cat "$T/err")" "$SMALL/w.weights: write error: No space left on device" "summarize train: the message names the file"
    intact w.weights
    ok $? "summarize train: the old weights are untouched, no temporary left"
else
    for n in 1 2 3; do skip "newspipe-summarize not built"; done
fi
if [ -x "$NP_BIN/newspipe-ticker-link" ]; then
    old l.tsv
    fill 0
    "$NP_BIN/newspipe-ticker-link" import --tsv "$NP_TOP/tests/ticker-link/listings-fixture.tsv" \
        -o "$SMALL/l.tsv" 2> "$T/err"
    is "$?" 74 "ticker-link import -o on a full disk: exit 74 (a write error, not 73)"
    like "$(cat "$T/err")" "$SMALL/l.tsv: write error: No space left on device" "ticker-link import: the message names the file"
    intact l.tsv
    ok $? "ticker-link import: the old table is untouched, no temporary left"
    old learned.tsv
    fill 0
    "$NP_BIN/newspipe-ticker-link" learn --listings "$NP_TOP/tests/ticker-link/listings-fixture.tsv" \
        "$FEED" -o "$SMALL/learned.tsv" 2> "$T/err"
    is "$?" 74 "ticker-link learn -o on a full disk: exit 74"
    intact learned.tsv
    ok $? "ticker-link learn: the old rows are untouched, no temporary left"
else
    for n in 1 2 3 4 5; do skip "newspipe-ticker-link not built"; done
fi
done_testing
