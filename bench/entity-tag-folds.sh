#!/bin/sh
# make folds-entity-tag: the recipe's document folds of eng.train scored END TO END: each fold
# (documents d with d mod 5 = f) is tagged by the filter with a model trained on the other
# four, through `newspipe-entity-tag eval`, so the corrections after the decoder (listed
# names, the article's short mentions, the line-end stop) count, which `make cv-entity-tag`
# (the trainer's own scoring of the decoder) leaves out. OLD_PROGRAM, when set, is a second
# build of the filter scored on the same fold models: a change's effect in one command.
# One perceptron by default (ETAG_FOLDS_AVERAGE); about 20 s of CPU a perceptron. Also scored
# apart: the entities whose words the fold's training documents never give as an entity.
set -eu
S=${SHARED:-../shared}
E=$S/data/ner/conll2003
ET=${ETAG_BIN:-bin/newspipe-entity-tag}
AVG=${ETAG_FOLDS_AVERAGE:-1}
SEED=${ETAG_SEED:-1}
W=${BENCH_DIR:-build/bench}/folds-a$AVG-s$SEED
recipe=$(make -s -n model | awk '/--gazetteer/ { sub(/^[ \t]+/, ""); print }')
mkdir -p "$W"
fold() {
    f=$1
    sh filters/entity-tag/dev/conll-docs.sh --not 5 "$f" "$E/eng.train" > "$W/train$f.conll"
    sh filters/entity-tag/dev/conll-docs.sh 5 "$f" "$E/eng.train" > "$W/test$f.conll"
    # shellcheck disable=SC2086 # option list
    $ET train --train "$W/train$f.conll" --out "$W/m$f.model" --epochs 8 --seed "$SEED" \
        --average "$AVG" $recipe 2> "$W/train$f.log"
}
fold 0 & fold 1 & wait
fold 2 & fold 3 & wait
fold 4
score() { # PROGRAM: each fold's F1, then the F1 pooled over the five; then the pooled F1 of
    # the names the fold's training never gives as an entity (unseen) and of the others
    for f in 0 1 2 3 4; do
        $ET eval --program "$1" --model "$W/m$f.model" --names-from "$W/train$f.conll" \
            "$W/test$f.conll" | grep 'overall\|names:'
    done > "$W/scores"
    grep overall "$W/scores" | awk -v each=1 -v label='pooled ' -f bench/entity-tag-pooled.awk
    for kind in unseen seen; do
        grep " $kind names:" "$W/scores" | awk -v label="  $kind names: " -f bench/entity-tag-pooled.awk
    done
}
prog=$(cd "$(dirname "$ET")" && pwd)/$(basename "$ET")
echo "eng.train folds end to end ($AVG perceptron(s), seed $SEED): $(score "$prog")"
if [ -n "${OLD_PROGRAM:-}" ]; then
    echo "  the same fold models, $OLD_PROGRAM: $(score "$OLD_PROGRAM")"
fi
