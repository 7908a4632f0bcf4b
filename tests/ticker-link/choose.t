#!/bin/sh
# newspipe-ticker-link: which of several companies a name means, from the rest of the article
# (filters/ticker-link/choose.c). Each case is one record; the table is written here.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1: companies that share a first word
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XKRX:011760|011760|XKRX||1|KR|||40|Hyundai Corp|
XKRX:005380|005380|XKRX||1|KR|||35|Hyundai Motor Co|
cik:24090|CIA|XNYS||1|US|||35|Citizens Inc|
cik:759944|CFG|XNYS||1|US|2014-09-24||60|Citizens Financial Group Inc|
cik:320193|AAPL|XNAS||1|US|||95|Apple Inc.|+Apple
cik:1418121|APLE|XNYS||1|US|||35|Apple Hospitality REIT Inc|
XNSE:VEDL|VEDL|XNSE||1|IN|||40|Vedanta Ltd|
XAMS:UNA|UNA|XAMS||1|NL|||70|Unilever NV|
XLON:ULVR|ULVR|XLON||1|GB|||50|Unilever PLC|
cik:844150|RBS|XNYS||1|GB|||40|Royal Bank of Scotland Group ADS|
XLON:RBS|RBS|XLON||1|GB|||40|Royal Bank of Scotland Group plc|
XPAR:FREY|FREY|XPAR||1|FR|||35|Frey SA|
XHKG:0495|0495|XHKG||1|HK|||35|Paladin Ltd|
XHKG:0992|0992|XHKG||1|HK|||50|Lenovo Ltd|
XMAD:TEF|TEF|XMAD||1|ES|||35|Telefonica SA|
cik:1066119|VIV|XNYS||1|BR|||54|Telefonica Brasil SA|
cik:888746|CCX|XNYS||1|CL|||61|Compania Cerveceras Andinas SA|NORTHERN BREWERIES CO INC
XNSE:NBRW|NBRW|XNSE||1|IN|||35|Northern Breweries Ltd|
XLON:KRND|KRND|XLON||1|GB|||50|Korund Resources plc|
XNSE:KRND|KRND|XNSE||1|IN|||35|Korund Resources Ltd|
XKOS:198081|198081|XKOS||1|KR|||35|Tarsk Co., Ltd|
XLON:VLMG|VLMG|XLON||1|GB|||35|Velmar Group plc|
XKOS:198082|198082|XKOS||1|KR|||35|Groundvale Co., Ltd|
XSES:MRLG|MRLG|XSES||1|SG|||60|Marlow Group Ltd|
cik:999001|MRLW|XNYS||1|US|||49|Marlow Corporation|
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'Hyundai Motor Co will launch a sedan. Hyundai said sales rose.'
add 'Hyundai said sales rose.'
add 'Hyundai Corp and Hyundai Motor Co signed a deal. Hyundai said it was pleased.'
add 'Citizens Financial Group Inc plans an offering. RBS may sell Citizens next year.' '2013-10-24'
add 'Citizens Financial Group Inc said Citizens would grow.' '2015-01-05'
add 'Apple Hospitality REIT Inc bought hotels. Apple said sales rose.'
add 'The fund sold mining company Vedanta (VED.L) in 2010.'
add 'Vedanta said profit rose.'
add 'Vedanta Ltd (VED.L) said profit rose.'
add 'Consumer goods group Unilever (ULVR.L) warned.'
add 'Unilever said sales rose.'
add 'Royal Bank of Scotland (RBS) (RBS.L) said so.'
add 'Royal Bank of Scotland (RBS) said so.'
add 'Swiss private bank Frey & Co. is to close. Frey said costs rose.'
add 'French property firm Frey said rents rose.'
add 'Endo buys Canada'"'"'s Paladin.'
add 'China'"'"'s Lenovo said sales rose.'
add 'The Anglo-Swiss bank Frey said so.'
add 'Telefonica said it would sell. Telefonica Brasil rose.'
add 'A brewer is to buy 37.5 percent of India'"'"'s Northern Breweries in a deal.'
add 'Northern Breweries said sales rose.'
add 'Indian mining firm Korund Resources said so.'
add 'said an analyst at the research firm Tarsk Group.'
add 'Shares of Tarsk Co Ltd rose.'
add 'Shares of Velmar Group rose.'
add 'said an analyst at Groundvale Group.'
add 'Marlow Corp said its rig fleet grew.'
add 'Marlow said its trading profit rose.'
add 'Marlow Ltd said its trading profit rose.'
add 'Marlow Corp. said its rig fleet grew.'
link_cases "$T/lst.tsv"
is "$(got 1)" "005380@XKRX" "a one-word name is the company the article names in full with it (Hyundai Motor Co ... Hyundai)"
is "$(got 2)" "011760@XKRX" "with no full name, the listed namesake"
is "$(got 3)" "005380@XKRX 011760@XKRX" "the namesake keeps it when the article names it in full too"
is "$(got 4)" "" "a company named in full but not listed then: its short name links nothing, not the namesake"
is "$(got 5)" "CFG@XNYS" "listed by then: its short name is it"
is "$(got 6)" "AAPL@XNAS APLE@XNYS" "a name curated as the company's own (+Apple) keeps it"
is "$(got 7)" "VED@XLON" "a one-word name right before a code of an exchange where it has no listing is another company"
is "$(got 8)" "VEDL@XNSE" "the name alone links"
is "$(got 9)" "VED@XLON VEDL@XNSE" "with its legal form it stays"
is "$(got 10)" "ULVR@XLON" "the code picks the candidate listed on its exchange"
is "$(got 11)" "UNA@XAMS" "without a code, the larger"
is "$(got 12)" "RBS@XLON" "a bare symbol right before a RIC is the name's abbreviation, not a US code"
is "$(got 13)" "RBS@XNYS" "alone, it is the US code the name agrees with"
is "$(got 14)" "" "a smaller company's one-word name placed in another country is another company, in all its mentions"
is "$(got 15)" "FREY@XPAR" "placed in its own country it links"
is "$(got 16)" "" "a country's possessive places it too"
is "$(got 17)" "0992@XHKG" "China and Hong Kong are one"
is "$(got 18)" "FREY@XPAR" "a compound (Anglo-Swiss) places nothing"
is "$(got 19)" "TEF@XMAD VIV@XNYS" "a national unit named after its parent (Telefonica Brasil) leaves the parent's one-word name alone"
is "$(got 20)" "NBRW@XNSE" "a name the article places in a country is that country's candidate (India's Northern Breweries, not Chile's by its English name)"
is "$(got 21)" "CCX@XNYS" "without the country, the larger company"
is "$(got 22)" "KRND@XLON" "not between companies of the name (Indian mining firm Vedanta is Vedanta Resources)"
is "$(got 23)" "" "\"Group\" after a smaller company's name that has none is another body (NPD Group)"
is "$(got 24)" "198081@XKOS" "its own legal form is the company"
is "$(got 25)" "VLMG@XLON" "and a name with Group is the company with it"
is "$(got 26)" "" "a word that only begins like one (Groundvale) is no group word"
is "$(got 27)" "MRLW@XNYS" "the legal form after a one-word name picks the namesake whose name has it (Noble Corp is Noble Corporation, not Noble Group Ltd)"
is "$(got 28)" "MRLG@XSES" "without a form, the larger namesake"
is "$(got 29)" "MRLG@XSES" "a form the larger one's name has keeps it"
is "$(got 30)" "MRLW@XNYS" "the form with its full stop, and its long spelling in the name (Corp., Corporation)"
done_testing
