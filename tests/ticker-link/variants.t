#!/bin/sh
# newspipe-ticker-link import: the short news forms of listed names (a leading national or
# form word and trailing industry words dropped, kept when no other issuer shares the form;
# one word alone needs support), and the noise words that close FinanceDatabase names
# ("Aktiengesellschaft", "Sponsored ADR"). A large company's one word that is a name but no
# place is a weak form; one that is a place's name a place form ("^"). Names written for
# this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
# "ID SYMBOL..." for each linked record of standard input, with the table $1.
symbols() {
    "$TL" --listings "$1" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["id"], " ".join(sorted(t["symbol"] for t in r.get("tickers", []))))'
}

intl_rows "$T/intl.tsv" <<'ROWS'
Deutsche Flugwerke AG|Germany|GER|XETR|DE
Brightwater Quantum Minerals Ltd.|Canada|TOR|XTSE|TO
Pacifica Mining Limited|Australia|ASX|XASX|AX
Pacifica Energy Limited|Australia|ASX|XASX|AX
Kiwi Land Energy Limited|Australia|ASX|XASX|AX
Avadh Sugar & Energy Limited|India|NSI|XNSE|NS
Common Gold Corp.|Canada|TOR|XTSE|TO
Kranwerk Aktiengesellschaft|Germany|GER|XETR|DE
Nordbank Financial Group, Inc. Sponsored ADR|Japan|JPX|XTKS|T
Koninklijke Zuidmolen N.V.|Netherlands|AMS|XAMS|AS
Assicurazioni Verandola S.p.A.|Italy|MIL|XMIL|MI
Grupo Tervanza, S.A.B. de C.V.|Mexico|MEX|XMEX|MX
Orsted Fisk Motor Co., Ltd.|Japan|JPX|XTKS|T
Nordbank Financial Group Inc.|Japan|HKG|XHKG|HK
Grossbahn Industries Ltd.|Japan|JPX|XTKS|T
Felsgrat Industries Ltd.|Japan|JPX|XTKS|T
Tomoeda Industries AG|Germany|GER|XETR|DE
Tomoeda Industries AG|Germany|MIL|XMIL|MI
Tomoeda Industries AG|Germany|VIE|XWBO|VI
Harlund Tractors Ltd. Sponsored GDR RegS|India|NSI|XNSE|NS
Harlund Tractors Limited|India|BSE|XBOM|BO
Wexley and New Quellport Banking Group Limited|Australia|ASX|XASX|AX
Societe de Vernalac S.A.|France|PAR|XPAR|PA
ROWS
printf 'common\nkiwi land\nbrandtmann\nquinley\nostwick\ntally\n' > "$T/weak.txt"
printf 'Harrowgate\nWexley\nNew Quellport\n' > "$T/places.txt"
# A large company (prior 70, as market cap or the S&P 500 give a US line).
# A source's acronym alias of a large company ("IBM", the S&P 500's short name) too.
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:70\tGRBN\tXNYS\t70\tGrossbahn Motor Corp\t\ncik:71\tQRX\tXNYS\t70\tQRX plc\t\ncik:72\tNOVX\tXNYS\t70\tNOV Inc.\t\ncik:73\tZTV\tXNYS\t35\tZTV Ltd\t\ncik:74\tKXMB\tXNYS\t70\tKexmar Business Machines Corp\tKXM\ncik:75\tLTXH\tXNYS\t35\tLotrax Holdings Corp\tLTX\ncik:76\tFGRT\tXNYS\t70\tFelsgrat Motor Corp\t\ncik:77\tFGRX\tXNYS\t65\tFelsgrat Energy Corp\t\ncik:78\tQRW\tXNYS\t70\tQRW plc\tQrw\n' > "$T/big.tsv"
# Openings of two words or more ("JP Morgan" of JP Morgan Chase & Co.).
# A large company's one word that is a name (weak words) is a weak form, a place's a place
# form; not one another issuer's name has, nor a smaller company's.
printf 'cik:90\tBRDT\tXNYS\t70\tBrandtmann Motor Corp\t\ncik:91\tHRWG\tXNYS\t70\tHarrowgate Energy Corp\t\ncik:92\tQNLY\tXNYS\t70\tQuinley Motor Corp\t\ncik:93\tQNLX\tXNYS\t35\tQuinley Ltd\t\ncik:94\tOSTW\tXNYS\t35\tOstwick Motor Corp\t\ncik:95\tWXG\tXNYS\t35\tWexley Group plc\t\ncik:97\tTLY\tXNYS\t70\tTally Holdings Inc\t\n' >> "$T/big.tsv"
# A large company's first word of a name of two; not when another issuer's name opens on it,
# nor a smaller company's.
# A source's alias gives one too, as the registered name writes it or capitalized; not a
# people's name ("Schwab" of SCHWAB CHARLES CORP).
printf 'cik:140\tZLVP\tXNYS\t70\tZelvanto Pirelli Corp\t\ncik:141\tMRVH\tXNYS\t70\tMorvik Haldane Corp\t\ncik:142\tMRVK\tXNYS\t35\tMorvik Shipping Ltd\t\ncik:143\tQSDN\tXNYS\t35\tQuessel Dorn Inc\t\n' >> "$T/big.tsv"
# A measured size (a market cap's prior, 63) takes a form from an inferred one (exactly 60:
# quoted on two markets abroad, or a receipts' ISIN).
printf 'cik:147\tTMDM\tXNYS\t63\tTomoeda Motor Corp\t\n' >> "$T/big.tsv"
# Not from one whose size is measured and happens to be 60 (a market cap's prior).
printf 'cik:148\tHRLM\tXNYS\t63\tHarlowe Motor Corp\t\ncik:149\tHRLE\tXNYS\t60\tHarlowe Energy Corp\t\n' >> "$T/big.tsv"
printf 'cik:144\tBRNX\tXNYS\t70\tBrennixpal Inc\tBRENNIX PALMER CORP\ncik:145\tTRRW\tXNYS\t70\tTarrow Dunmore Corp\t\ncik:146\tQVMX\tXNYS\t70\tQVMX Vantor Investment Corp\tQVMX VANTOR CORP\n' >> "$T/big.tsv"
printf 'Tarrow\n' > "$T/people.txt"
printf 'cik:80\tHLVM\tXNYS\t35\tHalvorsen Midstream Partners L.P.\t\ncik:81\tTRNT\tXNYS\t35\tTornet 9 Systems Inc\t\ncik:82\tCWSC\tXNYS\t35\tCommon Widget Split Corp.\t\ncik:83\tVKA\tXNYS\t35\tVarnholt Kapital Alpha Ltd\t\ncik:84\tVKB\tXNYS\t35\tVarnholt Kapital Beta Ltd\t\ncik:85\tZNGP\tXNYS\t35\tZorvath New Grand Packing Co\t\ncik:86\tSBKD\tXNYS\t35\tSkarne Brook Decker Inc\t\ncik:87\tSBKX\tXNYS\t35\tSkarne Brook Holdings Inc\t\n' >> "$T/big.tsv"
"$TL" import --intl "$T/intl.tsv" --tsv "$T/big.tsv" --weak-words "$T/weak.txt" --place-words "$T/places.txt" \
    --people-words "$T/people.txt" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
al() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al 'Deutsche Flugwerke AG')" "~Flugwerke" "a leading national word goes; one word is weak"
is "$(al 'Koninklijke Zuidmolen N.V.')" "~Zuidmolen" "and the Dutch 'Royal'"
is "$(al 'Societe de Vernalac S.A.')" "~Vernalac" "the connector after a leading form word goes too (not \"de Vernalac\")"
is "$(al 'Assicurazioni Verandola S.p.A.')|$(al 'Grupo Tervanza, S.A.B. de C.V.')" "~Verandola|~Tervanza" \
   "an Italian sector word and 'Group' written first"
is "$(al 'Brightwater Quantum Minerals Ltd.')" "Brightwater Quantum" "a trailing industry word goes"
is "$(al 'Orsted Fisk Motor Co., Ltd.')" "Orsted Fisk" "after the legal form"
is "$(al 'Grossbahn Motor Corp')" "Grossbahn" "one word of a large company is not marked weak, and Grossbahn Industries (no size) does not share it"
is "$(al 'QRX plc')" "=QRX" "a large company's short acronym name links in capitals as written"
is "$(al 'NOV Inc.')|$(al 'ZTV Ltd')" "|" "not a month's abbreviation, nor a smaller company's"
is "$(al 'QRW plc')" "Qrw" "nor a company that is also written as a word (\"Eni\" of ENI S.p.A.): \"=QRW\" would keep \"Qrw\" from linking"
is "$(al 'Kexmar Business Machines Corp')" "KXM|=KXM|Kexmar Business" "a large company's acronym alias from a source links in capitals too (and its opening words, below)"
is "$(al 'Lotrax Holdings Corp')" "LTX" "not a smaller company's"
is "$(al 'Pacifica Mining Limited')|$(al 'Pacifica Energy Limited')" "|" \
   "a form two issuers share is nobody's"
is "$(al 'Grossbahn Industries Ltd.')" "" "a form a large company shares with one of no known size is the large one's (above), not the other's"
is "$(al 'Felsgrat Motor Corp')|$(al 'Felsgrat Energy Corp')|$(al 'Felsgrat Industries Ltd.')" "||" \
   "not one it shares with another large company"
is "$(al 'Kiwi Land Energy Limited')" "" "nor a place of several words"
is "$(al 'Wexley and New Quellport Banking Group Limited')" "" "nor places joined by a connector, a place of two words among them"
is "$(al 'Common Gold Corp.')" "" "nor a common word"
is "$(al 'Avadh Sugar & Energy Limited')" "" "a form never ends on a connector"
is "$(al 'Zelvanto Pirelli Corp')" "Zelvanto" "a large company's first word of a name of two words is a form"
is "$(al 'Morvik Haldane Corp')|$(al 'Quessel Dorn Inc')" "|" "not when another issuer's name opens on it, nor a smaller company's"
is "$(al 'Brennixpal Inc')|$(al 'QVMX Vantor Investment Corp')" "BRENNIX PALMER CORP|Brennix|QVMX VANTOR CORP|QVMX Vantor|QVMX" \
   "a source's alias in capitals gives it capitalized, or as the registered name writes it"
is "$(al 'Tarrow Dunmore Corp')" "" "not a people's name (--people-words)"
is "$(al 'Tomoeda Motor Corp')|$(al 'Tomoeda Industries AG')" "Tomoeda|" \
   "a large company whose size is measured takes a form from one whose size is inferred"
is "$(al 'Harlowe Motor Corp')|$(al 'Harlowe Energy Corp')" "|" \
   "not from one whose measured size is exactly that of an inferred one"
is "$(al 'Halvorsen Midstream Partners L.P.')" "Halvorsen Midstream" "the opening two words of a longer name are a form"
is "$(al 'Tornet 9 Systems Inc')" "" "not with a digit"
is "$(al 'Common Widget Split Corp.')" "" "not opening on a common word"
is "$(al 'Varnholt Kapital Alpha Ltd')|$(al 'Varnholt Kapital Beta Ltd')" "|" "not when another issuer's name opens the same way"
is "$(al 'Zorvath New Grand Packing Co')" "Zorvath New Grand" "not ending on a legal word ('Zorvath New' would link 'Zorvath')"
is "$(al 'Skarne Brook Decker Inc')" "" "nor one that is another issuer's name after 'Holdings' goes"
is "$(al 'Brandtmann Motor Corp')" "~Brandtmann" "a large company's one word that is a name is a weak form"
is "$(al 'Harrowgate Energy Corp')" "^Harrowgate" "a place's name is a place form (^: not supported by its own repetition)"
is "$(al 'Wexley Group plc')" "^Wexley" "so is a place's name that is the name without Group, of any company"
is "$(al 'Tally Holdings Inc')" "^Tally" "and a common word or a person's name without Holdings, of a large company too"
is "$(al 'Quinley Motor Corp')" "" "not one another issuer's name has"
is "$(al 'Ostwick Motor Corp')" "" "not a smaller company's"
"$TL" import --tsv "$T/big.tsv" --place-words "$T/nosuch.txt" -o "$T/l2.tsv" 2> "$T/e2"
is "$?" 66 "a place-words file that cannot be read: exit 66"
like "$(cat "$T/e2")" "nosuch.txt" "naming the file"
ok "$(test ! -e "$T/l2.tsv"; echo $?)" "and no table written"
# --name-words: a company's whole one-word name among them is weak ("Nile Limited"); a
# longer name's words are not, and its forms stay ("Stora Enso" of two place names).
printf 'Halvorsen\nMidstream\nNilgate\n' > "$T/names.txt"
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:96\tNLGT\tXNYS\t35\tNilgate Limited\t\ncik:98\tNOSV\tXNYS\t35\tNo.7 Co., Ltd.\t\n' > "$T/nl.tsv"
"$TL" import --tsv "$T/big.tsv" --tsv "$T/nl.tsv" --name-words "$T/names.txt" -o "$T/l3.tsv" 2> "$T/e3"
ok $? "import with --name-words"
al3() { grep -v '^#' "$T/l3.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al3 'Nilgate Limited')" "~Nilgate Limited" "a one-word name among the name words is weak"
is "$(al3 'Halvorsen Midstream Partners L.P.')" "Halvorsen Midstream" "a longer name of such words keeps its opening form"
is "$(al3 'No.7 Co., Ltd.')" "~No.7 Co., Ltd." "a rank's name is weak too (the No.1 U.S. retailer)"
# A legal form written after a name makes it a company's, also "& Co" and letters with full
# stops ("L.P."): the weak whole name links, and a longer name is not cut off by the letters.
printf '%s\n' '{"id":1,"body":"Nilgate said on Monday profit rose."}' \
  '{"id":2,"body":"Nilgate & Co said on Monday profit rose."}' \
  '{"id":3,"body":"Nilgate L.P. said on Monday profit rose."}' \
  '{"id":4,"body":"Nilgate & Partners said on Monday profit rose."}' \
  '{"id":7,"body":"Grossbahn & Tolliver, the law firm, said on Monday it had won."}' \
  '{"id":5,"body":"Halvorsen Midstream Partners L.P. said on Monday profit rose."}' \
  '{"id":6,"body":"Halvorsen Midstream Partners Fund said on Monday profit rose."}' |
  symbols "$T/l3.tsv" > "$T/o3"
got3() { awk -v i="$1" '$1 == i { $1 = ""; sub(/^ /, ""); print }' "$T/o3"; }
is "$(got3 1)|$(got3 4)" "|" "a weak one-word name alone, or before '& Partners', does not link"
is "$(got3 2)" "NLGT" "before '& Co' it does"
is "$(got3 3)" "NLGT" "before 'L.P.' too"
is "$(got3 5)|$(got3 6)" "HLVM|" "a longer name before 'L.P.' links, before another capitalized word not"
is "$(got3 7)" "" "a one-word name joined by '&' to a capitalized word is another firm's name, a large company's too"
"$TL" import --tsv "$T/big.tsv" --name-words "$T/nosuch.txt" -o "$T/l4.tsv" 2> "$T/e4"
is "$?" 66 "a name-words file that cannot be read: exit 66"
iss() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v m="$1" '$3 == m && $10 ~ /^Nordbank/ { print $1 }'; }
is "$(iss XTKS)" "$(iss XHKG)" "'Sponsored ADR' closes a name as a legal form does: one issuer"
issh() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v m="$1" '$3 == m && $10 ~ /^Harlund/ { print $1 }'; }
is "$(issh XNSE)" "$(issh XBOM)" "and so does 'Sponsored GDR RegS' (Regulation S receipts)"

: > "$T/in.ndjson"
n=0
add() { n=$((n + 1)); printf '{"id":%d,"body":"%s","published":"2024-03-05"}\n' "$n" "$1" >> "$T/in.ndjson"; }
add 'Brightwater Quantum said on Monday output rose.'
add 'Flugwerke said on Monday it would cut jobs.'
add 'Deutsche Flugwerke AG reported results. Flugwerke said it would cut jobs.'
add 'Kranwerk said on Monday orders rose.'
add 'Nordbank Financial Group said profit rose.'
add 'Pacifica said on Monday output rose.'
add 'Sugar and Avadh Sugar said nothing.'
add 'Grossbahn said on Monday sales rose.'
add 'QRX said on Monday profit rose.'
add 'The qrx unit and ZTV said nothing.'
add 'Shares of Halvorsen Midstream rose.'
add 'Zorvath said nothing.'
add 'Grossbahn, Brandtmann and QRX cut output.'
add 'Brandtmann said on Monday sales rose.'
symbols "$T/l.tsv" < "$T/in.ndjson" > "$T/o"
got() { awk -v i="$1" '$1 == i { $1 = ""; sub(/^ /, ""); print }' "$T/o"; }
is "$(got 1)" "S2" "a multi-word short form links on its own"
is "$(got 2)" "" "a one-word short form alone does not"
is "$(got 3)" "S1" "it does beside the full name"
is "$(got 4)" "S8" "'Aktiengesellschaft' is a legal form: the one-word name is the company's"
like "$(got 5)" "S9" "the company's full name links"
is "$(got 6)" "" "a shared form links neither issuer"
is "$(got 7)" "" "nor the cut-off form"
is "$(got 8)" "GRBN" "a large company's one-word form links alone"
is "$(got 9)" "QRX" "its acronym links alone"
is "$(got 10)" "" "not in lower case; a smaller company's acronym needs support"
is "$(got 11)" "HLVM" "an opening form links on its own"
is "$(got 12)" "" "no one-word form comes of an opening"
is "$(got 13)" "BRDT GRBN QRX" "a large company's weak name-word form links in a list with names that link alone"
is "$(got 14)" "" "not alone"
# A notes issuer's name ("UBS AG", whose lines are all exchange-traded notes) takes no form
# or acronym from a company's: news names the company, the notes only by their codes.
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ttype\ncik:88\tQRZ\tXNYS\t70\tQRZ Group AG\t\t\ncik:89\tQRZN\tXNYS\t30\tQRZ AG\t\tetn\n' > "$T/notes.tsv"
"$TL" import --tsv "$T/notes.tsv" -o "$T/l9.tsv" 2> "$T/e"
ok $? "import a company and a notes issuer of its name"
is "$(grep -v '^#' "$T/l9.tsv" | awk -F'\t' '$2 == "QRZ" { print $11 }')" "=QRZ" "the company keeps its acronym beside the notes issuer"
# --form-places: a smaller company's one-word form that is a place ("Anfield" of Anfield
# Energy) is a place form: not supported by its repetition nor by a trade before it (a
# stadium, a street, a town), only by the company's own country; a large company's keeps
# the trade ("banks Santander and BBVA").
printf 'Quorndale\nHarvelle\nWendlow\nOstrander\n' > "$T/fp.txt"
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:120\tQRND\tXNYS\t35\tQuorndale Energy Inc\t\ncik:121\tHRVL\tXNYS\t70\tHarvelle Energy Corp\t\ncik:122\tTRSK\tXNYS\t35\tTraskwell Energy Inc\t\ncik:123\tWNDL\tXNYS\t35\tWendlow Ltd\t\ncik:124\tOSTR\tXNYS\t70\tOstrander Inc\t\n' > "$T/fp.tsv"
"$TL" import --tsv "$T/fp.tsv" --form-places "$T/fp.txt" -o "$T/l10.tsv" 2> "$T/e"
ok $? "import with --form-places"
al10() { grep -v '^#' "$T/l10.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al10 'Quorndale Energy Inc')|$(al10 'Traskwell Energy Inc')" "^Quorndale|~Traskwell" \
   "a smaller company's one-word form among the places is a place form; others stay weak"
is "$(al10 'Wendlow Ltd')|$(al10 'Ostrander Inc')" "~Wendlow Ltd|" \
   "a smaller company's whole one-word name among them is weak, a large company's is not"
# The one word a name leaves without "Group" or "Holdings" is a place form when it is among
# them too, whatever the company's size ("Everest" of Everest Group: "climb Everest twice").
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:125\tHRVG\tXNYS\t70\tHarvelle Group Ltd\t\ncik:126\tTRSG\tXNYS\t70\tTraskwell Group Ltd\t\ncik:127\tKSTB\tXNYS\t35\tKestrel Basin Royalty Trust\t\ncik:128\tOSPL\tXNYS\t35\tOstwald Plains Energy Inc\t\ncik:129\tOSPM\tXNYS\t35\tOstwald Marsh Energy Inc\t\ncik:130\tKSTL\tXNYS\t35\tKestrel Basin Ltd\t\ncik:131\tOSPC\tXNYS\t70\tOstwald Plains Corp\t\n' > "$T/fp2.tsv"
printf 'Kestrel Basin\nOstwald Plains\n' >> "$T/fp.txt"
"$TL" import --tsv "$T/fp2.tsv" --form-places "$T/fp.txt" -o "$T/l12.tsv" 2> "$T/e"
al12() { grep -v '^#' "$T/l12.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al12 'Harvelle Group Ltd')|$(al12 'Traskwell Group Ltd')" "^Harvelle|" \
   "a large company's word without Group among the places is a place form; another's is not"
is "$(al12 'Kestrel Basin Royalty Trust')|$(al12 'Ostwald Plains Energy Inc')|$(al12 'Ostwald Marsh Energy Inc')" \
   "Kestrel Basin Royalty||Ostwald Marsh" "no opening or form of several words that is a place's title (\"Permian Basin\")"
is "$(al12 'Kestrel Basin Ltd')|$(al12 'Ostwald Plains Corp')" "~Kestrel Basin Ltd|" \
   "a smaller company's whole name that is a place's title is weak (\"Black Hills\"), a large one's is not"
"$TL" import --tsv "$T/fp.tsv" --form-places "$T/nosuch.txt" -o "$T/l11.tsv" 2> "$T/e"
is "$?" 66 "a form-places file that cannot be read: exit 66"
"$TL" import --tsv "$T/fp.tsv" --people-words "$T/nosuch.txt" -o "$T/l11p.tsv" 2> "$T/e"
is "$?" 66 "a people-words file that cannot be read: exit 66"
like "$(cat "$T/e")" 'nosuch\.txt' "the message names the file"
is "$(ls "$T/l11p.tsv" 2> /dev/null)" "" "and no table is written"
printf '%s\n' '{"id":1,"body":"The crowd at Quorndale cheered. Quorndale was full again, as Quorndale always is when the club plays there on a Saturday."}' \
  '{"id":2,"body":"The energy firm Quorndale said output rose."}' \
  '{"id":3,"body":"Banks Harvelle and Lloyds fell. Oil firm Traskwell rose; Traskwell said more. Traskwell shares rose."}' \
  '{"id":4,"body":"The energy firm Quorndale Energy Inc said output rose; Quorndale said more."}' |
  symbols "$T/l10.tsv" > "$T/o10"
got10() { awk -v i="$1" '$1 == i { $1 = ""; sub(/^ /, ""); print }' "$T/o10"; }
is "$(got10 1)" "" "a smaller company's place form is not supported by its own repetition"
is "$(got10 2)" "" "nor by a trade before it"
is "$(got10 3)" "TRSK" "a weak form still is by a cue after it in mid-sentence"
is "$(got10 4)" "QRND" "the full name links the company"
# A smaller company's short form without its "Group", with other capitalized words and a
# legal form after it, is another company's name ("CVS Caremark Corp" is no CVS Group plc).
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:130\tQRVX\tXLON\t35\tQuorvex Group plc\t\n' > "$T/sf.tsv"
"$TL" import --tsv "$T/sf.tsv" -o "$T/l12.tsv" 2> "$T/e"
ok $? "import a smaller company named with Group"
printf '%s\n' '{"id":1,"body":"Quorvex Caremark Corp said profit rose."}' '{"id":2,"body":"Quorvex Group plc said profit rose."}' |
  symbols "$T/l12.tsv" > "$T/o12"
is "$(cat "$T/o12")" "1 
2 QRVX" "its short form does not reach through other capitalized words to a legal form"
# A listing only the curated file has is weighed as the sources' are: its one-word name that
# is a common word is weak, so "+Tally Co" makes the name with its legal form strong, not
# the word ("the hit show \"Tally\"").
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:140\tQRVY\tXLON\t35\tQuorvey plc\t\n' > "$T/src13.tsv"
printf '# newspipe-listings 1\nissuer\tsymbol\tmic\tric\tprimary\tcountry\tvalid_from\tvalid_to\tprior\tname\taliases\nric:TLY.TO\tTLY\tXTSE\tTLY.TO\t1\tCA\t\t\t60\tTally Co Ltd\t+Tally Co\n' > "$T/cur13.tsv"
"$TL" import --tsv "$T/src13.tsv" --weak-words "$T/weak.txt" --aliases "$T/cur13.tsv" -o "$T/l13.tsv" 2> "$T/e"
ok $? "import a curated listing the sources lack"
printf '%s\n' '{"id":1,"body":"The hit show \"Tally\" drew 12 million viewers."}' '{"id":2,"body":"Tally Co said profit rose."}' |
  symbols "$T/l13.tsv" > "$T/o13"
is "$(cat "$T/o13")" "1 
2 TLY" "its common-word name links with its legal form, not alone"
# A place of several words among the --place-words ("North West", a region) weakens a smaller
# company's whole name as a Wikipedia place title does ("The North West Company Inc.").
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:150\tVNHC\tXTSE\t35\tThe Varnow Heath Company Inc.\t\ncik:151\tVNHX\tXNYS\t70\tKessel Moor Corp\t\n' > "$T/pw.tsv"
printf 'Varnow Heath\nKessel Moor\n' > "$T/pw.txt"
"$TL" import --tsv "$T/pw.tsv" --place-words "$T/pw.txt" -o "$T/l14.tsv" 2> "$T/e"
al14() { grep -v '^#' "$T/l14.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al14 'The Varnow Heath Company Inc.')|$(al14 'Kessel Moor Corp')" "~The Varnow Heath Company Inc.|Kessel" \
   "a smaller company's whole name that is a place of the place words is weak, a large one's is not (its first word a form)"
printf '%s\n' '{"id":1,"body":"House prices in the Varnow Heath rose 2 percent, Halifax said."}' \
  '{"id":2,"body":"The Varnow Heath Company Inc. said sales rose."}' | symbols "$T/l14.tsv" > "$T/o14"
is "$(cat "$T/o14")" "1 
2 VNHC" "the place alone links nothing, the company's full name does"
# A short name the company writes in lower case ("abc Co., Ltd.") is no acronym in capitals.
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:152\tQZX\tXTKS\t35\tqzx Co., Ltd.\t\n' > "$T/lc.tsv"
"$TL" import --tsv "$T/lc.tsv" -o "$T/l15.tsv" 2> "$T/e"
printf '%s\n' '{"id":1,"body":"The show aired on the QZX network. QZX said the claims had no merit; QZX Inc. owns it."}' |
  symbols "$T/l15.tsv" > "$T/o15"
is "$(cat "$T/o15")" "1 " "a lower-case name of three letters is no acronym in capitals, with a cue or a legal form"
# A form of several words opening on a natural feature's word names the feature ("Mount
# Everest" of Mount Everest Gold Group), also where no list of places has it; not initials in
# capitals ("MT Hojgaard" of MT Hojgaard Holding A/S).
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:153\tMOGG\tXHKG\t35\tMount Orvane Gold Group Company Limited\t\ncik:154\tMTKH\tXCSE\t35\tMT Kelsa Holding A/S\t\n' > "$T/mt.tsv"
"$TL" import --tsv "$T/mt.tsv" -o "$T/l16.tsv" 2> "$T/e"
al16() { grep -v '^#' "$T/l16.tsv" | awk -F'\t' -v n="$1" '$10 == n { print $11 }'; }
is "$(al16 'Mount Orvane Gold Group Company Limited')|$(al16 'MT Kelsa Holding A/S')" "|MT Kelsa" \
   "no form opening on Mount, Lake, Cape...; initials in capitals are no such word"
printf '%s\n' '{"id":1,"body":"Every race was like trying to climb Mount Orvane, he said."}' | symbols "$T/l16.tsv" > "$T/o16"
is "$(cat "$T/o16")" "1 " "the mountain links nothing"
# An acronym's plural, capitals and a final "s" ("the SATs"), is no name written otherwise
# ("Sats ASA").
printf 'issuer\tsymbol\tmic\tprior\tname\taliases\ncik:155\tQATS\tXOSL\t60\tQats ASA\t\n' > "$T/qa.tsv"
"$TL" import --tsv "$T/qa.tsv" -o "$T/l17.tsv" 2> "$T/e"
printf '%s\n' '{"id":1,"body":"She studied with a tutor for the QATs before college."}' \
  '{"id":2,"body":"Qats said it would hire tutors."}' | symbols "$T/l17.tsv" > "$T/o17"
is "$(cat "$T/o17")" "1 
2 QATS" "the plural acronym links nothing, the company's name does"
done_testing
