#!/bin/sh
# Prints the documents of a CoNLL file whose index modulo N is K (with --not: is not K),
# counting documents as the trainer does: from 0, in file order, a document being the tokens
# between -DOCSTART- lines (the file's start opens one too; an empty one does not count).
# make model uses it to train on eng.train and three quarters of eng.testa, keeping the
# fourth quarter for the quality gate (tests/quality/entity-tag.t).
# Usage: conll-docs.sh [--not] N K FILE
set -eu
neg=0
if [ "$1" = --not ]; then
    neg=1
    shift
fi
awk -v n="$1" -v k="$2" -v neg="$neg" '
/^-DOCSTART-/ { open = 0; next }
/^[ \t\r]*$/ { if (keep) print ""; next }
{
    if (!open) {
        open = 1
        keep = ((d % n == k) != neg)
        d++
        if (keep) print "-DOCSTART- -X- O O\n"
    }
    if (keep) print
}' "$3"
