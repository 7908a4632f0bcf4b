#!/bin/sh
# newspipe-entity-tag: an event's name ending on a word that closes events' names ("Airshow",
# "Show", "Marathon", "Olympics", "Awards", "Festival", "Cup", "Open"...) is MISC, as CoNLL-2003
# tags events, where the model typed it ORG, LOC or PER; an organisation of the lists that
# ends so ("Rockstar Games") stays ORG, and "League", "Forum" close organisations' names too.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Emirates ordered 150 of the jets at the Dubai Airshow on Sunday, the planemaker said.'
add 'Sony showed the television at the Consumer Electronics Show in Las Vegas on Tuesday.'
add 'Rockstar Games, the makers of Manhunt, said the game was for adults.'
add 'Kenyan runners dominated the Boston Marathon again on Monday.'
add 'The Arab League met in Cairo on Sunday.'
tag_cases
like "$(got 1)" "MISC:Dubai Airshow( |$)" "an airshow is an event: MISC"
like "$(got 2)" "MISC:Consumer Electronics Show( |$)" "a show too"
like "$(got 3)" "ORG:Rockstar Games( |$)" "an organisation of the lists stays ORG"
like "$(got 4)" "MISC:Boston Marathon( |$)" "a marathon is an event"
like "$(got 5)" "ORG:Arab League( |$)" "a league is an organisation"
done_testing
