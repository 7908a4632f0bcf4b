#!/bin/sh
# newspipe-ticker-link learn: name -> listing pairs from explicit codes in text written for
# this test. Thresholds (count and agreement), conflicting pairs, dates, a RIC whose root is
# not the symbol, a listing the table lacks, excluded codes, bad input, and the importer
# merging the result.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/l.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:1|ACMB|XNYS||1|US|||60|Acme Brands Inc|
cik:2|WDGT|XNAS||1|US|||60|Widget Works Inc|
XHEL:NOKIA|NOKIA|XHEL||1|FI|||70|Nokia Oyj|
TSV
n=0
add() { n=$((n + 1)); printf '{"id":%d,"body":"%s","published":"%s"}\n' "$n" "$1" "$2" >> "$T/in.ndjson"; }
: > "$T/in.ndjson"
add 'Shares of Acme Household Products ( ACMB.N ) rose.' 2013-10-02
add 'Germany'"'"'s Acme Household Products (ACMB.N) fell.' 2013-10-05
add 'Acme Household Products (NYSE: ACMB) said.' 2013-11-01
add 'Gadgetco (WDGT.O) and Gadgetco (ACMB.N) were cited.' 2013-10-03
add 'Gadgetco (WDGT.O) rose.' 2013-10-04
add 'Nokia Oyj (NOK1V.HE) rose. Nokia Oyj (NOK1V.HE) fell.' 2013-10-06
add 'Oldco Mining Corp (OLDC.N) rose.' 2013-10-07
add 'Oldco Mining Corp (OLDC.N) fell.' 2013-10-09
add 'Onceco Inc (ONCE.N) rose.' 2013-10-09
add 'Secretco Ltd (SCRT.N) rose. Secretco Ltd (SCRT.N) fell.' 2013-10-10
add 'Target (ACMB.N) and Target (ACMB.N) again.' 2013-10-11
printf 'not json\n{"id":99,"body":["not","text"]}\n[1,2]\n' >> "$T/in.ndjson"
printf 'SCRT.N\n' > "$T/exclude.txt"
"$TL" learn --listings "$T/l.tsv" --exclude "$T/exclude.txt" "$T/in.ndjson" -o "$T/learned.tsv" 2> "$T/err"
ok $? "learn runs, skipping bad lines"
like "$(cat "$T/err")" 'in\.ndjson:12: .*skipped' "a bad line is named by file and line"
rows() { grep -v '^#' "$T/learned.tsv" | tail -n +2 | cut -f1-4,7-11 | tr '\t' '|' | sort; }
is "$(rows)" "$(printf '%s\n' \
  '@XHEL:NOKIA|NOKIA|XHEL|NOK1V.HE|||||' \
  '@XNYS:ACMB||||||||Acme Household Products' \
  'learned:OLDC.N|OLDC|XNYS|OLDC.N|2013-10-07|2013-10-09|34|Oldco Mining Corp|' | sort)" \
  "kept: an alias seen three times (RIC and exchange forms), a RIC whose root is not the symbol, a listing the table lacks"
like "$(cat "$T/learned.tsv")" '# Acme Household Products -> ACMB.N: 3 of 3, 2013-10-02\.\.2013-11-01' \
  "counts, the name's share and the dates seen are recorded"
like "$(cat "$T/learned.tsv")" '#- Gadgetco -> ACMB.N: 1 of 3' "a conflicting pair below the agreement is not kept"
like "$(cat "$T/learned.tsv")" '#- Onceco Inc -> ONCE.N: 1 of 1' "a pair seen once is not kept"
is "$(grep -c 'SCRT\|Secretco' "$T/learned.tsv")" "0" "an excluded code is never learnt from"
is "$(grep -c 'Target' "$T/learned.tsv")" "0" "a one-word common name is never learnt"
"$TL" learn --listings "$T/l.tsv" --min-count 1 --min-share 0.5 "$T/in.ndjson" 2> /dev/null > "$T/l2.tsv"
like "$(grep -v '^#' "$T/l2.tsv")" 'ONCE\.N' "thresholds are options"

# The importer merges the learned rows: the alias links, the RIC resolves, and the learned
# listing is valid only when it was seen.
"$TL" import --tsv "$T/l.tsv" --aliases "$T/learned.tsv" -o "$T/merged.tsv" 2> "$T/err"
ok $? "import --aliases merges the learned rows"
link() { printf '{"body":"%s","published":"%s"}\n' "$1" "$2" | "$TL" --listings "$T/merged.tsv" |
         sed 's/.*"tickers":\[//' | grep -o '"symbol":"[^"]*"' | tr '\n' ' '; }
is "$(link 'Acme Household Products said.' 2013-10-20)" '"symbol":"ACMB" ' "a learned alias links"
is "$(link 'Up (NOK1V.HE).' 2013-10-20)" '"symbol":"NOKIA" ' "a learned RIC resolves to its listing"
is "$(link 'Oldco Mining Corp said.' 2013-10-08)" '"symbol":"OLDC" ' "a learned listing links on a date it was seen"
is "$(link 'Oldco Mining Corp said.' 2015-01-01)" '' "and not years later"

# The name before a code runs back over the connectors of registered names ("dei", "di"),
# not over "for" or "at"; an alias of one word without its legal form ("Widgetco SpA") is
# weak.
: > "$T/in3.ndjson"
n=0
add3() { n=$((n + 1)); printf '{"id":%d,"body":"%s","published":"2013-10-0%d"}\n' "$n" "$1" "$n" >> "$T/in3.ndjson"; }
add3 'Banca Monte dei Paschi di Varzo SpA (BMPV.MI) fell. Shares of Banca Monte dei Paschi di Varzo SpA (BMPV.MI) fell again.'
add3 'Lawyers for Widget Works Inc (WDGT.O) said. Lawyers for Widget Works Inc (WDGT.O) said again.'
add3 'Widgetco SpA (WDGT.O) rose. Widgetco SpA (WDGT.O) fell.'
"$TL" learn --listings "$T/l.tsv" "$T/in3.ndjson" -o "$T/learned3.tsv" 2> /dev/null
ok $? "learn on names with connectors"
names3() { grep -v '^#' "$T/learned3.tsv" | tail -n +2 | cut -f10,11 | tr '\t' '|' | sort; }
is "$(names3)" "$(printf '%s\n' 'Monte dei Paschi di Varzo SpA|' '|~Widgetco SpA' | sort)" \
  "'Monte dei Paschi di Varzo SpA', not 'Varzo SpA'; no 'Lawyers for Widget Works Inc'; '~Widgetco SpA'"
"$TL" learn "$T/in.ndjson" 2> /dev/null > /dev/null
is "$?" "64" "--listings is required"
"$TL" learn --listings "$T/l.tsv" --min-share 2 "$T/in.ndjson" 2> /dev/null > /dev/null
is "$?" "64" "a share above 1 is a usage error"
"$TL" learn --listings "$T/l.tsv" "$T/missing.ndjson" 2> "$T/err" > /dev/null
is "$?" "66" "a missing input exits 66"
like "$(cat "$T/err")" 'missing\.ndjson' "naming it"
"$TL" learn --listings "$T/nope.tsv" "$T/in.ndjson" 2> /dev/null > /dev/null
is "$?" "78" "a missing listings file exits 78"
# An archive of gzip files is read as the filter reads it (the previous release saw only
# bad lines in one and learnt nothing); a damaged one is an I/O error naming it.
gzip -c "$T/in.ndjson" > "$T/in.ndjson.gz"
"$TL" learn --listings "$T/l.tsv" --exclude "$T/exclude.txt" "$T/in.ndjson.gz" -o "$T/learned-gz.tsv" 2> /dev/null
is "$?:$(cmp -s "$T/learned-gz.tsv" "$T/learned.tsv" && echo same)" "0:same" "a gzip input learns what its text teaches"
head -c 40 "$T/in.ndjson.gz" > "$T/cut.ndjson.gz"
"$TL" learn --listings "$T/l.tsv" "$T/cut.ndjson.gz" 2> "$T/err" > /dev/null
is "$?" 65 "a damaged gzip input exits 65, as a filter does (newspipe(7))"
# Nothing to learn (only bad lines): an empty result, not an error (nor, under the sanitizers, a
# null pointer handed to qsort).
printf 'not json\n' > "$T/nothing.ndjson"
"$TL" learn --listings "$T/l.tsv" "$T/nothing.ndjson" > "$T/o" 2> /dev/null
is "$?:$(grep -vc "^#" "$T/o")" "0:1" "a file of bad lines only: exit 0, the header and no rows"
printf '{"fields":["cik"],"data":[[1]]}\n' > "$T/odd.json"
"$TL" import --sec "$T/odd.json" > /dev/null 2>&1
is "$?" 0 "import of an SEC file without names: exit 0"
like "$(cat "$T/err")" 'cut\.ndjson\.gz: truncated gzip input' "naming it and why"
done_testing
