#!/bin/sh
# newspipe-ticker-link: a large company's unit written after its one-word name ("Nomura
# Securities", "ANZ Bank", "GE Aviation", "Natixis Asset Management") is the company; a
# capitalized word after the unit word makes another name, and "Capital" is no unit word
# ("Orange Capital LLC" is a fund). A small company's name before a unit word is still part
# of a longer name. Names and table written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XTKS:8699|8699|XTKS||1|JP|||80|Namura Holdings Inc|Namura
XPAR:NTX|NTX|XPAR||1|FR|||70|Natoxis SA|+Natoxis
XLON:SML|SML|XLON||1|GB|||40|Smallwick plc|
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'Economists at Namura Securities said rates would rise.'
add 'Namura Securities economists said so in a note.'
add 'Analysts at Natoxis Asset Management said so.'
add 'Units of Namura Energy Transfer rose.'
add 'Natoxis Capital LLC reported a stake.'
add 'Analysts at Smallwick Bank said so.'
add 'Analysts at Namura Bank.'
link_cases "$T/lst.tsv"
is "$(got 1)" "8699@XTKS" "a unit word after a large company's name is its unit"
is "$(got 2)" "8699@XTKS" "followed by a lower-case word too"
is "$(got 3)" "NTX@XPAR" "Asset Management is a unit's name"
is "$(got 4)" "" "a capitalized word after the unit word makes another name"
is "$(got 5)" "" "Capital is no unit word"
is "$(got 6)" "" "a small company's name before a unit word is part of a longer name"
is "$(got 7)" "8699@XTKS" "the unit word may end the sentence"
done_testing
