#!/bin/sh
# Company-name gazetteer for entity-tag training, built from the ticker listings in
# ../shared/data/tickers (SEC EDGAR: public domain; S&P 500: PDDL; FinanceDatabase: MIT).
# Prints each name as listed and again with each legal suffix removed in turn ("Apple Inc." -> "Apple",
# "NVIDIA CORP" -> "NVIDIA"), one per line, sorted and unique.
# Usage: companies.sh SHARED_DIR > companies.txt
# With --as-listed, prints instead the one-word names exactly as listed, no legal suffix
# stripped ("Meituan", "ArcelorMittal"), that are not also a lower-case word of the CoNLL
# training text ("Two" is a listed name): the tagger trusts these over its model.
# Usage: companies.sh --as-listed SHARED_DIR > company-names.txt
set -eu
as_listed=
if [ "$1" = --as-listed ]; then
    as_listed=1
    shift
fi
T="$1/data/tickers"
names() {
    tail -n +2 "$T/sec-edgar/company_tickers_exchange.tsv" | cut -f2
    # S&P 500 "Security" (common names); CSV with quoted fields
    tail -n +2 "$T/sp500/constituents.csv" |
        awk -F'"' '{ for (i = 2; i <= NF; i += 2) gsub(",", "\001", $i); print }' OFS='"' |
        cut -d, -f2 | tr -d '"' | tr '\001' ','
    # FinanceDatabase: equities with a sector (skips bonds and odd instruments)
    tail -n +2 "$T/intl-financedatabase/equities_intl.tsv" | awk -F'\t' '$8 != "" { print $2 }'
}
if [ -n "$as_listed" ]; then
    names | tr -d '\r' | awk -v train="$1/data/ner/conll2003/eng.train" '
        BEGIN { while ((getline l < train) > 0) { split(l, f, " "); if (f[1] ~ /^[a-z]+$/) lower[f[1]] = 1 } }
        NF == 1 && $1 ~ /^[A-Za-z][A-Za-z0-9]*[A-Za-z]$/ && length($1) >= 3 && !(tolower($1) in lower)' |
        LC_ALL=C sort -u
    exit 0
fi
names | tr -d '\r' | awk '
function strip(s,   old) {
    do {
        if (s != $0 && length(s) >= 2) print s
        old = s
        sub(/[ ,]+$/, "", s)
        sub(/ *\/[A-Za-z]+\/?$/, "", s)
        sub(/[ ,]+(Inc|INC|Corp|CORP|Corporation|CORPORATION|Co|CO|Company|COMPANY|Ltd|LTD|Limited|LIMITED|Plc|PLC|plc|LLC|L\.L\.C|LP|L\.P|Holdings?|HOLDINGS?|Group|GROUP|SA|S\.A|AG|NV|N\.V|SE|ASA|AB|SpA|S\.p\.A|Trust|TRUST|Bancorp|BANCORP|Tbk|Bhd|Berhad|KGaA|GmbH|S\.A\.B\. de C\.V|ADR|Class [A-C]|Common Stock)\.?$/, "", s)
        sub(/[ ,]+&$/, "", s)
    } while (s != old)
    return s
}
{
    gsub(/[ \t]+/, " ")
    sub(/^ /, "")
    if ($0 == "") next
    print
    s = strip($0)
    if (s != $0 && length(s) >= 2) print s
}' | LC_ALL=C sort -u
