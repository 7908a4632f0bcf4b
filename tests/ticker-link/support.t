#!/bin/sh
# newspipe-ticker-link: a short form of a longer name ("Lufthansa" of Deutsche Lufthansa AG,
# "Serco" of Serco Group plc) is weak, and the article's own context supports it: a cue word
# after it in mid-sentence ("..., Lufthansa said"), a country's possessive before it, or the
# form written twice, or a competitor's word before it. Not a common-word name, a country, digits or capitals, and not a trade
# word before it. A region is no company's unit; a name a person's pronoun follows is a
# person's; a name with its own 's needs it; "X & Name" and "Name Capital Partners LLC" are
# other firms, and "Body of Words (BOW)" that body, in the whole record; a capitalized word after a name in a line
# of capitals makes another name too. A competitor's word before a short form ("rival
# Serco") supports it, and so does a list with a name that links alone ("Telefonica,
# Intesa and Generali"), which also supports a large company's common-word name ("Google,
# Apple and Facebook"). "Tomas Kranich, chief executive of" opening a sentence is a person,
# "Kranich said" later too. The company's own country before a weak one-word name ("German
# miner RWX", "Germany's RWX", "RWX, Germany's No.2 utility") supports it; another country
# does not. A place form ("^Carvona" of Banco Carvona: a large company's one word that is also
# a place's name) takes its own country's support and a trade before it ("banks Carvona"),
# but not its own repetition ("an east Carvona village ... the Carvona singer"), a cue after
# it ("Carvona said": a person's name too) or another country's possessive; the same for the
# name without "Group" when the importer marks it so ("^Wexley" of Wexley Group plc). A curated
# strong name written with a legal form ("+News Corp") does not make the word strong when
# the importer marked it weak ("News of the deal"). A word after a hyphen in lower case
# ("Go-ahead") is no name that capitalizes it ("Go-Ahead"). In a record of 600 bytes or more
# without a word of business news, a smaller company's one-word name needs support, and a
# surname there is the person also where a company's name is curated ("Tony Roche"). An
# exchange after "on (the)" or before a market's move ("The ASX fell") is no company.
# Names and table written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
# "~Quellwerk": the short form the importer derives; "~Stallard Inc": the marker the importer
# puts on a name that is one common word (the same key as the name: not a short form).
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XETR:QWK|QWK|XETR||1|DE|||35|Deutsche Quellwerk AG|~Quellwerk
XLON:BRF|BRF|XLON||1|GB|||35|Brandolf Group plc|
cik:9990001|STLD|XNYS||1|US|||35|Stallard Inc|~Stallard Inc
XLON:SIX|SIX|XLON||1|GB|||35|The 600 Group PLC|
XLON:VNH|VNH|XLON||1|GB|||35|Vietnam Holding Ltd|
XASX:LTN|LTN|XASX||1|AU|||35|Latin Minerals Limited|~Latin
XETR:KRN|KRN|XETR||1|DE|||60|Kranich AG|
XNYS:DMNO|DMNO|XNYS||1|US|||60|Dominella's Pizza Inc|+Dominella's
XNYS:FRDM|FRDM|XNYS||1|US|||40|Friedmark Industries Inc|~Friedmark
XSHG:600999|600999|XSHG||1|CN|||60|SATC Motor Corporation Limited|=SATC
XBOM:ARVX|ARVX|XBOM||1|IN|||35|Arvex Limited|
XNAS:PEAR|PEAR|XNAS||1|US|||90|Pear Inc.|~Pear
XNYS:PLUM|PLUM|XNYS||1|US|||40|Plum Corp|~Plum
XETR:RWX|RWX|XETR||1|DE|||35|RWX AG|
XMAD:CRV|CRV|XMAD||1|ES|||62|Banco Carvona S.A.|^Carvona
XLON:WXG|WXG|XLON||1|GB|||35|Wexley Group plc|^Wexley
XLON:SBG|SBG|XLON||1|GB|||60|The Stay-Bright Group plc|
XTKS:8799|8799|XTKS||1|JP|||60|Kai-ichi Mutual|
XTKS:5999|5999|XTKS||1|JP|||35|Varonel Corporation|
XSES:S68|S68|XSES||1|SG|||60|Singapore Exchange Limited|
XASX:ASX|ASX|XASX||1|AU|||60|ASX Limited|=ASX
XTKS:4999|4999|XTKS||1|JP|||35|Kasumo Chemical|~Kasumo
XSWX:RCHX|RCHX|XSWX||1|CH|||60|Rochart Holding AG|+Rochart
TSV
# Rows with several aliases ('|' inside a column), written with printf.
printf 'XNYS:TDG\tTDG\tXNYS\t\t1\tUS\t\t\t69\tTidings Corporation\t~Tidings Corporation|+Tidings Corp\n' >> "$T/lst.tsv"
printf "XNYS:MDW\tMDW\tXNYS\t\t1\tUS\t\t\t69\tMoodwell's Corporation\t~Moodwell|+Moodwell's Corp\n" >> "$T/lst.tsv"

CASE_DATE=2013-11-15
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'The plan was approved, Quellwerk said on Monday.'
add 'Quellwerk said on Monday it would cut jobs.'
add 'Germany'"'"'s Quellwerk cut jobs.'
add 'Quellwerk cut jobs. Unions at Quellwerk protested.'
add 'Quellwerk cut jobs.'
add 'Brandolf won a contract. Shares in Brandolf rose.'
add 'The contract went to Brandolf, officials said.'
add 'On Monday, the analyst Tom Brandolf said so.'
add 'In the deal, Stallard said it would buy.'
add 'Stallard rose. Later Stallard fell.'
add 'It bought copper miner Quellwerk in 2011.'
add 'He bought 600 shares and then 600 more.'
add 'Trade with Vietnam grew, and Vietnam exports rose.'
add 'Deutsche Quellwerk AG cut jobs. Quellwerk said so.'
add 'Quellwerk cut jobs. Quellwerk shares fell.'
add 'The painting sold at Christie'"'"'s. Quellwerk said it bid.'
add 'Sales in Latin America rose, and Latin America grew.'
add 'Shares in Latin rose, and its unit Latin Mexico said it would drill.'
add 'Kranich, who joined the bank in 2007, left. Shares of Kranich rose.'
add 'In Berlin, Kranich said he would resign.'
add 'Kranich, whose shares rose, said it would hire.'
add 'An analyst at Kranich, who asked not to be named, said so.'
add 'Decor magazine Dominella revived as a quarterly.'
add 'Sales at Dominella'"'"'s rose.'
add 'Newer entrants such as Dominella Inc'"'"'s chain grew.'
add 'Getty was bought from Hellman & Friedmark LLC, another firm.'
add 'Getty was bought from Friedmark Industries Inc, another firm.'
add 'The deal was backed by Kranich Capital Partners LLC, a private equity firm.'
add 'The deal was signed with Kranich Motors Co, the carmaker.'
add 'Sales rose, said the State Administration for Trade and Commerce (SATC).'
add 'Carmaker SATC said sales rose.'
add 'COMMENTARY: ARVEX CHARI, FUND MANAGER, MUMBAI: rates will rise.'
add 'COMMENTARY: JOHN LEE, ECONOMIST, KRANICH GLOBAL MARKETS, TOKYO: rates will rise.'
add 'Arvex Global said sales rose.'
add 'The contract went to rival Quellwerk in March.'
add 'It lost ground to European rivals such as Quellwerk.'
add 'It lost ground to rival Quellwerk'"'"'s chain in March.'
add 'The rival, Quellwerk, won.'
add 'Its partners are Brandolf, Kranich and Quellwerk.'
add 'The bidders, Quellwerk and Stallard Inc, declined to comment.'
add 'Quellwerk, Kranich and others declined to comment.'
add 'The plan of Quellwerk was news to Kranich.'
add 'Big companies such as Kranich, Pear and Stallard Inc run buses.'
add 'Big companies such as Kranich, Plum and Stallard Inc run buses.'
add 'Pear, Kranich and others run buses.'
add 'Shares in Pear rose.'
add 'Markets rose. Tomas Kranich, chief executive of Acme, spoke. Shares of Kranich rose.'
add 'Markets rose. Tomas Kranich spoke. Shares of Kranich rose.'
add 'Markets rose. Tomas Kranich, chief executive of Acme, spoke. Shares of Kranich AG rose.'
add 'Power prices fell, and German miner RWX cut jobs.'
add 'Power prices fell, and Germany'"'"'s RWX cut jobs.'
add 'Power prices fell, and Swiss miner RWX cut jobs.'
add 'Power prices fell, and RWX cut jobs.'
add 'It bought German copper miner Quellwerk in 2011.'
add 'It bought Swiss copper miner Quellwerk in 2011.'
add 'Power prices fell, and German utility RWX cut jobs.'
add 'Power prices fell. RWX, Germany'"'"'s No.2 utility, cut jobs.'
add 'Power prices fell. RWX , Germany'"'"'s biggest utility, cut jobs.'
add 'Power prices fell. RWX, Switzerland'"'"'s biggest utility, cut jobs.'
add 'Power prices fell. RWX, Germany'"'"'s Quellwerk and others cut jobs.'
add 'Power prices fell. Yet Deutsche Quellwerk AG cut jobs.'
add 'Power prices fell. Mannheim Deutsche Quellwerk AG cut jobs.'
add 'BERLIN (Reuters) - When Deutsche Quellwerk AG cut jobs, power prices fell.'
add 'Power prices fell. Swiss Deutsche Quellwerk AG cut jobs.'
add 'Power prices fell, and the larger Kranich C-17 jet flew.'
add 'Power prices fell, and the larger Kranich CX jet flew.'
add 'Power prices fell, and Deutsche Quellwerk F-16 jets flew.'
add 'Banks rallied, and Spain'"'"'s Carvona led gains.'
add 'She grew up in an east Carvona village. The Carvona singer won.'
add 'The plan was approved, Carvona said on Monday.'
add 'Banco Carvona cut jobs. Carvona said so.'
add 'Banks rallied, and Italy'"'"'s Carvona led gains.'
add 'Shares rose, led by banks Carvona and others.'
add 'Shares rose, and Spanish lender Carvona led gains.'
add 'Its partners are Brandolf, Kranich and Carvona.'
add 'Fans in Wexley cheered, and Wexley won again.'
add 'It lost ground to rival Carvona'"'"'s chain.'
add 'He moved to Stallard, New Jersey, in 2010.'
add 'Sales of the bank'"'"'s Carvona cards rose.'
add 'Tidings of the deal came on Monday.'
add 'Tidings Corp said it would cut jobs.'
add 'Ratings fell after Moodwell'"'"'s cut them.'
add 'Stay-bright for the new pipeline, officials said.'
add 'Stay-Bright said profits rose.'
add 'An economist at the Kai-ichi Mutual research arm said so.'
# A match report of more than 600 bytes without a word of business news.
match='The visitors started brightly and went ahead after ten minutes when the striker curled a shot into the top corner from the edge of the area. The home side levelled before the break with a header from a corner, and the second half was a scrappy affair in the rain. The winger hit the post twice and the goalkeeper made three fine saves to keep the score level until the final minutes. Then the substitute broke clear on the left, rounded the keeper and rolled the ball into the empty net to settle a tense game. The manager praised the spirit of his young side and said they would need the same effort in the replay next week.'
add "$match Varonel lost for the first time this season."
add "$match Kranich lost for the first time this season."
add "$match Shares of Varonel rose."
add "$match Varonel Corp lost for the first time this season."
add 'Varonel lost for the first time this season.'
add 'Its shares rose 3 percent on the Singapore Exchange on Monday.'
add 'Singapore Exchange said it would change its rules.'
add 'Its shares fell 2 percent on the ASX on Monday.'
add 'Shares were mixed. The ASX fell 1 percent on Monday.'
add 'Shares were mixed, and ASX said it would review the rules.'
add 'Shares were mixed, and trade house Kasumo Corp said it would sell.'
add 'Shares were mixed, and Kasumo Chemical Co said it would sell.'
add "$match Quellwerk scored first. The fans of Quellwerk sang all game."
add 'SATC said it would appeal. The fine was set by the State Administration for Trade and Commerce (SATC).'
add 'SATC Motor Corporation (SATC) said sales rose. SATC said it would build a plant.'
add "$match Tennis coach Tony Rochart turned down the offer. Rochart said he wanted to rest."
add 'Rochart said its profit rose 5 percent, and analyst Tony Rochart said more.'
add 'The deal was signed with the Iraqi Telecommunications and Kranich AG (ITKA), the state firm.'
add 'Bath player Rochart, 23, missed six kicks, and Rochart said the wind was strong.'
add 'The group said its southern adjusted trading cash (SATC) rose. SATC per unit was 56 cents.'
add 'Sales rose, said the State adjusted trading council (SATC).'
add 'Its legacy lenders were the Kranich of Japan and Fuji Bank, profits rose.'
add 'Its lender was Kranich of Germany, which said profits rose.'
add 'Its legacy lenders were the Rochart of Japan and Fuji Bank, profits rose.'
add 'Spectra sold the pipeline to Phillips 66 Kranich LP, it said.'
add 'On October 16 Kranich cut its holding, and Unit 10 Kranich said so.'
link_cases "$T/lst.tsv"
is "$(got 1)" "QWK@XETR" "a short form with a cue word after it in mid-sentence links"
is "$(got 2)" "" "not as a sentence's first word: any word is capitalized there"
is "$(got 3)" "QWK@XETR" "a country's possessive before it supports it"
is "$(got 4)" "QWK@XETR" "written twice, it supports itself"
is "$(got 5)" "" "once, without a cue, it does not link"
is "$(got 6)" "BRF@XLON" "the form without Group, written twice, links"
is "$(got 7)" "" "a cue word not right after it does not count"
is "$(got 8)" "" "a first name before it still makes it a person's name (Tom Brandolf said)"
is "$(got 9)" "" "a name that is one common word (marked by the importer) is no short form: a cue does not support it"
is "$(got 10)" "" "nor does repeating it"
is "$(got 11)" "" "a trade word before a short form does not support it"
is "$(got 12)" "" "digits are no short form"
is "$(got 13)" "" "a country is no short form"
is "$(got 14)" "QWK@XETR" "with the full name, as before"
is "$(got 15)" "" "twice, but each time a sentence's first word: no support"
is "$(got 16)" "" "a full stop after a possessive ends the sentence too (Christie's.)"
is "$(got 17)" "" "a region is no company's unit in a country (Latin America, twice)"
is "$(got 18)" "LTN@XASX" "a unit in a country still is (Latin Mexico)"
is "$(got 19)" "" "a name followed by ', who' is a person's, here and alone elsewhere in the article"
is "$(got 20)" "" "so is one followed by 'said he'"
is "$(got 21)" "KRN@XETR" "', whose' follows a company"
is "$(got 22)" "KRN@XETR" "and ', who' after 'at NAME' is the analyst's"
is "$(got 23)" "" "a name with its own 's is not the bare word"
is "$(got 24)" "DMNO@XNYS" "it is with the 's"
is "$(got 25)" "DMNO@XNYS" "or with a legal form that carries it"
is "$(got 26)" "" "a name joined by & to a capitalized word ends another firm's name"
is "$(got 27)" "FRDM@XNYS" "without it, the company"
is "$(got 28)" "" "a name, an investment firm's words and a legal form are another firm"
is "$(got 29)" "KRN@XETR" "a name, a trade and a legal form are the company"
is "$(got 30)" "" "capitals in parentheses that spell the words before them are that body's acronym"
is "$(got 31)" "600999@XSHG" "elsewhere they are the company"
is "$(got 32)" "" "in a line of capitals, a capitalized word after a name makes it another name"
is "$(got 33)" "KRN@XETR" "not after a large company's (its unit)"
is "$(got 34)" "" "as in mixed case"
is "$(got 35)" "QWK@XETR" "a competitor's word right before a short form supports it"
is "$(got 36)" "QWK@XETR" "or up to three lower-case words before it"
is "$(got 37)" "" "not a name with its own 's (rival Christie's is the auction house)"
is "$(got 38)" "" "nor across punctuation"
is "$(got 39)" "BRF@XLON KRN@XETR QWK@XETR" "a short form listed with a name that links alone is one more company of the list, either side of it"
is "$(got 40)" "QWK@XETR STLD@XNYS" "a name with its legal form supports the list too"
is "$(got 41)" "KRN@XETR" "not a list's first item that opens a sentence"
is "$(got 42)" "KRN@XETR" "nor a short form that is no item of the name's list"
is "$(got 43)" "KRN@XETR PEAR@XNAS STLD@XNYS" "a list supports a large company's common-word name too"
is "$(got 44)" "KRN@XETR STLD@XNYS" "not a small company's"
is "$(got 45)" "KRN@XETR" "nor one that opens a sentence"
is "$(got 46)" "" "alone, a common-word name still needs support"
is "$(got 47)" "" "a name after a sentence's first capitalized word and before ', chief' is a person's, alone elsewhere too"
is "$(got 48)" "KRN@XETR" "without the title, a sentence's first word before it makes no person's name for the rest"
is "$(got 49)" "KRN@XETR" "the name with its legal form is the company"
is "$(got 50)" "RWX@XETR" "the company's country before a weak name in capitals supports it (German miner RWX)"
is "$(got 51)" "RWX@XETR" "so does its country's possessive"
is "$(got 52)" "" "another country does not"
is "$(got 53)" "" "alone, the name in capitals still needs support"
is "$(got 54)" "QWK@XETR" "the company's country before a trade word supports a short form"
is "$(got 55)" "" "another country's does not"
is "$(got 56)" "RWX@XETR" "a trade the wire writes before names: utility"
is "$(got 57)" "RWX@XETR" "so does an appositive of the country and a trade after it (RWX, Germany's No.2 utility)"
is "$(got 58)" "RWX@XETR" "also where a cut code left a space before the comma"
is "$(got 59)" "" "not another country's"
is "$(got 60)" "QWK@XETR" "nor a list's next item with its country"
is "$(got 61)" "QWK@XETR" "a sentence's first word that may stand before a name is no part of it (Yet)"
is "$(got 62)" "" "another capitalized word before a name still makes a longer name"
is "$(got 63)" "QWK@XETR" "so is such a word after a dateline"
is "$(got 64)" "" "not a nationality (Swiss National Bank)"
is "$(got 65)" "KRN@XETR" "a model number after a name is no word of it (Boeing C-17)"
is "$(got 66)" "" "capitals without digits are"
is "$(got 67)" "QWK@XETR" "nor after a name of several words (Lockheed Martin F-16)"
is "$(got 68)" "CRV@XMAD" "the company's country supports a place form (Spain's Santander)"
is "$(got 69)" "" "its own repetition does not (east Devon village, the Devon singer)"
is "$(got 70)" "" "nor a cue after it: a place's name is a person's too (Tyler said)"
is "$(got 71)" "CRV@XMAD" "the full name elsewhere does"
is "$(got 72)" "" "another country does not"
is "$(got 73)" "CRV@XMAD" "a trade before it does (banks Santander and BBVA)"
is "$(got 74)" "CRV@XMAD" "and its nationality before a trade (Spanish lender)"
is "$(got 75)" "BRF@XLON CRV@XMAD KRN@XETR" "and a list with a name that links alone"
is "$(got 76)" "" "a place form that is also the name without Group (^Wexley of Wexley Group plc): repetition does not support it, as it does Brandolf's"
is "$(got 77)" "" "nor a trade before a name with its own 's (rival Christie's is the auction house)"
is "$(got 78)" "" "'New' before a capitalized word is no legal form (Neptune, New Jersey)"
is "$(got 79)" "" "a trade's possessive before a place form is its product's (Dacia brand's Logan)"
is "$(got 80)" "" "a curated strong name written with its legal form (+Tidings Corp) leaves the word weak when the importer marked it so (News of the deal)"
is "$(got 81)" "TDG@XNYS" "the legal form in the text supports it"
is "$(got 82)" "MDW@XNYS" "a name written with its own 's stays strong (Moody's)"
is "$(got 83)" "" "a word after a hyphen in lower case is no name that capitalizes it (Go-ahead, Twenty-one)"
is "$(got 84)" "SBG@XLON" "as the name writes it, it is"
is "$(got 85)" "8799@XTKS" "and lower case where the name has it (Dai-ichi)"
is "$(got 86)" "" "outside business news a smaller company's one word needs support (Achilles tendon, at Anfield)"
is "$(got 87)" "KRN@XETR" "not a large company's"
is "$(got 88)" "5999@XTKS" "a word of business news anywhere in the record makes it business news"
is "$(got 89)" "5999@XTKS" "the legal form supports the name"
is "$(got 90)" "5999@XTKS" "a short record (a headline) is too little text to tell"
is "$(got 91)" "" "an exchange after 'on the' is where shares trade, not its operator"
is "$(got 92)" "S68@XSES" "elsewhere it is the company"
is "$(got 93)" "" "so is an exchange's short name after 'on the' (ASX)"
is "$(got 94)" "" "and before a market's move: the index"
is "$(got 95)" "ASX@XASX" "not before 'said'"
is "$(got 96)" "" "a short form cut from a longer name, with a legal form after it, is another company (Sumitomo Corp)"
is "$(got 97)" "4999@XTKS" "the whole name with its legal form is the company"
is "$(got 98)" "" "outside business news a short form written twice is a player's or a team's name, not the company"
is "$(got 99)" "" "an acronym the record spells out as another body's is that body's wherever it stands"
is "$(got 100)" "600999@XSHG" "not where the spelled-out name is the company's"
is "$(got 101)" "" "outside business news a person's surname is that person, a curated company's name too"
is "$(got 102)" "RCHX@XSWX" "in business news the curated name stays the company's"
is "$(got 103)" "" "a name whose acronym after it spells words before it too ends a longer body's name"
is "$(got 104)" "" "a name with an age between commas is a person's, wherever it stands, a curated name's too"
is "$(got 105)" "" "an acronym spelled out in lower-case words is a term's (economic net income, ENI)"
is "$(got 106)" "600999@XSHG" "not when the words mix capitalized and lower-case ones"
is "$(got 107)" "" "a name followed by 'of' and a country where the company is not listed is a longer body's (the Industrial Bank of Japan)"
is "$(got 108)" "KRN@XETR" "its own country is the company's (Ericsson of Sweden)"
is "$(got 109)" "" "a curated name's too (Industrial Bank of Japan)"
is "$(got 110)" "" "a number after a capitalized word is a word of a longer name (Phillips 66 Partners LP)"
is "$(got 111)" "KRN@XETR" "not a day after its month, nor a number up to 31"
done_testing
