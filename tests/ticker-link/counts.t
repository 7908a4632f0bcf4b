#!/bin/sh
# newspipe-ticker-link: what stands right before a name. A capitalized word there makes the
# name part of a longer one ("Rob Ford"); but a tab separates a table's cells
# ("Ardmore<TAB>Oklahoma<TAB>Valero"), and a number in digits alone is a count ("150 Boeing
# jets", "1,000,000 Plains All American"), not a word of a name, unless joined to it ("Fund
# 1-B LP"). Names and table written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XNYS:VLR|VLR|XNYS||1|US|||70|Valmero Energy Corp|+Valmero
XNYS:BNG|BNG|XNYS||1|US|||80|Boerling Co|+Boerling
XNYS:PLN|PLN|XNYS||1|US|||50|Plainsby All Western Pipeline LP|Plainsby All Western
XETR:BLP|BLP|XETR||1|DE|||35|B LP|
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
tab=$(printf '\\t')
add "Refinery${tab}State${tab}Owner\\nArdmore${tab}Oklahoma${tab}Valmero${tab}85,000"
add 'Ardmore Oklahoma Valmero said.'
add 'It placed an order for 150 Boerling jets on Sunday.'
add 'Pipelines: 19,000,000 1,000,000 Plainsby All Western, 400,000 others.'
add 'The fund paid into Brazos Fund 1-B LP last year.'
add 'It placed an order for A380 Boerling jets.'
link_cases "$T/lst.tsv"
is "$(got 1)" "VLR@XNYS" "a tab separates a table's cells: the cell before is no part of the name"
is "$(got 2)" "" "a capitalized word before a one-word name still makes another name"
is "$(got 3)" "BNG@XNYS" "a count in digits before a one-word name is no part of it"
is "$(got 4)" "PLN@XNYS" "nor before a longer name"
is "$(got 5)" "" "a number joined to the name is part of a longer one"
is "$(got 6)" "" "and a word of letters and digits is no count"
done_testing
