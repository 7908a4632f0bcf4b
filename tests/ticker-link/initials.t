#!/bin/sh
# newspipe-ticker-link import: a large company's initials ("BMW" of Bayerische Motoren Werke
# AG) are a weak form in capitals ("~="), linked with support in the article as a one-word
# short form is; not of a name with "&", a hyphenated or capitalized word, two large
# companies' same initials, a smaller company's name, nor where a source gives an acronym.
# Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/big.tsv" <<'ROWS'
issuer|symbol|mic|prior|name|aliases
cik:200|VARW|XNYS|70|Varden Motoren Werke AG|
cik:201|PLGE|XNYS|70|Pelham Gas & Electric Corp|
cik:202|TVAS|XNYS|70|Tirel-Vask Analytics Systems Inc|
cik:203|DNQP|XNYS|70|Dornell Quarry Partners Corp|
cik:204|DVQP|XNYS|70|Dalvik Quint Petroleum Corp|
cik:205|HLON|XNYS|35|Holvard Orrin Nettle Inc|
cik:206|KSMC|XNYS|70|Kelvar Semiconductor Manufacturing Company Ltd|
cik:207|QRTS|XNYS|70|QRT Solar Technology Corp|
cik:208|LBMX|XNYS|70|Lonmar Business Machines Corp|LBX
cik:209|OPR|XNYS|70|Ostrel Plains Railway Corp|
cik:210|SVRX|XNYS|70|Savoran Petroleum Reserves Inc|
cik:211|SPR|XNYS|70|Spindle Ridge Corp|
ROWS
"$TL" import --tsv "$T/big.tsv" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
# the row's initials forms, in order
ini() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }' | tr '|' '\n' |
    grep '^~=' | tr '\n' ' ' | sed 's/ $//'; }
is "$(ini 'Varden Motoren Werke AG')" "~=VMW" "a large company's initials, in capitals and weak"
is "$(ini 'Kelvar Semiconductor Manufacturing Company Ltd')" "~=KSM ~=KSMC" \
    "with and without the letter of a closing 'Company' (news writes TSMC, and HPE)"
is "$(ini 'Pelham Gas & Electric Corp')|$(ini 'Tirel-Vask Analytics Systems Inc')|$(ini 'QRT Solar Technology Corp')" "||" \
    "none of a name with '&', a hyphenated word or a word in capitals"
is "$(ini 'Dornell Quarry Partners Corp')|$(ini 'Dalvik Quint Petroleum Corp')" "|" \
    "none where two large companies have the same initials"
is "$(ini 'Holvard Orrin Nettle Inc')" "" "none of a smaller company"
is "$(ini 'Lonmar Business Machines Corp')" "" "none where a source gives an acronym (LBX)"
is "$(ini 'Savoran Petroleum Reserves Inc')" "" "none that is another large company's symbol (SPR)"
is "$(ini 'Ostrel Plains Railway Corp')" "~=OPR" "its own symbol may be its initials"

printf '%s\n' \
  '{"id":1,"body":"Varden Motoren Werke AG said on Monday profit rose. VMW shares rose 2 percent."}' \
  '{"id":2,"body":"The VMW rose 2 percent on Monday, the survey showed."}' \
  '{"id":3,"body":"Shares of German carmaker VMW rose on Monday."}' \
  '{"id":4,"body":"Shares of German carmaker Vmw rose on Monday."}' |
  "$TL" --listings "$T/l.tsv" > "$T/o"
links() { python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["id"] == int(sys.argv[2]):
        print(" ".join(t["symbol"] + ":" + ",".join(r[e["field"]][e["start"]:e["end"]] for e in t["evidence"])
                       for t in r.get("tickers", [])))' "$T/o" "$1"; }
is "$(links 1)" "VARW:Varden Motoren Werke AG,VMW" "the initials link after the full name"
is "$(links 2)" "" "not alone (an index, a survey: PMI, AGM)"
is "$(links 3)" "VARW:VMW" "with a trade word before them"
is "$(links 4)" "" "only in capitals"
done_testing
