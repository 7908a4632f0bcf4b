#!/bin/sh
# Common lower-case words for entity-tag: the words the CoNLL training text TRAIN writes in
# lower case at least 3 times and capitalized, except at a sentence's start, at most once for
# every 20 times ("still", "take", "analysts"). Not a feature: the tagger's rule that a
# person's name does not begin with such a word at a sentence's start (tagger.c) reads them
# from the model.
# Usage: lower-words.sh TRAIN > lower-words.txt
set -eu
awk '$0 == "" || /^-DOCSTART-/ { start = 1; next }
     {
         w = $1
         if (!start) {
             if (w ~ /^[a-z][a-z]+$/) low[w]++
             else if (w ~ /^[A-Z]/) cap[tolower(w)]++
         }
         start = 0
     }
     END { for (w in low) if (low[w] >= 3 && cap[w] * 20 <= low[w]) print w }' "$1" | LC_ALL=C sort
