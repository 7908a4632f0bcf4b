#!/bin/sh
# make jackknife-entity-tag: the shipped recipe scored on all of eng.testa without having seen
# what it tags. Each quarter q of eng.testa (documents d with d mod 4 = q) is tagged by the
# recipe trained on eng.train and the other three quarters, as `make model` trains (the
# quarter q = 0 is the quality gate's, and its model is the shipped one); prints each
# quarter's F1 and the F1 pooled over the four (about 5 minutes of CPU; two quarters at once).
# OLD_PROGRAM, when set, is a second build of the filter run on the same quarter models: the
# two builds' outputs are compared by a paired bootstrap over the 216 documents
# (bench/entity-tag-paired.py).
set -eu
S=${SHARED:-../shared}
E=$S/data/ner/conll2003
W=${BENCH_DIR:-build/bench}/jackknife
ET=${ETAG_BIN:-bin/newspipe-entity-tag}
train_flags=$(make -s -n model | awk '/--epochs/ { sub(/^[ \t]+/, ""); sub(/[ \t]*\\$/, ""); print }')
recipe=$(make -s -n model | awk '/--gazetteer/ { sub(/^[ \t]+/, ""); print }')
mkdir -p "$W"
quarter() {
    q=$1
    sh filters/entity-tag/dev/conll-docs.sh --not 4 "$q" "$E/eng.testa" > "$W/train$q.conll.part"
    sh filters/entity-tag/dev/conll-docs.sh 4 "$q" "$E/eng.testa" > "$W/test$q.conll"
    cat "$E/eng.train" "$W/train$q.conll.part" > "$W/train$q.conll"
    # shellcheck disable=SC2086 # option lists
    $ET train --train "$W/train$q.conll" --out "$W/m$q.model" $train_flags $recipe 2> "$W/train$q.log"
    $ET eval --model "$W/m$q.model" --names-from "$W/train$q.conll" "$W/test$q.conll" |
        grep 'overall\|names:' > "$W/result$q.txt"
}
quarter 0 & quarter 1 & wait
quarter 2 & quarter 3 & wait
for q in 0 1 2 3; do printf 'quarter %d: ' "$q"; grep overall "$W/result$q.txt"; done
cat "$W"/result?.txt | grep overall |
    awk -v label='eng.testa jackknifed over its quarters: ' -f bench/entity-tag-pooled.awk
for kind in unseen seen; do # the names eng.train and the other quarters never give
    cat "$W"/result?.txt | grep " $kind names:" |
        awk -v label="  $kind names: " -f bench/entity-tag-pooled.awk
done
if [ -n "${OLD_PROGRAM:-}" ]; then
    rm -rf "$W/keep-old" "$W/keep-new"
    mkdir -p "$W/keep-old" "$W/keep-new"
    for q in 0 1 2 3; do
        $ET eval --program "$OLD_PROGRAM" --model "$W/m$q.model" --keep "$W/keep-old" "$W/test$q.conll" > /dev/null
        $ET eval --model "$W/m$q.model" --keep "$W/keep-new" "$W/test$q.conll" > /dev/null
    done
    printf '%s against %s: ' "$ET" "$OLD_PROGRAM"
    python3 bench/entity-tag-paired.py "$W/keep-old" "$W/keep-new" "$W"/test0.conll "$W"/test1.conll \
        "$W"/test2.conll "$W"/test3.conll
fi
