#!/bin/sh
# "newspipe-entity-tag train" and "eval" from the command line on a small CoNLL snippet:
# per-epoch progress with dev P/R/F1, deterministic models, and eval through the real filter.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-entity-tag
ET="$NP_BIN/newspipe-entity-tag"
cat > "$T/tiny.conll" <<'EOF2'
-DOCSTART- -X- O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
visited VBD I-VP O
Germany NNP I-NP I-LOC
. . O O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
hired VBD I-VP O
Mary NNP I-NP I-PER
Smith NNP I-NP I-PER
in IN I-PP O
France NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

The DT I-NP O
German JJ I-NP I-MISC
minister NN I-NP O
met VBD I-VP O
Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
's POS B-NP O
chief NN I-NP O
. . O O
EOF2
"$ET" train --train "$T/tiny.conll" --dev "$T/tiny.conll" --out "$T/a.model" --epochs 4 --seed 3 2> "$T/log"
is $? 0 "train exits 0"
is "$(grep -c 'epoch [0-9]/4: .*dev P [0-9.]* R [0-9.]* F1 [0-9.]*' "$T/log")" 8 "one progress line per epoch and pass with dev P/R/F1"
"$ET" train --train "$T/tiny.conll" --dev "$T/tiny.conll" --out "$T/b.model" --epochs 4 --seed 3 2> /dev/null
cmp -s "$T/a.model" "$T/b.model"
ok $? "deterministic: same seed, same bytes"
"$ET" train --train "$T/tiny.conll" --dev "$T/tiny.conll" --out "$T/m1.model" --epochs 3 --seed 3 --average 2 --folds 2 2> "$T/mlog"
is $? 0 "train --average 2 --folds 2 exits 0"
is "$(grep -c 'model [12]/2 epoch [0-9]/3: .*dev P' "$T/mlog")" 12 "--average 2: a progress line per epoch of each model and pass"
is "$(grep -c 'mean of 2 models: .*dev P [0-9.]* R [0-9.]* F1' "$T/mlog")" 2 "--average 2: the mean model's dev scores, once per pass"
is "$(grep -c '^first-pass fold [12]/2' "$T/mlog")" 2 "--folds 2: two jackknife folds"
"$ET" train --train "$T/tiny.conll" --dev "$T/tiny.conll" --out "$T/m2.model" --epochs 3 --seed 3 --average 2 --folds 2 2> /dev/null
cmp -s "$T/m1.model" "$T/m2.model"
ok $? "--average: deterministic too"
"$ET" train --train "$T/tiny.conll" --out "$T/m0.model" --epochs 3 --seed 3 --folds 2 2> /dev/null
! cmp -s "$T/m1.model" "$T/m0.model"
ok $? "--average 2 gives another model than one perceptron"
"$ET" train --train "$T/tiny.conll" --out "$T/c.model" --average 0 2> /dev/null
is $? 64 "--average 0: exit 64"
"$ET" train --train "$T/tiny.conll" --out "$T/v1.model" --epochs 3 --decoder viterbi --passes 1 2> /dev/null
is $? 0 "train --decoder viterbi exits 0"
"$ET" train --train "$T/tiny.conll" --out "$T/v2.model" --epochs 3 --decoder viterbi --passes 1 2> /dev/null
cmp -s "$T/v1.model" "$T/v2.model"
ok $? "--decoder viterbi: deterministic"
is "$(od -An -tu4 -j60 -N4 "$T/v1.model" | tr -d ' ')" 1 "the model file records the Viterbi decoder"
"$ET" train --train "$T/tiny.conll" --out "$T/v3.model" --epochs 3 --decoder viterbi --passes 1 --context 2> "$T/v3.log"
is "$(od -An -tu4 -j60 -N4 "$T/v3.model" | tr -d ' ')" 257 "--context: the model file records context aggregation beside the decoder"
like "$(cat "$T/v3.log")" 'decoder: Viterbi; context aggregation' "--context: said on the progress lines"
printf '{"id":"1","body":"Peter Blackburn visited Germany. Blackburn met Acme Corp."}\n' | "$ET" --model "$T/v3.model" > "$T/v3.out"
is $? 0 "a model trained with --context tags"
"$ET" train --train "$T/tiny.conll" --decoder beam --out "$T/x.model" 2> /dev/null
is $? 64 "--decoder beam: exit 64"
"$ET" train --train "$T/tiny.conll" --cv 2 --cv-eval "$T/tiny.conll" --epochs 2 --decoder viterbi > "$T/cv" 2> /dev/null
is $? 0 "train --cv 2 exits 0 and writes no model"
is "$(grep -c '^cv fold [12]/2: [0-9]* documents, F1 [0-9.]* \[PER .*\]; tiny.conll F1 [0-9.]*' "$T/cv")" 2 "--cv 2: a line per fold, with the --cv-eval file's F1"
like "$(cat "$T/cv")" 'cv mean of 2 folds: F1 [0-9.]+ \(sd [0-9.]+; pooled [0-9.]+' "--cv: the mean over folds"
# unseen names: doc 0's five entities but "Acme Corp" are not in doc 1, doc 1's "German" not in
# doc 0 (5 of 7); each fold model on the whole file: 4 of 7 (doc 1's model), 1 of 7 (doc 0's)
like "$(cat "$T/cv")" 'cv folds pooled: unseen names F1 [0-9.]+ \(71\.4% of the entities\), seen [0-9.]+' "--cv: entities whose words the fold's training never gives, scored apart"
like "$(cat "$T/cv")" 'cv fold models on tiny.conll: unseen names F1 [0-9.]+ \(35\.7% of the entities\), seen [0-9.]+' "--cv: the same for a --cv-eval file, per fold model"
printf 'Acme\nBeta Gamma\nDelta Epsilon Zeta\n' > "$T/big.lst"
"$ET" train --train "$T/tiny.conll" --out "$T/x.model" --gazetteer wikiorg="$T/big.lst" --gazetteer-budget 5 2> "$T/err"
is $? 65 "a gazetteer over --gazetteer-budget: exit 65"
like "$(cat "$T/err")" 'big.lst:3: .*size budget' "the error names the list and line"
"$ET" eval --model "$T/a.model" "$T/tiny.conll" > "$T/eval"
is $? 0 "eval exits 0"
like "$(cat "$T/eval")" 'tiny.conll overall: precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+ \(7 gold entities\)' "eval reports overall P/R/F1 with the gold count"
like "$(cat "$T/eval")" 'tiny.conll PER +: precision' "eval reports per type"
# --names-from: doc 1 of tiny.conll gives "German" and "Acme Corp": 3 of its 7 entities are
# seen (both Acme Corp, German), 4 unseen
awk 'BEGIN{d=0} /^-DOCSTART-/{d++} d==2' "$T/tiny.conll" > "$T/doc1.conll"
"$ET" eval --model "$T/a.model" --names-from "$T/doc1.conll" "$T/tiny.conll" > "$T/evaln"
is $? 0 "eval --names-from exits 0"
like "$(cat "$T/evaln")" 'tiny.conll unseen names: precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+ \(4 gold entities, 57\.1%\)' "eval --names-from: the entities the file never gives, scored apart"
like "$(cat "$T/evaln")" 'tiny.conll seen names: precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+ \(3 gold entities, 42\.9%\)' "eval --names-from: and the others"
printf 'bad line without tag\n' > "$T/badnames.conll"
"$ET" eval --model "$T/a.model" --names-from "$T/badnames.conll" "$T/tiny.conll" > /dev/null 2> "$T/err"
is $? 65 "eval --names-from a malformed file: exit 65"
like "$(cat "$T/err")" 'badnames.conll:1' "eval --names-from a malformed file: names file and line"
printf 'bad line without tag\n' > "$T/bad.conll"
"$ET" train --train "$T/bad.conll" --out "$T/c.model" 2> "$T/err"
is $? 65 "malformed CoNLL: exit 65"
like "$(cat "$T/err")" 'bad.conll:1' "malformed CoNLL: names file and line"
"$ET" train --out "$T/c.model" 2> /dev/null
is $? 64 "train without --train: exit 64"
"$ET" train --train "$T/tiny.conll" --out "$T/c.model" --epochs 0 2> "$T/err"
is "$?:$(cat "$T/err")" "64:newspipe-entity-tag: --epochs: '0' is not a whole number from 1 to 1000" \
    "--epochs 0: exit 64, one line naming the option, the value and the range"
[ ! -e "$T/c.model" ]
ok $? "--epochs 0: no model written"
done_testing
