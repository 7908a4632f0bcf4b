#!/bin/sh
# Self-training of entity-tag measured on clean folds (README, issue 16, sixth round): for
# each fold f of the 5 document folds of eng.train, a labeller trained without fold f tags
# the first N bodies of the Reuters sample; a student trained on the other folds plus that
# text is scored on fold f, eng.testa and wikigold next to one trained without it.
#   sh bench/entity-tag-selftrain.sh [SEED] [N] [LABELLER_AVERAGE] [STUDENT_AVERAGE]
# Run from the top of the tree after `make` and `make etag-lists`; prints the means.
set -eu
seed=${1:-1} n=${2:-300} la=${3:-1} sa=${4:-1}
S=${SHARED:-../shared}
E=$S/data/ner
W=${BENCH_DIR:-build/bench}/selftrain-s$seed-n$n-a$la-st$sa
ET=bin/newspipe-entity-tag
recipe=$(make -s -n model | awk '/--gazetteer/ { sub(/^[ \t]+/, ""); print }')
mkdir -p "$W"
for f in 0 1 2 3 4; do
    D=$W/f$f
    mkdir -p "$D"
    sh filters/entity-tag/dev/conll-docs.sh 5 $f "$E/conll2003/eng.train" > "$D/test.conll"
    sh filters/entity-tag/dev/conll-docs.sh --not 5 $f "$E/conll2003/eng.train" > "$D/train.conll"
    # shellcheck disable=SC2086 # the recipe is a list of options
    $ET train --train "$D/train.conll" --out "$D/base.model" --epochs 8 --seed "$seed" \
        --average "$sa" $recipe 2> "$D/base.log"
    if [ "$la" = "$sa" ]; then
        cp "$D/base.model" "$D/lab.model"
    else
        # shellcheck disable=SC2086
        $ET train --train "$D/train.conll" --out "$D/lab.model" --epochs 8 --seed "$seed" \
            --average "$la" $recipe 2> "$D/lab.log"
    fi
    $ET --model "$D/lab.model" --types PER,ORG,LOC,MISC --fields body \
        < "$S/data/corpora/reuters-fin-2013q4-sample/articles.ndjson" |
        python3 bench/entity-tag-pseudo.py "$n" > "$D/pseudo.conll"
    cat "$D/train.conll" "$D/pseudo.conll" > "$D/trainp.conll"
    # shellcheck disable=SC2086
    $ET train --train "$D/trainp.conll" --out "$D/self.model" --epochs 8 --seed "$seed" \
        --average "$sa" $recipe 2> "$D/self.log"
    for m in base self; do
        for c in "$D/test.conll" "$E/conll2003/eng.testa" "$E/wikigold/wikigold.conll.txt"; do
            printf '%s %s ' $m "$(basename "$c")"
            $ET eval --model "$D/$m.model" "$c" | sed -n 's/.*overall.* F1 \([0-9.]*\).*/\1/p'
        done
    done > "$D/result.txt"
done
cat "$W"/f?/result.txt | awk '{ s[$1 " " $2] += $3; k[$1 " " $2]++ }
    END { for (x in s) printf "%-28s F1 %.2f (mean of %d folds)\n", x, s[x] / k[x], k[x] }' | sort
