#!/bin/sh
# newspipe-entity-tag: a one-word place the article qualifies by its region or country
# ("Cushing, Oklahoma,", "Ferguson, Missouri,") is LOC wherever the article writes it and the
# model typed it PER or ORG (see mentions.h); not from a headline's comma between two names,
# nor for the surname of the article's person. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Crude stocks at the Cushing, Oklahoma, delivery hub rose. Traders said stocks at Cushing were near a record, and pipelines into Cushing are full.'
sed -i '$s/^{/{"title":"Cushing stocks rise",/' "$T/in" # with it the model types the last PER
add "Protests went on in Ferguson, Missouri, on Sunday. The Ferguson police chief resigned, and Ferguson's mayor said the city would change."
add 'Dongfeng said it was in talks. Alex Ferguson, the manager, spoke in Ferguson, Missouri. Ferguson said he was happy.'
tag_cases
like "$(got 1)" "^LOC:Cushing \| LOC:Oklahoma \| LOC:Cushing \| LOC:Cushing$" "the model's PER of the place is LOC"
like "$(got 2)" "^LOC:Ferguson \| LOC:Missouri \| DATE:Sunday \| LOC:Ferguson \| LOC:Ferguson$" "and its ORG"
like "$(got 3)" "^ORG:Dongfeng \| PER:Alex Ferguson \| PER:Ferguson \| LOC:Missouri \| PER:Ferguson$" "a person's surname stays"
done_testing
