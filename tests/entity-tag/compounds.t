#!/bin/sh
# newspipe-entity-tag: names inside hyphenated compounds. A PER, ORG or LOC entity ending on
# "-based", "-owned", "-branded" and the like ends before the hyphen; a MISC compound stays
# whole, as CoNLL-2003 tags it ("Toronto-based"); a hyphen inside a name ("Li Ka-shing") is no
# compound. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Shares in some U.S.-listed Chinese firms rallied on Wednesday.'
add 'Hong Kong tycoon Li Ka-shing said on Monday he would sell the stake.'
add 'J.C. Penney Co Inc sold Martha Stewart-branded home goods, the company said.'
add 'Toronto-based Brookfield said on Monday it would buy the firm.'
tag_cases
ok "$(got 2 | grep -c 'Ka( |$)')" "a hyphen inside a name is no compound (Li Ka-shing is not cut)"
like "$(got 3)" "PER:Martha Stewart( |$)" "a person's entity ends before '-branded'"
ok "$(got 4 | grep -c 'LOC:Toronto( |$)')" "a MISC compound stays whole, as CoNLL-2003 tags it"
done_testing
