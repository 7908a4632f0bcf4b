#!/bin/sh
# Person-name gazetteer for entity-tag training: the parts of people's names in NAMES (first
# or last, one per line: gazetteers/people-names.txt) less those that the CoNLL training text
# TRAIN also writes as a lower-case word ("Young", "Hope", "Price"), which a name list cannot
# tell from the word. Folds measured both: without the words, wikigold +0.2 (seeds 1-4).
# Usage: people.sh NAMES TRAIN > people-names.txt
set -eu
awk 'NR == FNR { split($0, f, " "); if (f[1] ~ /^[a-z]+$/) lower[f[1]] = 1; next }
     $0 != "" && $0 !~ /^#/ && !(tolower($0) in lower)' "$2" "$1"
