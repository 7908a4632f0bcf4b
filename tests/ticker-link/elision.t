#!/bin/sh
# newspipe-ticker-link: a name elided by an apostrophe into a capitalized word is the first
# part of that word, not the company ("Dell'Oro Group", the analyst "Dell'Osso"), with a
# straight or a typographic apostrophe; a possessive is still the company. Names and table
# written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
cik:1|DELQ|XNAS||1|US|||90|Delq Inc.|Delq
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add "The market grew, according to research firm Delq'Oro Group."
add "We knew, Delq'Osso said."
add "Shares of Delq’Anna rose."
add "Delq's shares rose 3 percent."
add "Delq reported earnings on Tuesday."
link_cases "$T/lst.tsv"
is "$(got 1)" "" "elided into the name of a research firm"
is "$(got 2)" "" "elided into a surname"
is "$(got 3)" "" "a typographic apostrophe too"
is "$(got 4)" "DELQ@XNAS" "a possessive is the company"
is "$(got 5)" "DELQ@XNAS" "the name alone is the company"
done_testing
