#!/bin/sh
# newspipe-ticker-link's "ric" field and the RIC roots that are not the exchange symbol
# (text and table written for this test): the code the article wrote when it resolved the
# listing, else the table's, else one formed from the symbol; numeric roots are the
# exchange's own codes; Hong Kong padding, German preferreds, Helsinki's former "1V"
# roots, the Swiss ".VX" segment.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

table "$T/l.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases|type
XSES:Q77|Q77|XSES||1|SG|||40|Olmex International Ltd|+Olmex|common
XSWX:NSTL|NSTL|XSWX||1|CH|||80|Nestor SA|+Nestor|common
XPAR:BNX|BNX|XPAR|BNXP.PA|1|FR|||80|Banque Nexus SA|+Banque Nexus|common
cik:1|KUMO|XNAS||1|US|||60|Kumo Corp|+Kumo|common
XTKS:7001|7001|XTKS||1|JP|||60|Mitsuo Motors Corp|+Mitsuo|common
XTKS:7002|7002|XTKS||1|JP|||50|Tanaka Corp|+Tanaka Corp|common
XHKG:0005|0005|XHKG||1|HK|||80|Harbour Bank Holdings|+Harbour Bank|common
XETR:BMX|BMX|XETR||1|DE|||70|Bavaria Motors AG|+Bavaria Motors|common
XETR:BMX|BMX3|XETR||0|DE|||70|Bavaria Motors AG||common
XHEL:UPX|UPX|XHEL||1|FI|||60|Upx Kymmene Oyj|+Upx Kymmene|common
cik:40|BGS-A|XNYS||1|US|||80|Bergshire Holdings Inc|+Bergshire|common
cik:40|BGS-B|XNYS||0|US|||80|Bergshire Holdings Inc||common
cik:51|CCVL|XLON||1|GB|||70|Carnivo plc|+Carnivo|common
cik:51|CUV|XNYS||0|GB|||70|Carnivo plc||depositary
cik:50|CCV|XNYS||1|US|||60|Carnivo Corp|+Carnivo|common
cik:60|CTY|XNYS||1|US|||77|Cityco Inc|+Cityco|common
cik:61|CTBKY|OTCM||1|US|||30|Citybank NA|+Citybank|common
cik:70|TEKK-A|XTSE||1|CA|||60|Tekko Resources Ltd|+Tekko Resources|common
cik:70|TEKK-B|XTSE||0|CA|||60|Tekko Resources Ltd||common
cik:80|FFBI|XNAS||1|US|||60|Fiftyfive Bancorp|+Fiftyfive Bancorp|preferred
cik:80|FFBK|XNAS||0|US|||60|Fiftyfive Bancorp||common
TSV

: > "$T/in.ndjson"
n=0
add() { n=$((n + 1)); printf '{"id":%d,"body":"%s","published":"2013-10-02"}\n' "$n" "$1" >> "$T/in.ndjson"; }
add 'Olmex International (OLMX.SI) said profit rose.'
add 'Nestor (NSTL.VX) said sales rose.'
add 'Banque Nexus said profit rose.'
add 'Kumo said sales rose.'
add 'Mitsuo Corp (8058.T) and Tanaka Corp (7002.T) signed.'
add 'Shares of (5.HK) rose.'
add 'Bavaria Motors preference shares (BMXG_p.DE) rose; (BMXG.DE) fell.'
add 'It said (UPX1V.HE) rose.'
add 'Kumo (KUMO.N) rose.'
add 'Banque Nexus (BNXX.PA) rose.'
add 'Bergshire (BGSb.N) rose.'
add 'Carnivo Corp (CCV.N) rose.'
add 'Citybank (CTY.N) rose.'
add 'Tekko Resources (TKKb.TO) rose.'
add 'Fiftyfive Bancorp (FFTY.O) rose.'
add "Banque Nexus's (BNXX.PA) chairman quit."
"$TL" --listings "$T/l.tsv" < "$T/in.ndjson" > "$T/out.ndjson" 2> "$T/err"
ok $? "the filter runs on the cases"
python3 - "$T/out.ndjson" > "$T/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], " ".join("%s@%s=%s" % (t["symbol"], t["exchange"], t["ric"]) for t in
                            sorted(r["tickers"], key=lambda t: (t["exchange"] or "", t["symbol"]))))
PY
got() { sed -n "$1p" "$T/got" | cut -d' ' -f2-; }
is "$(got 1)" "Q77@XSES=OLMX.SI" "an explicit RIC resolved through the name before it is printed as written"
is "$(got 2)" "NSTL@XSWX=NSTL.VX" "a Swiss .VX code is the listing's Reuters code, as written"
is "$(got 3)" "BNX@XPAR=BNXP.PA" "no code in the article: the table's RIC"
is "$(got 4)" "KUMO@XNAS=KUMO.O" "no code and none in the table: formed from the symbol"
is "$(got 5)" "7001@XTKS=7001.T 7002@XTKS=7002.T 8058@XTKS=8058.T" \
   "a numeric root names the listing with that code, or none: never another company of the name"
is "$(got 6)" "0005@XHKG=5.HK" "Hong Kong codes are zero-padded to four digits"
is "$(got 7)" "BMX@XETR=BMXG.DE BMX3@XETR=BMXG_p.DE" "a German G_p root is the preference share, symbol ending in 3"
is "$(got 8)" "UPX@XHEL=UPX1V.HE" "a Helsinki 1V root is the symbol without it"
is "$(got 9)" "KUMO@XNAS=KUMO.O" \
   "a code resolved through the name to another exchange of its country is not that listing's RIC"
is "$(got 10)" "BNX@XPAR=BNXX.PA" "a written root that is not the table's RIC is still the code the article used"
is "$(got 11)" "BGS-A@XNYS=BGSa.N BGS-B@XNYS=BGSb.N" \
   "a class's code names that class, not the first listing of the name on the exchange"
is "$(got 12)" "CCV@XNYS=CCV.N" \
   "a code whose company the name can be decides between the name's candidates"
like "$(got 13)" "CTY@XNYS=CTY.N" \
   "the code's symbol on its exchange beats the name's listing on another exchange of the country"
is "$(got 14)" "TEKK-A@XTSE=TEKK-A.TO TEKK-B@XTSE=TKKb.TO" \
   "a root's class letter picks that class among the name's listings, whatever the root"
is "$(got 15)" "FFBK@XNAS=FFTY.O" "a code resolved through the name is its shares, not its preferred"
is "$(got 16)" "BNX@XPAR=BNXX.PA" \
   "a possessive between the name and the code: the name still resolves the root, no second listing as written"
# One listing under two issuers (a directory's line of a company since renamed beside
# today's), and twice for one issuer: written once, as the line with the table's Reuters code.
table "$T/l2.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases|type
XNYS:WMX@2016-08-15|WMX|XNYS||0|US|||34|Walmex Stores, Inc.||common
cik:77|WMX|XNYS|WMX.N|1|US|||80|Walmex Inc.|+Walmex|common
cik:77|WMX|XNYS||0|US||2026-08-15|80|Walmex Inc.||common
TSV
printf '%s\n' '{"id":1,"body":"Walmex Stores Inc said sales rose. Walmex said more.","published":"2013-10-02"}' |
    "$TL" --listings "$T/l2.tsv" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(" ".join("%s@%s=%s" % (t["symbol"], t["exchange"], t["issuer"]) for t in r["tickers"]))' > "$T/got2"
is "$(cat "$T/got2")" "WMX@XNYS=cik:77" "one listing under two issuers, or two lines of one, is written once, as the line with the table's RIC"
# `symbols LISTINGS`: each record of standard input linked, its "SYMBOL@MIC"s sorted.
symbols() { # LISTINGS
    "$TL" --listings "$1" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(" ".join(sorted("%s@%s" % (t["symbol"], t["exchange"]) for t in r["tickers"])))'
}
# A code's root is no name: "Saputo Inc ( SAP.TO )" is not SAP SE, whose acronym "SAP" is
# the root (Toronto's SAP).
table "$T/l3.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases|type
cik:91|QRP|XETR||1|DE|||80|QRP SE|=QRP|common
XTSE:QRP|QRP|XTSE||1|CA|||35|Quarapo Inc.||common
TSV
printf '%s\n' '{"id":1,"body":"Canada'"'"'s Quarapo Inc ( QRP.TO ) said so.","published":"2013-10-02"}' \
    '{"id":2,"body":"Software maker QRP said so.","published":"2013-10-02"}' |
    symbols "$T/l3.tsv" > "$T/got3"
is "$(sed -n 1p "$T/got3")" "QRP@XTSE" "a code's root is no name (QRP.TO is not QRP SE)"
is "$(sed -n 2p "$T/got3")" "QRP@XETR" "the acronym alone is the company"
# A numeric code names one listing: the one-word name before it, whose company is another
# and cannot be the code's, does not link ("Suzuki ( 7269.T )" is Suzuki Motor, not Suzuki Co.).
table "$T/l4.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases|type
XTKS:7269|7269|XTKS||1|JP|||60|Sorano Motor Corporation||common
XTKS:6785|6785|XTKS||1|JP|||35|Sorano Co., Ltd.||common
TSV
printf '%s\n' '{"id":1,"body":"Japanese carmakers such as Sorano ( 7269.T ) rose.","published":"2013-10-02"}' \
    '{"id":2,"body":"Sorano said profit rose.","published":"2013-10-02"}' |
    symbols "$T/l4.tsv" > "$T/got4"
is "$(sed -n 1p "$T/got4")" "7269@XTKS" "a one-word name before a numeric code of another company is that company's, not its namesake's"
is "$(sed -n 2p "$T/got4")" "6785@XTKS" "the name alone is the namesake"
done_testing
