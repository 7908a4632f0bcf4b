#!/bin/sh
# newspipe-ticker-link import --intl-date: FinanceDatabase lines flagged delisted become
# listings valid to the day before the file's date (companies older news names), unless the
# code is listed today (reused), with prior 33; a one-word name among them links as written,
# not through other capitalized words ("Nortex Networks Corp" is an older namesake the
# sources lack), nor with an ORG entity alone; so does an over-the-counter line's (any prior
# of 33 or less). Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl.tsv"
for l in 'ALPB.SW|Alpenbank AG|False' 'BGBK.SW|Bergbank Group AG|True' \
    'RUSE.SW|Reused Oldname Holding AG|True' 'RUSE.SW|Reused Newname AG|False' \
    'NTX.OL|Nortex AS|True'; do
    IFS='|' read -r sym name del <<EOT
$l
EOT
    printf '%s\t%s\tEBS\tXSWX\tX\tSwitzerland\tCHF\tFinancials\tBanks\t\t\t\t%s\n' "$sym" "$name" "$del" >> "$T/intl.tsv"
done
"$TL" import --intl "$T/intl.tsv" --intl-date 2026-08-16 -o "$T/l.tsv" 2> "$T/e"
ok $? "import with --intl-date"
row() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $2 "|" $8 "|" $9 }'; }
is "$(row 'Bergbank Group AG')" "BGBK|2026-08-15|33" \
   "a delisted line is a listing valid to the day before the file's date, prior 33"
is "$(row 'Alpenbank AG' | cut -d'|' -f2)" "" "a current line stays open"
is "$(row 'Reused Oldname Holding AG')" "" "a delisted line whose code is listed today is left out"
is "$(row 'Reused Newname AG' | cut -d'|' -f1)" "RUSE" "and the current line kept"
is "$(row 'Nortex AS')" "NTX|2026-08-15|33" "a delisted company known by one word too"
"$TL" import --intl "$T/intl.tsv" -o "$T/l0.tsv" 2> "$T/e"
is "$(grep -c Bergbank "$T/l0.tsv")" "0" "without --intl-date delisted lines are skipped"
"$TL" import --intl "$T/intl.tsv" --intl-date 2026-13-01 -o "$T/x.tsv" 2> "$T/e"
is "$?" "64" "a bad --intl-date is a usage error"
like "$(cat "$T/e")" "intl-date 2026-13-01: want YYYY-MM-DD" "naming the value"
is "$(test -e "$T/x.tsv" && echo written)" "" "and nothing is written"
"$TL" import --intl "$T/intl.tsv" --current foo -o "$T/x.tsv" 2> "$T/e"
is "$?" "64" "a bad --current is a usage error too (it became the rows' valid_to, which the filter refused)"
like "$(cat "$T/e")" "current foo: want YYYY-MM-DD" "naming the value"

linked() { # [TABLE]: each record's id and the symbols it links, a line each
    "$TL" --listings "${1:-$T/l.tsv}" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["id"], " ".join(t["symbol"] for t in r.get("tickers", [])))'
}
printf '{"id":1,"date":"2013-10-04","body":"Bergbank Group said profit rose."}\n{"id":2,"date":"2026-09-01","body":"Bergbank Group said profit rose."}\n' |
    linked > "$T/o"
is "$(sed -n 1p "$T/o")" "1 BGBK" "it links in news of its time"
is "$(sed -n 2p "$T/o")" "2 " "not in news after the file's date"
printf '{"id":1,"date":"2013-10-04","body":"Nortex AS said profit rose."}\n{"id":2,"date":"2013-10-04","body":"It bought Nortex Networks Corp units."}\n' |
    linked > "$T/n"
is "$(sed -n 1p "$T/n")" "1 NTX" "a delisted one-word name links as written"
is "$(sed -n 2p "$T/n")" "2 " "not with other capitalized words before a legal form"
# An ORG entity (entity-tag's) supports a listed one-word name, not a delisted line's: an
# older namesake is an organization too. Alpenbank AG is listed, Nortex AS delisted.
printf '%s\n' '{"id":1,"date":"2013-10-04","body":"The sale of Nortex patents went ahead.","entities":[{"text":"Nortex","type":"ORG","field":"body","start":12,"end":18}]}' \
    '{"id":2,"date":"2013-10-04","body":"The sale of Alpenbank branches went ahead.","entities":[{"text":"Alpenbank","type":"ORG","field":"body","start":12,"end":21}]}' |
    linked > "$T/g"
is "$(sed -n 1p "$T/g")" "1 " "an ORG entity does not support a delisted line's one-word name"
is "$(sed -n 2p "$T/g")" "2 ALPB" "it supports a listed company's"
# The same for any issuer of prior 33 or less (newspipe-listings(5)): an over-the-counter
# line's (prior 10), and a listed one's (35) as before.
table "$T/otc.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:9990010|OSTW|OTCM||1|US|||10|Ostwind Corp|
cik:9990011|WSTW|XNYS||1|US|||35|Westwind Corp|
TSV
printf '%s\n' '{"id":1,"body":"The sale of Ostwind patents went ahead.","entities":[{"text":"Ostwind","type":"ORG","field":"body","start":12,"end":19}]}' \
    '{"id":2,"body":"The sale of Westwind patents went ahead.","entities":[{"text":"Westwind","type":"ORG","field":"body","start":12,"end":20}]}' \
    '{"id":3,"body":"It bought Ostwind Energy Systems Corp units."}' \
    '{"id":4,"body":"It bought Westwind Energy Systems Corp units."}' |
    linked "$T/otc.tsv" > "$T/otc"
is "$(cat "$T/otc")" "1 
2 WSTW
3 
4 WSTW" "an over-the-counter line's one-word name links as written too, a listed one's also with an ORG entity or capitalized words before a legal form"
# A company the article writes as one whose offering is to come, or as privately held, is
# not listed at its date, whatever the table's dates (an IPO year, or none): "take NAME
# public" (past: "took", it is), "NAME's planned IPO", "privately-owned NAME"; a code in the
# article still names it.
table "$T/ipo.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:9990020|HLTW|XNYS||1|US|2013-01-01||60|Hilberton Worldwide Holdings Inc.|
cik:9990021|BLKS|XNYS||1|US|||80|Blackstead Group LP|
TSV
printf '%s\n' '{"id":1,"date":"2013-10-17","body":"Blackstead Group LP is preparing to take Hilberton Worldwide Holdings Inc public next year. Hilberton Worldwide said occupancy rose."}' \
    '{"id":2,"date":"2013-10-17","body":"Blackstead Group LP filed to take U.S. hotel operator Hilberton Worldwide Inc public."}' \
    '{"id":3,"date":"2013-10-17","body":"Hilberton Worldwide Inc'"'"'s planned IPO drew interest."}' \
    '{"id":4,"date":"2013-10-17","body":"Blackstead Group LP took Hilberton Worldwide Holdings Inc public this year."}' \
    '{"id":5,"date":"2013-10-17","body":"Hilberton Worldwide Inc (HLTW.N) priced its IPO; Blackstead Group LP will take Hilberton Worldwide Inc public on Friday."}' \
    '{"id":6,"date":"2013-10-17","body":"The drug is developed by privately-owned Hilberton Worldwide, which Blackstead Group LP backs. Hilberton Worldwide said more."}' |
    linked "$T/ipo.tsv" > "$T/ipo"
is "$(cat "$T/ipo")" "1 BLKS
2 BLKS
3 
4 BLKS HLTW
5 HLTW BLKS
6 BLKS" "a company to be taken public, with a planned IPO or privately held is not linked; one taken public is, and one whose code the article writes"
# Two issuers of one name, one listed at the article's date and one only later (a spin-off
# of 2012 and a new company of 2018 that took its name): the date picks the company, as it
# picks the code, instead of a tie that links neither.
table "$T/same.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:9990030|ADX|XNYS||1|US||2016-08-14|49|Alderwick Corporation|
cik:9990031|ADXI|XNYS||1|US|2018-01-01||49|Alderwick Inc.|
TSV
printf '%s\n' '{"id":1,"date":"2013-10-15","body":"Alderwick Corp said profit rose."}' \
    '{"id":2,"date":"2019-10-15","body":"Alderwick Corp said profit rose."}' \
    '{"id":3,"date":"2017-03-01","body":"Alderwick Corp said profit rose."}' |
    linked "$T/same.tsv" > "$T/same"
is "$(cat "$T/same")" "1 ADX
2 ADXI
3 " "a name two issuers share links the one listed at the article's date, neither when none is"
# Two issuers of the table listing one symbol (a snapshot's "Walbury Stores, Inc." and today's
# Walbury Inc.): a bare code after the name gives its evidence to the issuer the name chose.
table "$T/dup.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XNYS:WLB@2016-08-15|WLB|XNYS||0|US||2025-12-13|34|Walbury Stores, Inc.|
cik:9990050|WLB|XNYS||1|US|||82|Walbury Inc.|Walbury Stores
TSV
printf '%s\n' '{"id":1,"date":"2013-10-22","body":"Walbury Stores Inc. (WLB) said sales rose."}' |
    "$TL" --listings "$T/dup.tsv" | python3 -c '
import json, sys
for t in json.loads(sys.stdin.read())["tickers"]:
    print(t["issuer"], " ".join(e["method"] for e in t["evidence"]))' > "$T/dup"
is "$(cat "$T/dup")" "cik:9990050 name symbol" "the code counts for the issuer the name chose"
done_testing
