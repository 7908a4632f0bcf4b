#!/bin/sh
# newspipe-entity-tag: an entity that ends a line on an abbreviation's full stop ends before
# it, as CoNLL-2003 writes a sentence's final stop ("Lear Corp" "."); elsewhere the stop is
# the abbreviation's. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'The parts were made by Lear Corp.'
add 'Lear Corp. said sales rose in the quarter.'
add 'Profit rose, said Lear Corp.\nSales fell.'
tag_cases
like "$(got 1)" "ORG:Lear Corp$" "at the end of the text the stop is the sentence's"
like "$(got 2)" "^ORG:Lear Corp\.( |$)" "in mid-sentence it is the abbreviation's"
like "$(got 3)" "ORG:Lear Corp( |$)" "and at the end of a line the sentence's"
done_testing
