#!/bin/sh
# newspipe-entity-tag: a club in parentheses after a player's name is ORG (see teams.h) in a
# list or commentary whose parenthesized names the model typed ORG more often than it typed
# countries ("Ryan Bird (Newport County) wins a free kick"); a results list of athletes and
# their nations keeps a nation the lists miss LOC ("Ato Boldon (Trinidad)"). Sentences written
# for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Foul by Josh Vela (Bolton Wanderers). Ryan Bird (Newport County) wins a free kick on the right wing. Mark Beevers (Bolton Wanderers) is shown the yellow card.'
add 'Results: 1. Michael Johnson (U.S.) 20.02 2. Ato Boldon (Trinidad) 20.37 3. Geir Moen (Norway) 20.41'
tag_cases
is "$(got 1)" "PER:Josh Vela | ORG:Bolton Wanderers | PER:Ryan Bird | ORG:Newport County | PER:Mark Beevers | ORG:Bolton Wanderers" "a club in a commentary is ORG"
like "$(got 2)" "LOC:Trinidad" "a nation in a results list stays LOC"
done_testing
