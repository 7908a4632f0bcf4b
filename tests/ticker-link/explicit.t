#!/bin/sh
# newspipe-ticker-link on US market-news styles (text written for this test): bare codes in
# parentheses with the name before them or a context that makes them codes, never common
# acronyms or the initials of the words before them ("London Stock Exchange (LSE)"); funds in that style; RICs without parentheses, glued to the name too, and the
# tokens with a full stop that must not match; listing types in the output; a company
# mention links its equity listings only; separately listed subsidiaries stay apart.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

# A made-up listings table: the companies, funds and traps the cases need. SEC, AI and EPS
# are listed symbols here, so only the acronym rule keeps them out.
table "$T/l.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases|type
cik:1|ACMB|XNYS||1|US|||60|Acme Brands Inc||common
cik:2|MSFT|XNAS|MSFT.O|1|US|||95|Microsoft Corp|+Microsoft|common
cik:3|GOOGL|XNAS||1|US|||95|Alphabet Inc|+Alphabet|common
cik:3|GOOG|XNAS||0|US|||95|Alphabet Inc||common
cik:4|BIGB|XNYS||1|US|||85|Bigbank Financial Corp||common
cik:4|BBNX|ARCX||0|US|||85|Bigbank Financial Corp||etn
cik:4|BIGB-PA|XNYS||0|US|||85|Bigbank Financial Corp||preferred
ARCX:XLK|XLK|ARCX||1|US|||20|Technology Select Sector SPDR Fund||etf
XNAS:TQQQ|TQQQ|XNAS||1|US|||20|ProShares UltraPro QQQ||etf
cik:5|PLMD|XNYS||1|US|||80|Pillmaker Drugs Inc|+Pillmaker|common
XNSE:PLMDIND|PLMDIND|XNSE||1|IN|||40|Pillmaker Drugs India Ltd||common
cik:6|SEC|XNYS||1|US|||30|Secure Energy Co||common
cik:7|AI|XNYS||1|US|||50|Aiva Intelligence Inc|+Aiva|common
cik:8|EPS|XNAS||1|US|||30|Epsilon Parts Systems Inc||common
cik:9|ZETA|XNYS||1|US|||40|Zetamark Holdings Inc||common
cik:10|AAPL|XNAS|AAPL.O|1|US|||95|Apple Inc.|*Apple|common
cik:11|AMZN|XNAS|AMZN.O|1|US|||95|Amazon.com Inc|+Amazon.com|common
cik:12|T|XNYS|T.N|1|US|||80|AT&T Inc|+AT&T|common
cik:13|ADRX|XNYS||0|GB|||70|Adriax plc||depositary
cik:13|ADX|XLON|ADX.L|1|GB|||70|Adriax plc||common
XSWX:U|U|XSWX|U.S|1|CH|||40|Utopia AG||common
ARCX:J|J|ARCX|J.P|1|US|||40|Jay Fund||etf
ARCX:A|A|ARCX|A.P|1|US|||40|Ay Fund||etf
XLON:INC|INC|XLON|INC.L|1|GB|||40|Incline plc||common
cik:14|MSCI|XNYS||1|US|||70|MSCI Inc||common
cik:15|HOLD|XNYS||1|US|||70|Holdfast Capital Inc|+Holdfast|common
cik:16|LSEX|XNAS||1|US|||40|Lesko Energy Corp||common
TSV

: > "$T/in.ndjson"
n=0
add() { n=$((n + 1)); printf '{"id":%d,"body":"%s","published":"2024-03-05"}\n' "$n" "$1" >> "$T/in.ndjson"; }
add 'Acme Brands (ACMB) rose 4% after earnings.'
add 'Microsoft Corporation (MSFT) and Alphabet Inc. (GOOGL, GOOG) gained.'
add 'The Securities and Exchange Commission (SEC) said artificial intelligence (AI) lifted earnings per share (EPS); the chief executive officer (CEO) met the FOMC (FOMC).'
add 'Aiva Intelligence (AI) jumped.'
add 'Shares of Zeta (ZETA) rose on the NYSE.'
add 'Zeta (ZETA) was cited in the report.'
add 'Acme Brands (ACMB), Microsoft Corp (MSFT) and Zeta (ZETA) were cited.'
add 'The Technology Select Sector SPDR Fund (XLK) and ProShares UltraPro QQQ (TQQQ) rose.'
add 'Acme (QQQQQ) and Acme (ZZZZ) rose.'
add 'Apple AAPL.O rose. Amazon.comAMZN.O fell while AT&T T.N was flat.'
add 'Apple IncAAPL.O shares rose.'
add 'In the U.S. and in J.P. Morgan and A.P. Moller reports, Inc. No.1 saw report.L, http://x.com/AAPL.O and IR@AAPL.O; U.S-listed INC.Lx.'
add 'Zeta ZZZ.N and Acme ACMB.N5 moved.'
add 'Bigbank Financial Corp said profit rose.'
add 'Bigbank Financial Corp (BBNX) notes fell.'
add 'Pillmaker said sales rose.'
add 'Adriax plc said sales rose.'
add 'The MSCI world index rose and the Holdfast index fell.'
add 'MSCI Inc said profit rose; MSCI shares gained.'
add 'Shares of the London Stock Exchange of Xanadu (LSEX) rose.'
"$TL" --listings "$T/l.tsv" < "$T/in.ndjson" > "$T/out.ndjson" 2> "$T/err"
ok $? "the filter runs on the cases"
python3 - "$T/out.ndjson" > "$T/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], " ".join(sorted("%s@%s:%s:%s" % (t["symbol"], t["exchange"], t["type"],
          "/".join(sorted({e["method"] for e in t["evidence"]}))) for t in r["tickers"])))
PY
got() { sed -n "$1p" "$T/got" | cut -d' ' -f2-; }
is "$(got 1)" "ACMB@XNYS:common:name/symbol" "Name (TICKER): the code the name before it agrees with"
is "$(got 2)" "GOOG@XNAS:common:name/symbol GOOGL@XNAS:common:name/symbol MSFT@XNAS:common:name/symbol" \
   "Name (T1, T2) and a legal form with a full stop before the code"
is "$(got 3)" "" "common acronyms in parentheses are never codes, listed or not"
is "$(got 4)" "AI@XNYS:common:name/symbol" "an acronym-like code is taken when the name before it agrees"
is "$(got 5)" "ZETA@XNYS:common:symbol" "a code no name supports, in a market context"
is "$(got 6)" "" "and without one it is not taken"
is "$(got 7)" "ACMB@XNYS:common:name/symbol MSFT@XNAS:common:name/symbol ZETA@XNYS:common:symbol" \
   "two codes that their names agree with make a third believable"
is "$(got 8)" "TQQQ@XNAS:etf:name/symbol XLK@ARCX:etf:name/symbol" "ETFs in this style link to the fund listing, typed etf"
is "$(got 9)" "" "an unlisted or too long bare code is nothing"
is "$(got 10)" "AAPL@XNAS:common:ric AMZN@XNAS:common:ric T@XNYS:common:name/ric" \
   "RICs without parentheses, glued to the name too"
is "$(got 11)" "AAPL@XNAS:common:ric" "a RIC glued to a legal form (IncAAPL.O)"
is "$(got 12)" "" "U.S., J.P., A.P., Inc., No.1, file names, URLs, e-mail and glued suffixes never match"
is "$(got 13)" "" "a RIC without parentheses that names no listing is dropped"
is "$(got 14)" "BIGB@XNYS:common:name" "a company mention links its stock, not its notes or preferreds"
is "$(got 15)" "BBNX@ARCX:etn:name/symbol BIGB@XNYS:common:name/symbol" \
   "the notes link when the article names their code (and count for the company)"
is "$(got 16)" "PLMD@XNYS:common:name" "a separately listed subsidiary is not the parent"
is "$(got 17)" "ADRX@XNYS:depositary:name ADX@XLON:common:name" "a depositary receipt is equity: it links with the company"
is "$(got 18)" "" "an index name is not its provider, nor a name before \"index\""
is "$(got 19)" "MSCI@XNYS:common:name" "the provider named as a company (MSCI Inc) links"
is "$(got 20)" "" "a code the words before it spell is their abbreviation, in a market context too"

# A bad type is a data error naming file, line and value.
printf '# newspipe-listings 1\nsymbol\tmic\tname\ttype\nXX\tXNYS\tEx Co\tbond\n' > "$T/bad.tsv"
"$TL" --listings "$T/bad.tsv" < /dev/null 2> "$T/e"
is "$?" "78" "an unknown type is refused (exit 78)"
like "$(cat "$T/e")" "bad\.tsv:3: bad type 'bond'" "the error names the file, line and value"

# The importer: a US company's same-name firm abroad stays apart; a foreign issuer's home
# listing joins its ADR; a fund from the symbol directory is typed and added; a notes line
# of an issuer is typed; a company gone from today's files keeps a bounded listing.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[5,"PILLMAKER DRUGS INC","PLMD","NYSE"],[13,"ADRIAX PLC","ADRX","NYSE"],[4,"BIGBANK FINANCIAL CORP","BIGB","NYSE"],[4,"BIGBANK FINANCIAL CORP","BBNX","NYSE"],[16,"KESTREL BANK INC","KSTB","NYSE"]]}' > "$T/sec.json"
printf '%s' '{"data":{"rows":[]},"x":0}' > /dev/null
printf '%s' '[{"symbol":"PLMD","name":"Pillmaker Drugs Inc. Common Stock","marketCap":"9000000000","country":"United States","ipoyear":"","industry":"","sector":""},{"symbol":"ADRX","name":"Adriax plc American Depositary Shares","marketCap":"5000000000","country":"United Kingdom","ipoyear":"","industry":"","sector":""},{"symbol":"BIGB","name":"Bigbank Financial Corp Common Stock","marketCap":"90000000000","country":"United States","ipoyear":"","industry":"","sector":""},{"symbol":"KSTB","name":"Kestrel Bank Inc. Sponosred ADR (Japan)","marketCap":"50000000000","country":"Japan","ipoyear":"","industry":"","sector":""}]' > "$T/scr.json"
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl.tsv"
printf 'PLMD.NS\tPillmaker Drugs Limited\tNSI\tXNSE\tNSE\tIndia\tINR\tHealth Care\tPharma\t\t\t\tFalse\n' >> "$T/intl.tsv"
printf 'ADX.L\tAdriax plc\tLSE\tXLON\tLSE\tUnited Kingdom\tGBP\tIndustrials\tMachines\t\t\t\tFalse\n' >> "$T/intl.tsv"
printf '9999.T\tKestrel Bank, Inc.\tJPX\tXJPX\tJPX\tJapan\tJPY\tFinancials\tBanks\t\t\t\tFalse\n' >> "$T/intl.tsv"
# Toronto and Stockholm lines other than the stock, in Yahoo's form (TSX "MPLB.PR.B" is
# "MPLB-PB"): preferreds, a warrant, a debenture, Swedish preference shares.
for l in 'MPLB-PB.TO|Maple Leaf Bancorp Inc.' 'MPLB-PFA.TO|Maple Leaf Bancorp Inc.' \
    'MPLB-WT.TO|Maple Leaf Bancorp Inc.' 'MPLB-DB.TO|Maple Leaf Bancorp Inc.' \
    'MPLB.TO|Maple Leaf Bancorp Inc.' 'MPLB-UN.TO|Maple Leaf Property Trust' \
    'NRDV-PREF.ST|Nordvik Fastigheter AB' 'NRDV.ST|Nordvik Fastigheter AB'; do
    sym=${l%%|*} country=Canada
    case $sym in *.ST) country=Sweden ;; esac
    printf '%s\t%s\tX\tX\tX\t%s\tX\tFinancials\tBanks\t\t\t\tFalse\n' "$sym" "${l#*|}" "$country" >> "$T/intl.tsv"
done
mkdir -p "$T/sd16"
symdir "$T/sd14" 'OLDC|Oldco Widgets Inc. - Common Stock|Q|N|N|100\nZZTST|Test Issue Co|Q|Y|N|100\nFile Creation Time: 1010201421:32|||||' \
    'XLK|Technology Select Sector SPDR Fund|P|XLK|Y|100|N|XLK\nBBNX|Bigbank Financial Corp Linked ETNs due 2030|N|BBNX|N|100|N|BBNX\nADRXP|Adriax, plc. Perpetual Sub Cap Secs|N|ADRXP|N|100|N|ADRXP\nADRXQ|Adriax plc PERP SUB CAP SECS EXCH PREF SHS SER 2|N|ADRXQ|N|100|N|ADRXQ'
printf 'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares\nNEWC|Newco Labs Inc. - Common Stock|Q|N|N|100|N|N\n' > "$T/sd16/nasdaqlisted.txt"
printf 'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol\nXLK|Technology Select Sector SPDR Fund|P|XLK|Y|100|N|XLK\n' > "$T/sd16/otherlisted.txt"
"$TL" import --screener "$T/scr.json:XNYS" --symdir "$T/sd14:2014-10-10" --symdir "$T/sd16:2016-08-15" \
    --current 2025-12-14 --sec "$T/sec.json" --intl "$T/intl.tsv" -o "$T/imp.tsv" 2> "$T/e"
ok $? "import with symbol directory snapshots"
row() { grep -v '^#' "$T/imp.tsv" | awk -F'\t' -v s="$1" -v m="$2" '$2 == s && $3 == m { print $1 "|" $7 "|" $8 "|" $12 }'; }
isnt_same=$( [ "$(row PLMD XNYS | cut -d'|' -f1)" != "$(row PLMD XNSE | cut -d'|' -f1)" ] && echo yes)
is "$isnt_same" "yes" "a US company's same-name firm in India is another issuer"
is "$(row ADX XLON | cut -d'|' -f1)" "cik:13" "a British issuer's London listing joins its ADR"
is "$(row ADRX XNYS | cut -d'|' -f4)" "depositary" "the ADR is typed depositary"
is "$(row 9999 XTKS | cut -d'|' -f1)" "cik:16" "an ADR whose screener name misspells 'Sponsored' still joins its Tokyo listing"
is "$(row ADRXP XNYS)$(row ADRXQ XNYS)" "" \
   "its hybrid capital securities in a snapshot are preferreds, not a former company (so they do not keep the ADR from its London listing)"
is "$(row XLK ARCX | cut -d'|' -f2-)" "||etf" "a fund of the snapshots is added, typed etf, open"
is "$(row BBNX XNYS | cut -d'|' -f4)" "etn" "an issuer's notes line is typed by the snapshot"
is "$(row OLDC XNAS)" "XNAS:OLDC@2014-10-10||2016-08-14|" \
   "a company only in the 2014 snapshot is valid to the day before the next that lacks it"
is "$(row NEWC XNAS | cut -d'|' -f2-3)" "2014-10-11|2025-12-13" \
   "one first seen in 2016 is valid from the day after the 2014 snapshot to before today's files"
is "$(row ZZTST XNAS)" "" "test issues are skipped"
# A snapshot's warrant whose name misspells the word ("Citigroup Inc. Class B Warant") is known
# by its CQS and Nasdaq symbols (C/WS/B, C+B): not a former line of the company's stock.
symdir "$T/sdw14" 'OLDC|Oldco Widgets Inc. - Common Stock|Q|N|N|100' \
    'BIGB|Bigbank Financial Corp Common Stock|N|BIGB|N|100|N|BIGB\nBIGB.B|Bigbank Financial Corp Class B Warant expiring October 28, 2018|N|BIGB/WS/B|N|100|N|BIGB+B\nBIGB.A|Bigbank Financial Corp Class A|N|BIGB.A|N|100|N|BIGB.A'
symdir "$T/sdw16" 'NEWC|Newco Labs Inc. - Common Stock|Q|N|N|100' 'BIGB|Bigbank Financial Corp Common Stock|N|BIGB|N|100|N|BIGB'
"$TL" import --screener "$T/scr.json:XNYS" --symdir "$T/sdw14:2014-10-10" --symdir "$T/sdw16:2016-08-15" \
    --current 2025-12-14 --sec "$T/sec.json" -o "$T/impw.tsv" 2> "$T/e"
ok $? "import a snapshot with a warrant"
roww() { grep -v '^#' "$T/impw.tsv" | awk -F'\t' -v s="$1" '$2 == s && $3 == "XNYS" { print $1 "|" $8 "|" $12 }'; }
is "$(roww BIGB-B)" "" "the warrant is no line of the company's stock"
is "$(roww BIGB-A)" "cik:4|2016-08-14|" "a class of its shares in the snapshot is"
row2() { grep -v '^#' "$T/imp.tsv" | awk -F'\t' -v s="$1" -v m="$2" '$2 == s && $3 == m { print $5 "|" $12 }'; }
is "$(row2 MPLB XTSE)" "1|" "a Toronto stock is common and the primary listing"
is "$(row2 MPLB-PB XTSE)|$(row2 MPLB-PFA XTSE)" "0|preferred|0|preferred" "its -P and -PF lines are preferreds"
is "$(row2 MPLB-WT XTSE)|$(row2 MPLB-DB XTSE)" "0|other|0|note" "a warrant is other, a debenture a note"
is "$(row2 MPLB-UN XTSE)" "1|" "trust units are the trust's equity"
is "$(row2 NRDV-PREF XSTO)|$(row2 NRDV XSTO)" "0|preferred|1|" "Stockholm preference shares are preferreds"
printf '{"id":1,"body":"Maple Leaf Bancorp said profit rose."}\n' |
    "$TL" --listings "$T/imp.tsv" | python3 -c '
import json, sys
print(" ".join(sorted(t["symbol"] for t in json.loads(sys.stdin.read())["tickers"])))' > "$T/o"
is "$(cat "$T/o")" "MPLB" "a name mention links the stock, none of its other lines"

# S&P 500 membership history: a listing whose code was in the index while our sources show
# its company under it gains the constituents' prior boost (15); membership before the
# sources show the company (a reused code) or of a company first seen today does not count.
printf 'ticker,start_date,end_date\nOLDC,2010-01-04,2015-03-02\nNEWC,2001-01-02,2005-06-30\nPLMD,1999-01-04,2003-01-02\n' > "$T/sph.csv"
"$TL" import --screener "$T/scr.json:XNYS" --symdir "$T/sd14:2014-10-10" --symdir "$T/sd16:2016-08-15" \
    --current 2025-12-14 --sec "$T/sec.json" --sp500-history "$T/sph.csv" -o "$T/imp2.tsv" 2> "$T/e"
ok $? "import with the S&P 500 membership history"
prior() { grep -v '^#' "$1" | awk -F'\t' -v s="$2" -v m="$3" '$2 == s && $3 == m { print $9 }'; }
is "$(($(prior "$T/imp2.tsv" OLDC XNAS) - $(prior "$T/imp.tsv" OLDC XNAS)))" "15" \
   "a former member gone from today's files gains the boost"
is "$(prior "$T/imp2.tsv" NEWC XNAS)" "$(prior "$T/imp.tsv" NEWC XNAS)" \
   "membership that ended before the sources show the company under the code does not count"
is "$(prior "$T/imp2.tsv" PLMD XNYS)" "$(prior "$T/imp.tsv" PLMD XNYS)" \
   "nor for a code our sources show only today"
printf 'ticker,start_date,end_date\nOLDC,2010-01-04,2015-03-02\nXYZ,2010-13-01,\n' > "$T/sph-bad.csv"
"$TL" import --symdir "$T/sd14:2014-10-10" --current 2025-12-14 --sec "$T/sec.json" \
    --sp500-history "$T/sph-bad.csv" -o "$T/x.tsv" 2> "$T/e"
is "$?" "65" "a bad membership line is a data error"
like "$(cat "$T/e")" "sph-bad\.csv:3: want TICKER,YYYY-MM-DD" "naming the file and line"
is "$(test -e "$T/x.tsv" && echo written)" "" "and nothing is written"
"$TL" import --sec "$T/sec.json" --sp500-history "$T/sph.csv" -o "$T/x.tsv" 2> "$T/e"
is "$?" "64" "--sp500-history without --current is a usage error"
"$TL" import --symdir "$T/sd14:2014-10-10" --sec "$T/sec.json" -o "$T/x.tsv" 2> "$T/e"
is "$?" "64" "--symdir without --current is a usage error"
"$TL" import --symdir "$T/nope:2014-10-10" --current 2025-12-14 --sec "$T/sec.json" -o "$T/x.tsv" 2> "$T/e"
is "$?" "65" "a missing snapshot is a data error"
like "$(cat "$T/e")" "nope/nasdaqlisted.txt" "naming the file"
done_testing
