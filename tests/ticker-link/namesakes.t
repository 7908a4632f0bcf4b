#!/bin/sh
# newspipe-ticker-link: names that are another body's or another country's. A country's
# possessive supports a weak name only when the country is the company's ("Nigeria's Delta
# region", "Italy's TIM" of a Brazilian TIM); "UK" places a name as "Britain" does; a name
# after "Department of" ends that department's name; a one-word name that the registered name
# qualifies by a country in parentheses ("Veritas (India) Limited") is weak; a short form
# never ends on a body's word ("Peking University" of Peking University Resources). Names
# written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:11|TRRW|XNYS||1|US|||70|Tarrow Air Lines Inc.|~Tarrow
BVMF:TOMR3|TOMR3|BVMF||1|BR|||50|Tomar Participacoes SA|~Tomar
BVMF:TOMR3|TOMRB|XNYS||0|BR|||50|Tomar Participacoes SA|
XTSE:CRVL|CRVL|XTSE||1|CA|||35|Corvel Entertainment Inc.|~Corvel
XLON:LNF|LNF|XLON||1|GB|||35|Lanford plc|~Lanford
XBOM:HURC|HURC|XBOM||1|IN|||35|Harbour and Urban Renewal Corporation Limited|
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'The school is in Nigeria'"'"'s Tarrow region.'
add 'America'"'"'s Tarrow said it would add flights.'
add 'European operators such as Italy'"'"'s Tomar and Orange will sell phones.'
add 'Brazil'"'"'s Tomar said sales rose.'
add 'Shares in the UK'"'"'s Corvel fell.'
add 'Shares in Canada'"'"'s Corvel fell.'
add 'Shares in the UK'"'"'s Lanford rose.'
add 'It settled with the U.S. Department of Harbour and Urban Renewal on Monday.'
add 'Harbour and Urban Renewal said profit rose.'
link_cases "$T/lst.tsv"
is "$(got 1)" "" "another country's possessive does not support a large company's weak name"
is "$(got 2)" "TRRW@XNYS" "its own country's does"
is "$(got 3)" "" "nor a form of a company listed in the US and elsewhere (drop_foreign spares it)"
is "$(got 4)" "TOMR3@BVMF TOMRB@XNYS" "its own country's does"
is "$(got 5)" "" "UK places a name in Britain: a Canadian company's one word is another company"
is "$(got 6)" "CRVL@XTSE" "its own country places it"
is "$(got 7)" "LNF@XLON" "and UK's supports a British company's name"
is "$(got 8)" "" "a name after 'Department of' is the department's"
is "$(got 9)" "HURC@XBOM" "the name alone is the company"

# Import: the country in parentheses, and forms that end on a body's word.
intl_rows "$T/intl.tsv" <<'ROWS'
Quorvia (India) Limited|India|BSE|XBOM|BO
Brenmoor (Holdings) Limited|Hong Kong|HKG|XHKG|HK
Tervin University Resources Limited|Hong Kong|HKG|XHKG|HK
Oravel University City Holdings Limited|Hong Kong|HKG|XHKG|HK
Halmark Department Store Co., Ltd.|Taiwan|TAI|XTAI|TW
ROWS
printf 'common\n' > "$T/weak.txt"
"$TL" import --intl "$T/intl.tsv" --weak-words "$T/weak.txt" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
al() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al 'Quorvia (India) Limited')" "~Quorvia (India) Limited" \
   "a one-word name qualified by a country in parentheses is weak"
is "$(al 'Brenmoor (Holdings) Limited')" "" "not by another word in parentheses"
is "$(al 'Tervin University Resources Limited')" "" "no form ends on a body's word (Tervin University)"
ok "$(al 'Oravel University City Holdings Limited' | tr '|' '\n' | grep -cx 'Oravel University')" \
   "nor an opening of two words or more"
is "$(al 'Halmark Department Store Co., Ltd.')" "" "a department store's opening is no form either"

: > "$T/cases.ndjson"
case_n=0
add 'Quorvia said on Monday profit rose.'
add 'Shares of India'"'"'s Quorvia rose.'
add 'An economist at Tervin University said growth would slow.'
link_cases "$T/l.tsv"
is "$(got 1)" "" "the qualified name alone links nothing"
is "$(got 2)" "S1@XBOM" "its own country supports it"
is "$(got 3)" "" "the university is not the company"
done_testing
