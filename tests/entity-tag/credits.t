#!/bin/sh
# newspipe-entity-tag: a name of two words or more after "Reporting by", "Editing by",
# "Writing by" in a credit line in parentheses is PER where the model typed it ORG, LOC or
# MISC; a desk ("Beijing Newsroom") stays (see published.c). Credit lines written for this
# test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Shares rose on the New York Stock Exchange. (Editing by Kirti Pandey)'
add 'The yuan fell. (Reporting by Koh Gui Qing and Beijing Newsroom; Editing by Kim Coghill)'
tag_cases
like "$(got 1)" "PER:Kirti Pandey$" "an editor's name is PER"
like "$(got 2)" "PER:Koh Gui Qing \| ORG:Beijing Newsroom \| PER:Kim Coghill" "a reporter's too; a desk stays ORG"
done_testing
