#!/bin/sh
# newspipe-entity-tag: an amount after a currency's symbol ("A$505 million", "HK$2 billion") or
# with its country ("1.04 Canadian dollars") is MONEY with the model's MISC or LOC of the
# symbol or country inside it, as CoNLL-2003 tags them (before, the model's entity won the
# overlap and the amount was no MONEY); with --types MONEY the amount alone, with --types MISC
# the symbol alone; "$3 million" has no MISC; "the 12 euro zone countries" is no amount.
# Sentences written for this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Saputo offered A$505 million for the dairy, or US$ 40 million, and HK$2 billion. It paid $3 million in cash.'
add 'The bank said ($1 = 1.04 Canadian dollars) it would lend to the 12 euro zone countries and 17 euro area members.'
tag_cases
like "$(got 1)" '^ORG:Saputo \| MONEY:A[$]505 million \| MISC:A[$] \| MONEY:US[$] 40 million \| MISC:US[$] \| MONEY:HK[$]2 billion \| MISC:HK[$] \| MONEY:[$]3 million$' "the MONEY, then its symbol's MISC"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" --types MONEY < "$T/in" > "$T/money"
is "$(grep -o '"type":"[A-Z]*"' "$T/money" | tr '\n' ' ')" '"type":"MONEY" "type":"MONEY" "type":"MONEY" "type":"MONEY" "type":"MONEY" "type":"MONEY" ' "--types MONEY: the amounts"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" --types MISC < "$T/in" > "$T/misc"
is "$(grep -o '"text":"[^"]*","type":"[A-Z]*"' "$T/misc" | tr '\n' ' ')" '"text":"A$","type":"MISC" "text":"US$","type":"MISC" "text":"HK$","type":"MISC" "text":"Canadian","type":"MISC" ' "--types MISC: the symbols"
is "$(got 2)" 'MONEY:$1 | MONEY:1.04 Canadian dollars | MISC:Canadian' "a country's dollars; no euro zone"
done_testing
