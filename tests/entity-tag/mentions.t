#!/bin/sh
# newspipe-entity-tag: a one-word mention takes the type of the article's full name (see
# mentions.h): "Carter's" after "Carter's Inc" is ORG, "Madoff" in "trial of Madoff
# employees" PER when the article names Bernard Madoff; a credit line's names and a word
# before another capitalized one do not count; a name a Reuters code follows once is ORG
# wherever the article writes it, unless the lists know it as a place. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add "Shares of Carter's Inc rose 3 percent. A former vice president at Carter's pleaded guilty to insider trading."
add 'The trial of Madoff employees began. Prosecutors said Bernard Madoff ran the fraud for decades.'
add 'Stanford investors sued. Allen Stanford is serving a 110-year sentence.'
add 'Analysts had expected earnings of 5 cents a share, according to Thomson Reuters I/B/E/S. Chief Executive Robert Thomson said demand was strong.'
add 'Irish shares fell on Monday. (Editing by Louise Ireland) Ireland'"'"'s economy grew.'
add 'Fannie Mae ( FNMA.OB ) lost $332 million on swaps. Fannie Mae filed this action to recover losses, the company said.'
add 'Banco Santander ( SAN.MC ) rose. Santander ( SAN.MC ) said profit rose. He lives in Santander, a city in Spain.'
tag_cases
like "$(got 1)" "ORG:Carter's Inc .*ORG:Carter( |$)" "a short form of the article's ORG name is ORG"
like "$(got 2)" "^PER:Madoff \| PER:Bernard Madoff" "a surname of the article's person is PER, also before the full name"
like "$(got 3)" "^PER:Stanford \| PER:Allen Stanford" "also when the model typed it MISC"
like "$(got 4)" "ORG:Thomson Reuters \| PER:Robert Thomson" "a name inside a longer one is left as it is"
like "$(got 5)" "PER:Louise Ireland \| LOC:Ireland" "a credit line's name gives no surname"
like "$(got 6)" "^ORG:Fannie Mae \| .* \| ORG:Fannie Mae$" "a name a Reuters code follows is ORG wherever the article writes it"
like "$(got 7)" "ORG:Santander \| LOC:Santander" "but not where it is a place of the lists"
done_testing
