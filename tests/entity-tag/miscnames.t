#!/bin/sh
# newspipe-entity-tag: holidays, awards and a few eras and events are MISC (see miscnames.h), as CoNLL-2003's
# guidelines have them (wikigold: "Thanksgiving" MISC): where the model typed them LOC or PER,
# left them untagged or tagged a part ("Black" of "Black Friday", whose "Friday" the date rule took);
# not a name a capitalized word follows ("Christmas Island"), one inside a longer entity, nor
# the surname of the article's person. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Sales rose before Christmas and Thanksgiving, on Black Friday and at Easter, and Eid al-Fitr ended.'
add 'Christmas Island is far from Sydney.'
add 'Defense lawyer Jerryl Christmas spoke on Monday. Christmas said his client was innocent.'
add 'She has been nominated for a Golden Globe and two Grammys before the Academy Awards.'
add 'Bening did not win the best supporting actress Academy Award.'
add 'He was nominated for an Oscar for best actor.'
add 'Unemployment rose to levels not seen since the Great Depression, and the Great Recession hit Ireland hard.'
add 'Britain voted for Brexit in 2016, five years after the Arab Spring.'
tag_cases
is "$(got 1)" "MISC:Christmas | MISC:Thanksgiving | MISC:Black Friday | MISC:Easter | MISC:Eid al-Fitr" "holidays are MISC, one entity each"
like "$(got 2)" "^LOC:Christmas Island" "a capitalized word after it: another name"
like "$(got 3)" "PER:Jerryl Christmas .*PER:Christmas" "the surname of the article's person stays PER"
is "$(got 4)" "MISC:Golden Globe | MISC:Grammys | MISC:Academy Awards" "awards are MISC"
is "$(got 5)" "MISC:Academy Award" "an award after a person's noun stays MISC (actress)"
is "$(got 6)" "PER:Oscar" "not Oscar alone: a first name, and eng.testa's PER for the award"
is "$(got 7)" "MISC:Great Depression | MISC:Great Recession | LOC:Ireland" "eras are MISC (the model typed them LOC)"
is "$(got 8)" "LOC:Britain | MISC:Brexit | DATE:2016 | MISC:Arab Spring" "and events"
done_testing
