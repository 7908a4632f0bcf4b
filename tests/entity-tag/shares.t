#!/bin/sh
# newspipe-entity-tag: a name the article gives shares, shareholders or an officer by name
# ("Alitalia shareholders", "Shares of Lilly were down", "Monte Paschi stock fell", "Marsh
# chief executive Michael Cherkasky") is a company's, ORG
# wherever the article writes it where the model typed it PER or LOC (see mentions.h); not a
# verb's "shares" ("Jeb Bush shares Cruz's preference"), a market's place ("China shares",
# "shares in Tel Aviv"), a person's holding ("Warren Buffett's shares") or a firm's owner
# ("Shares in Icahn's investment firm"), a title without a name after it ("named Bailey
# CEO as") or a person's spokesman. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Italy will join a rescue plan for Alitalia. Alitalia shareholders have until Thursday to decide. Air France wrote to Alitalia on Monday.'
add 'The drugmaker raised its forecast. Shares of Lilly were down 0.1 percent at $50. Lilly said sales of new drugs rose.'
add 'The bank said on Monday it would cut jobs. Monte Paschi stock fell 3 percent. The rescue of Monte Paschi was approved.'
add 'Air France wrote to Alitalia on Monday. Alitalia'"'"'s shareholders must decide by Thursday.'
add 'Republican front-runner Jeb Bush shares Cruz'"'"'s preference on taxes. Frank Bruni shares in his book a letter from a student. Bruni said so.'
add 'China shares fell on Monday. Teva shares in Tel Aviv fell 6.2 percent. Tokyo shares rose.'
add 'Shares in Icahn'"'"'s investment firm rose. Warren Buffett'"'"'s shares in Coca-Cola gained. Buffett said he would hold them.'
add 'It was a hard year for the broker, Marsh chief executive Michael Cherkasky said. Marsh posted a loss.'
add 'Burberry named Bailey CEO as Ahrendts quit for Apple. Bailey said he was delighted.'
add 'Ahead of the vote, Boehner spokesman Kevin Smith said the House would act. Boehner said so too.'
add 'Investors watched the Fed closely on Monday, and Fed Chairman Ben Bernanke spoke. Dallas Fed President Richard Fisher is a hawk, he said.'
add 'The bank will raise capital, Yoigo CEO Eduardo Taulet said. Yoigo was first.'
tag_cases
like "$(got 1)" "^LOC:Italy \| ORG:Alitalia \| ORG:Alitalia \| DATE:Thursday \| ORG:Air France \| ORG:Alitalia \| DATE:Monday$" "shareholders: the model's LOC is ORG throughout"
like "$(got 2)" "^ORG:Lilly \| PERCENT:0.1 percent \| MONEY:[$]50 \| ORG:Lilly$" "shares of: the model's PER is ORG throughout"
like "$(got 3)" "^DATE:Monday \| ORG:Monte Paschi \| PERCENT:3 percent \| ORG:Monte Paschi$" "stock and a price's move"
like "$(got 4)" "^ORG:Air France \| ORG:Alitalia \| DATE:Monday \| ORG:Alitalia \| DATE:Thursday$" "a possessive before shareholders"
like "$(got 5)" "^MISC:Republican \| PER:Jeb Bush \| PER:Cruz \| PER:Frank Bruni \| PER:Bruni$" "shares the verb: people stay"
like "$(got 6)" "^LOC:China \| DATE:Monday \| ORG:Teva \| LOC:Tel Aviv \| PERCENT:6.2 percent \| LOC:Tokyo$" "markets' places stay"
like "$(got 7)" "^PER:Icahn \| PER:Warren Buffett \| ORG:Coca-Cola \| PER:Buffett$" "holders and owners stay"
like "$(got 8)" "^ORG:Marsh \| PER:Michael Cherkasky \| ORG:Marsh$" "an officer and the officer's name"
like "$(got 9)" "^ORG:Burberry \| PER:Bailey \| PER:Ahrendts \| ORG:Apple \| PER:Bailey$" "a title with no name after it"
like "$(got 10)" "^PER:Boehner \| PER:Kevin Smith \| ORG:House \| PER:Boehner$" "a person's spokesman"
is "$(got 11)" "ORG:Fed | DATE:Monday | ORG:Fed | PER:Ben Bernanke | LOC:Dallas | PER:Richard Fisher" "an untagged repeat right after another entity stays (Dallas Fed)"
is "$(got 12)" "ORG:Yoigo | PER:Eduardo Taulet | ORG:Yoigo" "CEO in capitals and the officer's name"
done_testing
