#!/bin/sh
# newspipe-entity-tag: a stock index's name and number are one MISC, as CoNLL-2003 tags
# "FTSE 100" ("S&P 500" was ORG "S&P" and a bare number); the rating agency S&P stays ORG.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'The S&P 500 rose 0.5 percent while the Nasdaq Composite gained 0.3 percent.'
add 'S&P cut its rating on the company to junk on Tuesday.'
tag_cases
like "$(got 1)" "^MISC:S&P 500 " "an index and its number are one MISC"
like "$(got 2)" "^ORG:S&P " "the agency without a number is ORG"
done_testing
