#!/bin/sh
# newspipe-entity-tag: a name news writes right before Reuters codes (the shipped model's
# category "coded", learned by "newspipe-entity-tag coded-names" from ../shared's news) is ORG
# where the model typed it a person of two words or more or a place the lists do not know,
# also in an article that writes no code (see mentions.h); its short form follows it; a place
# of the lists and a MISC stay. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'The Treasury wants to wind down Fannie Mae and Freddie Mac, the mortgage finance firms, and the government took over Fannie and Freddie in 2008.'
add 'Analysts at JPMorgan said demand was strong.'
add 'He lives in Santander, a city in Spain. Airbus jets were ordered.'
tag_cases
like "$(got 1)" "ORG:Fannie Mae \| ORG:Freddie Mac \| ORG:Fannie \| ORG:Freddie" "Fannie Mae and Freddie Mac are ORG, and their short forms"
like "$(got 2)" "^ORG:JPMorgan" "JPMorgan is ORG"
like "$(got 3)" "^LOC:Santander \| LOC:Spain \| MISC:Airbus" "a place of the lists and the aircraft stay"
done_testing
