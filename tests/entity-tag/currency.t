#!/bin/sh
# newspipe-entity-tag: an amount after a currency's symbol ("A$505 million", "HK$2 billion") is
# MONEY with the model's MISC of the symbol inside it, as CoNLL-2003 tags the symbol (before,
# the model's MISC won the overlap and the amount was no MONEY); with --types MONEY the amount
# alone, with --types MISC the symbol alone; "$3 million" has no MISC. Sentences written for
# this test.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/entity-tag/lib.sh"
add 'Saputo offered A$505 million for the dairy, or US$ 40 million, and HK$2 billion. It paid $3 million in cash.'
tag_cases
like "$(got 1)" '^ORG:Saputo \| MONEY:A[$]505 million \| MISC:A[$] \| MONEY:US[$] 40 million \| MISC:US[$] \| MONEY:HK[$]2 billion \| MISC:HK[$] \| MONEY:[$]3 million$' "the MONEY, then its symbol's MISC"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" --types MONEY < "$T/in" > "$T/money"
is "$(grep -o '"type":"[A-Z]*"' "$T/money" | tr '\n' ' ')" '"type":"MONEY" "type":"MONEY" "type":"MONEY" "type":"MONEY" ' "--types MONEY: the amounts"
"$NP_BIN/newspipe-entity-tag" --model "$MODEL" --types MISC < "$T/in" > "$T/misc"
is "$(grep -o '"text":"[^"]*","type":"[A-Z]*"' "$T/misc" | tr '\n' ' ')" '"text":"A$","type":"MISC" "text":"US$","type":"MISC" "text":"HK$","type":"MISC" ' "--types MISC: the symbols"
done_testing
