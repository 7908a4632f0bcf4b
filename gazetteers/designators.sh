#!/bin/sh
# The words that close a company's name, for entity-tag's company_word (published.c, which
# holds the list this prints): the last words of the listed companies' names (companies.sh)
# that close 20 names or more, capitalized and not in capitals, alphabetic, no first name
# (first-names.txt) and the last word of at most two of Wikipedia's location titles.
# Usage: designators.sh SHARED > words (sorted as C's strcmp sorts them)
set -eu
here=$(dirname "$0")
sh "$here/companies.sh" "$1" |
    awk -v locs="$1/data/ner/wiki-gazetteers/WikiLocations.lst" -v first="$here/first-names.txt" '
    BEGIN {
        while ((getline l < locs) > 0) { n = split(l, w, " "); if (n >= 2) loc[w[n]]++ }
        while ((getline l < first) > 0) fn[l] = 1
    }
    { n = split($0, w, " "); if (n >= 2) org[w[n]]++ }
    END {
        for (x in org)
            if (org[x] >= 20 && x ~ /^[A-Z][A-Za-z]+$/ && x !~ /^[A-Z]+$/ && !(x in fn) && loc[x] <= 2)
                print x
    }' | LC_ALL=C sort
