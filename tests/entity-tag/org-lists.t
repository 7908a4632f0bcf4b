#!/bin/sh
# newspipe-entity-tag: an ORG entity takes the capitalized word before it when the two make an
# organisation of the lists the model is built with (listed companies, Wikipedia's
# organisation titles): "according to Thomson Reuters I/B/E/S" is ORG "Thomson Reuters", not
# ORG "Reuters" alone; also when the model tagged that word MISC, if it is a part of people's
# names and the two make a listed company's name; never "The". A PER or LOC that ends
# on a company's word ("Wedbush Securities") is ORG, unless it opens on a first name.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Analysts had expected earnings of 5 cents a share, according to Thomson Reuters I/B/E/S.'
add 'Profit rose, Reuters said, citing data from the company.'
add 'Michael Pachter, an analyst at Wedbush Securities, said the shares were cheap.'
add 'Shares rose 3 percent, said Michael Gold, a trader in New York.'
add 'Fees from the deals rose 12 percent to $3.1 billion, according to Thomson Reuters data. Of the 31 deals, most were in Asia.'
tag_cases
like "$(got 1)" "ORG:Thomson Reuters( |$)" "the word before an ORG joins it when the two are a listed organisation"
ok "$(got 1 | grep -c 'ORG:Reuters')" "and the ORG is not the shorter one"
like "$(got 2)" "ORG:Reuters( |$)" "an ORG with no such word before it is as the model has it"
like "$(got 3)" "ORG:Wedbush Securities( |$)" "a name that ends on a company's word is ORG"
like "$(got 4)" "PER:Michael Gold( |$)" "not when it opens on a first name"
like "$(got 5)" "(^| )ORG:Thomson Reuters( |$)" "a surname the model tagged MISC joins the ORG after it when the two are a listed company"
done_testing
