#!/bin/sh
# newspipe-entity-tag: instrument codes are no names. A code in parentheses or angle brackets
# after a company's name ("Boeing Co ( BA.N )", "<BA.N>"), Reuters' own code of a private
# company ("LOT.UL"), an exchange's symbol after its name ("(NYSE: BA)") and a cashtag
# ("$TSLA") and an index's code after its full stop (" .SPX", "(.N225)") are never an entity,
# nor part of the name's entity; the name before a Reuters code is ORG, the company the code is
# of, unless it is a place of the lists after "in" or "of"; so is one the model left untagged
# ("French oil company Total ( TOTF.PA )"), unless it ends a name the model tagged in part
# ("Puma SE"), and so are the name's untagged repeats in the article, not at a sentence's
# start ("Total revenue rose").
# The model, trained on CoNLL-2003 text without such codes, typed them LOC, ORG or nothing.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Boeing Co ( BA.N ) said on Monday it would build more jets in Seattle.'
add 'Volkswagen AG'"'"'s ( VOWG_p.DE ) U.S. sales rose, while Fiat SpA ( FIA.MI ) fell.'
add 'Industrial and Commercial Bank of China ( 1398.HK ) ( 601398.SS ) raised its dividend.'
add 'The fight with American Airlines AAMRQA.UL and US Airways Group Inc ( LCC.N ) ended.'
add 'Boeing Co <BA.N> said on Monday it would build more jets.'
add 'Officials in the U.S. and Britain (U.K.) met in London on Monday.'
add 'Boeing Co (NYSE: BA) and Apple Inc (Nasdaq:AAPL) rose, while $TSLA fell.'
add 'Airbus ( EAD.PA ) said on Monday it would build more jets.'
add 'Analysts at Societe Generale ( SOGN.PA ) said so.'
add 'SABMiller, which is also listed in Johannesburg ( SABJ.J ), said it agreed.'
add 'The S&P 500  .SPX  fell 1 percent, the Nasdaq Composite  .IXIC  lost 2 percent and the CBOE Volatility Index .VIX rose.'
add 'WM, a unit of State Street ( STT.N ), calculates the rates.'
add 'PARIS (Reuters) - French oil company Total ( TOTF.PA ) reported a drop in profit, as did rival BP ( BP.L ) and Puma SE ( PUMG.DE ).'
add 'PARIS (Reuters) - French oil company Total ( TOTF.PA ) reported a drop in profit. Analysts were neutral on Total. Shares in Total are up 15 percent. Total revenue rose.'
tag_cases
for i in 1 2 3 4 5; do
    printf '%s' "$(got $i)" | grep -Eq '[A-Za-z0-9_]+\.(N|DE|MI|HK|SS|UL)( |$)'
    ok $((1 - $?)) "record $i: no entity is or holds a code"
done
like "$(got 1)" "ORG:Boeing Co( |$)" "the name before the code is still an entity"
like "$(got 4)" "ORG:American Airlines( |$)" "a name before Reuters' own code ends before it"
like "$(got 6)" "LOC:U.S." "a place with full stops is no code"
ok "$(got 7 | grep -Ec ':(BA|AAPL|TSLA)( |$)')" "an exchange's symbol after its name and a colon, or a cashtag, is no entity"
like "$(got 7)" "ORG:Boeing Co( |$)" "the company's name still is"
like "$(got 8)" "ORG:Airbus( |$)" "a name right before a code is the company the code is of (the model says MISC)"
like "$(got 9)" "ORG:Societe Generale( |$)" "and here (the model says LOC)"
ok "$(got 10 | grep -c 'ORG:Johannesburg')" "not a place after 'in' (listed in Johannesburg)"
ok "$(got 11 | grep -Ec ':(SPX|IXIC|VIX)( |$)')" "an index's code after its full stop is no entity"
like "$(got 12)" "ORG:State Street( |$)" "a company after 'of' is ORG when the lists know no such place"
like "$(got 13)" "ORG:Total \| ORG:BP \| ORG:Puma$" "an untagged name before a code is ORG; not the end of a tagged one"
is "$(got 14)" "LOC:PARIS | ORG:Reuters | MISC:French | ORG:Total | ORG:Total | ORG:Total | PERCENT:15 percent" "the name's untagged repeats, not a sentence's first word"
done_testing
