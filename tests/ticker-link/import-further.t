#!/bin/sh
# newspipe-ticker-link import: further lines of one company on one exchange that are not its
# shares as news names them are typed, so that the company's name links its shares only: a
# series of three or more FinanceDatabase lines with no identifier beside a line of the same
# name that has one (a bank's products; one or two bare lines stay shares: a former code,
# another class), Seoul's preferred shares, Sydney's further securities, Zurich's second
# trading lines, Paris's new shares, Nasdaq's warrants, rights and units, and a line with a
# coupon in its name (a bond's); a fund family's lines ("ISHARES", "Tata Mutual Fund") are no
# company's. Names and codes written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

hdr='symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n'
line() { # SYMBOL NAME MIC COUNTRY FIGI
    printf '%s\t%s\tX\t%s\tX\t%s\tEUR\tFinancials\tBanks\t\t%s\t\tFalse\n' "$1" "$2" "$3" "$4" "$5"
}
{
    printf "$hdr"
    line BAQ.PA 'Banque Aquitaine S.A.' XPAR France BBG000TEST01
    for s in BAQAB BAQAC BAQAD BAQ-A; do line "$s.PA" 'Banque Aquitaine S.A.' XPAR France ''; done
    line LOR.PA 'Loriot SA' XPAR France BBG000TEST02
    for s in LORB LORX; do line "$s.PA" 'Loriot SA' XPAR France ''; done
    line 097950.KS 'Hanbit Foods Co., Ltd.' XKRX 'South Korea' ''
    line 097955.KS 'Hanbit Foods Co., Ltd.' XKRX 'South Korea' ''
    line 123455.KS 'Other Korea Co., Ltd.' XKRX 'South Korea' ''
    line ALPN.SW 'Alpenmilch AG' XSWX Switzerland ''
    line ALPNE.SW 'Alpenmilch AG' XSWX Switzerland ''
    line ALPNEE.SW 'Alpenmilch AG' XSWX Switzerland ''
    line LUM.PA 'Lumiere SA' XPAR France ''
    line LUMNV.PA 'Lumiere SA' XPAR France ''
    line LUMX.PA 'Lumiere SA' XPAR France ''
    line GSIQ33.AX 'Australia 2% IDX/LKD SNR BDS 21/08/2033 AUD1000' XASX Australia ''
    line 2823.HK 'ISHARES' XHKG Brazil ''
    line TVF2G.BO 'Tata Mutual Fund' XBOM India ''
    line ABSLF.BO 'Aditya Birla Sun Life Mutual F' XBOM India ''
    line MUTB.BO 'Mutual Benefit Finance Limited' XBOM India ''
    line SUEC1-MF.NS 'SUNDARAM AMC LTD EMERGING SMALL' XNSE India ''
} > "$T/intl.tsv"
"$TL" import --intl "$T/intl.tsv" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
type_in() { # TABLE SYMBOL: the line's type ("common" for the empty column)
    grep -v '^#' "$1" | awk -F'\t' -v s="$2" '$2 == s { print ($12 == "" ? "common" : $12) }'
}
type_of() { type_in "$T/l.tsv" "$1"; }
is "$(type_of BAQ)" "common" "the line with an identifier is the shares"
is "$(type_of BAQAB)|$(type_of BAQAC)|$(type_of BAQAD)" "other|other|other" \
    "a series of three bare lines beside it are products"
is "$(type_of BAQ-A)" "common" "a share class written -A is not one of them"
is "$(type_of LORB)|$(type_of LORX)" "common|common" "two bare lines stay shares"
is "$(type_of 097955)" "preferred" "Seoul: the common code's last 0 changed is a preferred share"
is "$(type_of 097950)" "common" "the common code stays common"
is "$(type_of 123455)" "common" "a code ending 5 with no common line of the same name stays"
is "$(type_of GSIQ33)" "note" "a coupon in the name is a bond's (\"Australia 2% ... BDS\")"
is "$(type_of 2823)|$(type_of TVF2G)|$(type_of ABSLF)|$(type_of SUEC1-MF)" "|||" \
    "a fund family in capitals (ISHARES), an Indian fund house's Mutual Fund and NSE's -MF units are no company's lines"
is "$(type_of MUTB)" "common" "a company whose name opens on Mutual stays"
# A file without the identifier columns (they are optional): no series can be told, the
# exchanges' naming rules still apply.
{
    printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tdelisted\n'
    for s in BAQ BAQAB BAQAC BAQAD; do
        printf '%s.PA\tBanque Aquitaine S.A.\tX\tXPAR\tX\tFrance\tEUR\tFinancials\tBanks\tFalse\n' "$s"
    done
    printf '%s.KS\tHanbit Foods Co., Ltd.\tX\tXKRX\tX\tSouth Korea\tKRW\tConsumer Staples\tFood\tFalse\n' \
        097950 097955
} > "$T/intl0.tsv"
"$TL" import --intl "$T/intl0.tsv" -o "$T/l0.tsv" 2> "$T/e"
ok $? "import a file without identifier columns"
is "$(type_in "$T/l0.tsv" BAQAB)|$(type_in "$T/l0.tsv" 097955)" "common|preferred" \
    "without identifiers no series is typed; Seoul's rule still applies"
is "$(type_of ALPN)|$(type_of ALPNE)|$(type_of ALPNEE)" "common|other|other" \
    "Zurich: a second trading line (E, EE) is not the shares' line"
is "$(type_of LUM)|$(type_of LUMNV)|$(type_of LUMX)" "common|other|common" \
    "Paris: new shares (NV) are not either; another suffix stays"

# A mention of the name links the shares, not the products; a code written in the text still
# links its own line.
echo '{"id":"a","body":"Banque Aquitaine said on Tuesday its profit rose."}' |
    "$TL" --listings "$T/l.tsv" > "$T/o1" 2> "$T/e"
ok $? "link"
is "$(python3 -c 'import json,sys; print(" ".join(sorted(t["symbol"] for t in json.loads(sys.stdin.readline())["tickers"])))' < "$T/o1")" \
    "BAQ BAQ-A" "the name links the shares and the class, not the series"
echo '{"id":"b","body":"Hanbit Foods preferred shares ( 097955.KS ) rose."}' |
    "$TL" --listings "$T/l.tsv" > "$T/o2" 2> "$T/e"
ok $? "link an explicit code"
like "$(cat "$T/o2")" '"symbol":"097955"' "the preferred line's own code links it"
echo '{"id":"c","body":"Hanbit Foods said on Tuesday its profit rose."}' |
    "$TL" --listings "$T/l.tsv" > "$T/o3" 2> "$T/e"
is "$(python3 -c 'import json,sys; print(" ".join(sorted(t["symbol"] for t in json.loads(sys.stdin.readline())["tickers"])))' < "$T/o3")" \
    "097950" "the name alone links the common line only"

# Sydney: ordinary shares have three characters; a longer code that opens with a listed one
# is a further security of that company ("P" and a letter: preference shares, hybrids), and
# under another name it joins the shares, its name kept as theirs (a former name).
{
    printf "$hdr"
    line BKA.AX 'Bunyip Bank Limited' XASX Australia ''
    line BKAPD.AX 'Bunyip Bank Limited' XASX Australia ''
    line BKADB.AX 'Bunyip Bank Limited' XASX Australia ''
    line WOM.AX 'Wombat Group Holdings Limited' XASX Australia ''
    line WOMPH.AX 'Wombat Banking Corporation Limited' XASX Australia ''
    line KOAPA.AX 'Koala Capital Limited' XASX Australia ''
    line EMU.AX 'Emu Holdings Limited' XASX Australia ''
    line EMUHB.AX 'EMU NOTES FRN 10/2023' XASX Australia ''
} > "$T/intl3.tsv"
"$TL" import --intl "$T/intl3.tsv" -o "$T/l3.tsv" 2> "$T/e"
ok $? "import Sydney lines"
row3() { grep -v '^#' "$T/l3.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $1 "|" ($12 == "" ? "common" : $12) }'; }
is "$(row3 BKAPD | cut -d'|' -f2)|$(row3 BKADB | cut -d'|' -f2)" "preferred|other" \
    "a hybrid is preferred, a deferred line other"
is "$(row3 WOMPH | cut -d'|' -f2)" "preferred" "under another name too"
is "$(row3 WOMPH | cut -d'|' -f1)" "$(row3 WOM | cut -d'|' -f1)" "and it joins the shares' issuer"
is "$(row3 KOAPA | cut -d'|' -f2)" "common" "a code whose first three characters are no listing stays"
echo '{"id":"d","date":"2013-10-01","body":"Wombat Banking Corporation Limited said on Tuesday its profit rose."}' |
    "$TL" --listings "$T/l3.tsv" > "$T/o4" 2> "$T/e"
is "$(python3 -c 'import json,sys; print(" ".join(sorted(t["symbol"] for t in json.loads(sys.stdin.readline())["tickers"])))' < "$T/o4")" \
    "WOM" "the former name links the shares, not the hybrid"
aliases3() { grep -v '^#' "$T/l3.tsv" | awk -F'\t' -v s="$1" '$1 == s && $11 != "" { print $11 }'; }
is "$(aliases3 "$(row3 EMU | cut -d'|' -f1)")" "" "a security's name is not kept as the company's"

# Nasdaq's fifth letter: the SEC's further codes of a company, its code and W, R or U, are
# its warrants, rights and units; another fifth letter stays.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[60,"GLACIER CORP","GLAC","Nasdaq"],[60,"GLACIER CORP","GLACW","Nasdaq"],[60,"GLACIER CORP","GLACU","Nasdaq"],[60,"GLACIER CORP","GLACR","Nasdaq"],[60,"GLACIER CORP","GLACK","Nasdaq"]]}' > "$T/sec4.json"
printf '%s' '[{"symbol":"GLAC","name":"Glacier Corp Common Stock","marketCap":"900000000","country":"United States","ipoyear":"","industry":"","sector":""}]' > "$T/scr4.json"
"$TL" import --screener "$T/scr4.json:XNAS" --sec "$T/sec4.json" -o "$T/l4.tsv" 2> "$T/e"
ok $? "import SEC lines"
type4() { type_in "$T/l4.tsv" "$1"; }
is "$(type4 GLAC)|$(type4 GLACW)|$(type4 GLACU)|$(type4 GLACR)|$(type4 GLACK)" \
    "common|other|other|other|common" "W, R and U after the code are other securities"

# Primary listing ties.
{
    printf "$hdr"
    line VGA.AS 'Vogel Groep N.V.' XAMS Netherlands ''
    line VGB.AS 'Vogel Groep N.V.' XAMS Netherlands ''
    line TIM-A.TO 'Timber Corp.' XTSE Canada ''
    line TIM.TO 'Timber Corp.' XTSE Canada ''
    line FJL-PREFB.ST 'Fjall AB' XSTO Sweden ''
    line FJL-B.ST 'Fjall AB' XSTO Sweden ''
} > "$T/intl2.tsv"
printf 'issuer\tsymbol\tmic\tric\n@XAMS:VGA\tVGB\tXAMS\tVGB.AS\n' > "$T/cur2.tsv"
"$TL" import --intl "$T/intl2.tsv" --aliases "$T/cur2.tsv" -o "$T/l2.tsv" 2> "$T/e"
ok $? "import with a Reuters code"
primary() { grep -v '^#' "$T/l2.tsv" | awk -F'\t' -v n="$1" '$10 == n && $5 == 1 { print $2 }'; }
is "$(primary 'Vogel Groep N.V.')" "VGB" "the line with a Reuters code is primary"
is "$(primary 'Timber Corp.')" "TIM-A" "else the first line: a class written -A is not passed over"
is "$(primary 'Fjall AB')" "FJL-B" "a Stockholm preference share of a series (-PREFB) is not primary"
done_testing
