#!/bin/sh
# newspipe-entity-tag: a name right after a noun only an organisation is ("law firm", "carrier",
# "group") is ORG where the model typed it PER, LOC or MISC; not after "a", "the" and such
# words, where the noun is an adjective or a relative clause follows; after a person's noun
# ("singer", "wife", a player's position: "goalkeeper") it is PER, after "city of" LOC, after "analyst at" ORG, before "airport" LOC, an organisation's before "index" MISC (see nouns.h). Sentences written for this
# test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Oliver Ireland, a partner at the law firm Morrison Foerster, said the rule was clear.'
add "Bahrain's national carrier Gulf Air and proxy advisory firm Glass Lewis were named."
add 'The attacks were blamed on the Islamist group Boko Haram, officials said.'
add 'He left the firm Smith founded, and took a firm German position.'
add 'Pop singer Delta Goodrem has won an award, and Frank thanked his wife Jan and his son Max.'
add 'The Justice Department informed the city of Ferguson that a review was due.'
add 'Chart-topping pop band Busted have confirmed their split, and he plays for Scottish club Hibernian.'
add 'More orders will come, wrote Richard Aboulafia, analyst at Teal Group in Fairfax, Virginia.'
add 'The data was weak, said Michal Konarski, analyst at Poland'"'"'s BRE Bank.'
add 'Music downloads will grow, said Paul Myers, chief executive of Wippit, a UK-based music download service.'
add 'Investors pulled $2 billion from the funds, according to Lipper. That does not include ETFs.'
add 'Daily flights from New York'"'"'s Kennedy airport to London resumed on Monday.'
add 'Shares in Mexico fell, and the benchmark IPC index lost 2 percent.'
add 'Arsenal goalkeeper Cech fills his days with music.'
add 'Lufthansa merged its short-haul flights with discount unit Germanwings, and JPMorgan sold its warehousing unit Henry Bath.'
tag_cases
like "$(got 1)" "PER:Oliver Ireland \| ORG:Morrison Foerster$" "a law firm's name is ORG"
like "$(got 2)" "ORG:Gulf Air \| ORG:Glass Lewis$" "an airline's and a firm's, typed MISC and PER"
like "$(got 3)" "ORG:Boko Haram$" "a group's"
like "$(got 4)" "^PER:Smith \| MISC:German$" "not after the or a"
like "$(got 5)" "^PER:Delta Goodrem \| PER:Frank \| PER:Jan" "a singer's and a wife's name is PER"
like "$(got 6)" "LOC:Ferguson$" "a city's LOC"
like "$(got 7)" "ORG:Busted .*ORG:Hibernian$" "a band's and a club's name is ORG"
like "$(got 8)" "PER:Richard Aboulafia \| ORG:Teal Group \| LOC:Fairfax" "an analyst's employer is ORG"
like "$(got 9)" "LOC:Poland \| ORG:BRE Bank$" "not a place of the lists"
like "$(got 10)" "PER:Paul Myers \| ORG:Wippit" "a chief executive's company is ORG"
like "$(got 11)" "ORG:Lipper" "a source after according to is ORG"
like "$(got 12)" "LOC:Kennedy" "a name before airport is LOC"
like "$(got 13)" "MISC:IPC" "an organisation's name before index is MISC"
like "$(got 14)" "ORG:Arsenal \| PER:Cech$" "a goalkeeper's name is PER"
like "$(got 15)" "ORG:Germanwings \| ORG:JPMorgan \| ORG:Henry Bath$" "a unit's name is ORG (typed MISC and PER)"
done_testing
