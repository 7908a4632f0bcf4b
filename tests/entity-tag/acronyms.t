#!/bin/sh
# newspipe-entity-tag: an acronym the article itself uses as a common noun is no entity: one it
# spells out in lower case ("foreign direct investment (FDI)"), writes after "a" or "an"
# before a stop or function word ("an IPO of"), or in the plural ("IPOs"); the model, which
# learned from 1996 news, types them ORG; nor is one of the model's list of acronyms that many
# news articles use so ("the IPO", "QE"), nor one of three capitals or more that the article
# spells out in lower-case words anywhere before it ("the wholesale price index ... The WPI").
# An acronym spelled out in capitals ("European Central Bank (ECB)", also where lower-case
# words happen to spell it: "another power plant ... Association of Power Producers (APP)")
# and one that modifies a noun ("an HSBC analyst") stay names.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Twitter picked the New York Stock Exchange for its IPO on Thursday. The IPO could raise $1 billion, bankers said, and an IPO of its rival may follow.'
add 'China said foreign direct investment (FDI) rose 5 percent in September. FDI from Japan fell.'
add 'Technology IPOs are back. The IPO market is hot, said Jay Ritter.'
add 'The European Central Bank (ECB) kept rates on hold. The ECB said inflation was low.'
add 'Said an HSBC analyst in London: HSBC will gain.'
add 'Shares of Zeta Corp rose after the IPO was priced, and QE helped, bankers in Tokyo said.'
add 'India said the wholesale price index rose 7 percent in October. The WPI reading for August was revised, the Commerce Ministry said.'
add 'Gas prices in Asia rose. Japan buys more liquefied natural gas than any other country, and LNG from Qatar costs more.'
add 'Power firms built another power plant in Gujarat, said the Association of Power Producers (APP). The APP wants more coal from Coal India.'
tag_cases
for i in 1 2 3 6; do
    printf "%s\n" "$(got $i)" | grep -Eq "ORG:(IPO|IPOs|FDI)( |$)"
    [ $? -eq 1 ]
    ok $? "record $i: no acronym the article uses as a common noun is an ORG"
done
like "$(got 2)" "LOC:Japan( |$)" "the other entities stay"
like "$(got 3)" "PER:Jay Ritter( |$)" "the other entities stay"
like "$(got 4)" "ORG:ECB \| .*ORG:ECB( |$)" "an acronym spelled out in capitals is a name"
like "$(got 5)" "ORG:HSBC \| .*ORG:HSBC( |$)" "and one after \"an\" that modifies a noun"
printf "%s\n" "$(got 6)" | grep -Eq "ORG:QE( |$)"
[ $? -eq 1 ]
ok $? "an acronym of the model's list is no ORG either"
like "$(got 6)" "ORG:Zeta Corp( |$)" "the article's names stay"
for i in 7 8; do
    printf "%s\n" "$(got $i)" | grep -Eq ":(WPI|LNG)( |$)"
    [ $? -eq 1 ]
    ok $? "record $i: no acronym the article spells out in lower-case words before it is an entity"
done
like "$(got 7)" "ORG:Commerce Ministry( |$)" "the other entities stay"
like "$(got 9)" "ORG:APP \| ORG:APP( |$)" "one it also spells out in capitals stays a name"
done_testing
