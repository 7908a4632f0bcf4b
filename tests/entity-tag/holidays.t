#!/bin/sh
# newspipe-entity-tag: holidays are MISC (see holidays.h), as CoNLL-2003's guidelines have
# them (wikigold: "Thanksgiving" MISC): where the model typed them LOC or PER, left them
# untagged or tagged a part ("Black" of "Black Friday", whose "Friday" the date rule took);
# not a name a capitalized word follows ("Christmas Island"), one inside a longer entity, nor
# the surname of the article's person. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Sales rose before Christmas and Thanksgiving, on Black Friday and at Easter, and Eid al-Fitr ended.'
add 'Christmas Island is far from Sydney.'
add 'Defense lawyer Jerryl Christmas spoke on Monday. Christmas said his client was innocent.'
tag_cases
is "$(got 1)" "MISC:Christmas | MISC:Thanksgiving | MISC:Black Friday | MISC:Easter | MISC:Eid al-Fitr" "holidays are MISC, one entity each"
like "$(got 2)" "^LOC:Christmas Island" "a capitalized word after it: another name"
like "$(got 3)" "PER:Jerryl Christmas .*PER:Christmas" "the surname of the article's person stays PER"
done_testing
