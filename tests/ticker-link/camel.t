#!/bin/sh
# newspipe-ticker-link: a name written otherwise than listed. A word in camel case that
# names nothing whole is read as its words ("IntercontinentalExchange" is Intercontinental
# Exchange, "JPMorgan" JP Morgan), as news often writes a company's name run together. A word
# that names a company whole keeps that company; a name of exact case ("=") must be written
# as listed; a part of one letter, a digit or a word in capitals or lower case is never
# split. Initials match with or without full stops ("J.P. Morgan", "JC Penney"), but
# capitals alone are an acronym. Names and table written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XNYS:IMX|IMX|XNYS||1|US|||40|Intermarine Exchange Inc.|
XNYS:JKB|JKB|XNYS||1|US|||60|JK Borgmann Chase & Co.|JK Borgmann
XHKG:0888|0888|XHKG||1|HK|||40|PetroZhina Co Ltd|
XHKG:0999|0999|XHKG||1|HK|||35|Petro Zhina Holdings Ltd|
XLON:KLM|KLM|XLON||1|GB|||35|Kellmart Holdings plc|=KL Mart
XSTO:KLQ|KLQ|XSTO||1|SE|||35|K Lindqvist AB|
XNYS:KLR|KLR|XNYS||1|US|||40|K.L. Ramsey Industries Inc|
XTKS:7777|7777|XTKS||1|JP|||35|F.X.B. Co., Ltd.|
XNYS:FSTR|FSTR|XNYS||1|US|||40|FASTRA Inc|
XTKS:4952|4952|XTKS||1|JP|||35|T.R.A. Corporation|
TSV

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'Shares of IntermarineExchange rose on Monday.'
add 'IntermarineExchange Inc said on Monday it would buy a rival.'
add 'Analysts at JKBorgmann said rates would rise.'
add 'PetroZhina said output rose.'
add 'Shares of Petro Zhina fell.'
add 'Shoppers at KLMart spent more.'
add 'Shoppers at KL Mart spent more.'
add 'Shares of KLindqvist fell.'
add 'Shares of INTERMARINEEXCHANGE rose.'
add 'Shares of intermarineExchange rose.'
add 'Shares of Intermarine2Exchange rose.'
add 'Shares of IntermarineExchangeFund rose.'
add 'Analysts at J.K. Borgmann said rates would rise.'
add 'Shares of KL Ramsey Industries rose.'
add 'The FXB said it would act.'
add 'Shares of FXB Co rose.'
add 'Shares of K.L. Ramsey Industries rose.'
add 'The series F.A.S.T.R.A. returns in December.'
add 'Shares of F.A.S.T.R.A. Inc rose.'
link_cases "$T/lst.tsv"
is "$(got 1)" "IMX@XNYS" "a name run together in camel case is read as its words"
is "$(got 2)" "IMX@XNYS" "and goes on into the words after it (a legal form)"
is "$(got 3)" "JKB@XNYS" "a run of capitals ends before the capital a lower-case letter follows (JK|Borgmann)"
is "$(got 4)" "0888@XHKG" "a word that names a company whole keeps that company, not the one of its parts"
is "$(got 5)" "0999@XHKG" "the parts written apart are the other company"
is "$(got 6)" "" "a name of exact case must be written as listed"
is "$(got 7)" "KLM@XLON" "as it is here"
is "$(got 8)" "" "a part of one letter is no word"
is "$(got 9)" "" "a word in capitals is not split"
is "$(got 10)" "" "nor one that starts in lower case"
is "$(got 11)" "" "nor one with a digit"
is "$(got 12)" "" "the parts must make the whole name, not more"
is "$(got 13)" "JKB@XNYS" "initials with full stops are the initials written together"
is "$(got 14)" "KLR@XNYS" "and capitals are initials written without them"
is "$(got 15)" "" "but capitals alone are an acronym, not a company of those initials"
is "$(got 16)" "7777@XTKS" "with a legal form after them they are the company"
is "$(got 17)" "KLR@XNYS" "a name written as listed is matched as before"
is "$(got 18)" "" "initials with full stops alone are an acronym too, and none of their letters starts a name"
is "$(got 19)" "FSTR@XNYS" "with a legal form after them they are the company"
done_testing
