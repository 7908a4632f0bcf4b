#!/bin/sh
# newspipe-entity-tag: a person's name that starts a sentence does not begin with a word the
# training text writes in lower case ("Take Fry, who earned a PhD"), unless a list of
# first names knows the word ("Will Smith"); a past participle opening a sentence before "in"
# is no name ("Born in Luton"), nor is a conjunction that opens a sentence part of the name
# after it ("As Washington Post journalist"); a company named by its web address ("JD.com",
# "FareCompare.com") is ORG. Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Many have tried. Take Fry, who earned a PhD in cognitive science, as an example.'
add 'Will Smith said the film would open in June.'
add 'Firms that also included Pinduoduo and JD.com, Li told them.'
add 'Fares will rise, said Rick Seaney, chief executive of FareCompare.com, which tracks air fares.'
add 'Prices are listed on jd.com and on Amazon.co.uk.'
add 'These things are never made public. Removing Strachan and his coaches would have been costly.'
add 'She was a star. Born in Luton, Bedfordshire, she moved to London. Headquartered in Texas, the firm grew.'
add 'Shares fell after a downgrade. As Washington Post journalist Vincent Bzdek noted, it was late.'
tag_cases
like "$(got 1)" "^PER:Fry( |$)" "a sentence's first word that is a lower-case word opens no name"
like "$(got 2)" "^PER:Will Smith( |$)" "a first name of the lists does"
like "$(got 3)" "ORG:JD\.com( |$)" "a company's web address is ORG"
like "$(got 4)" "ORG:FareCompare\.com( |$)" "also where the model calls it a place"
printf "%s\n" "$(got 5)" | grep -q "ORG:jd\.com"
[ $? -eq 1 ]
ok $? "not an address in lower case"
like "$(got 6)" "^PER:Strachan( |$)" "a verb's -ing form opens no name either"
is "$(got 7)" "LOC:Luton | LOC:Bedfordshire | LOC:London | LOC:Texas" "Born in, Headquartered in: no names"
is "$(got 8)" "ORG:Washington Post | PER:Vincent Bzdek" "a conjunction opening the sentence is not the name's"
done_testing
