#!/bin/sh
# newspipe-ticker-link import: a foreign SEC issuer's cross-listings abroad join it when
# their source places the issuer in its country, or names it exactly as the SEC line does;
# a country after the US sources' " - " names the issuer ("Banco Santander - Chile ADS") and
# is kept. Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[10,"BANCO ANDINO S.A.","BANA","NYSE"],[11,"BANCO ANDINO CHILE","BAND","NYSE"],[20,"ROCA MINING PLC","RCM","NYSE"]]}' > "$T/sec.json"
printf '%s' '[{"symbol":"BANA","name":"Banco Andino S.A. Sponsored ADR (Spain)","marketCap":"90000000000","country":"Spain","ipoyear":"","industry":"","sector":""},{"symbol":"BAND","name":"Banco Andino - Chile ADS","marketCap":"9000000000","country":"Chile","ipoyear":"","industry":"","sector":""},{"symbol":"RCM","name":"Roca Mining Plc Common Stock","marketCap":"90000000000","country":"Australia","ipoyear":"","industry":"","sector":""}]' > "$T/scr.json"
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl.tsv"
for l in 'BAN.MC|Banco Andino, S.A.|XMAD|Spain' 'BNA.L|Banco Andino, S.A.|XLON|Spain' \
    'RCM.L|Roca Mining plc|XLON|United Kingdom' 'RCM.AX|Roca Mining plc|XASX|United Kingdom' \
    'RCM.TO|Roca Mining Inc.|XTSE|Canada'; do
    IFS='|' read -r sym name mic country <<EOT
$l
EOT
    printf '%s\t%s\tX\t%s\tX\t%s\tX\tMaterials\tMining\t\t\t\tFalse\n' "$sym" "$name" "$mic" "$country" >> "$T/intl.tsv"
done
"$TL" import --screener "$T/scr.json:XNYS" --sec "$T/sec.json" --intl "$T/intl.tsv" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
iss() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v m="$1" -v s="$2" '$3 == m && $2 == s { print $1 }'; }
name() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $10 }'; }
is "$(name BAND)" "Banco Andino-Chile" "a country after the dash stays in the name"
is "$(iss XMAD BAN)" "cik:10" "the home listing joins its ADR issuer (no longer blocked by a same-name second CIK)"
is "$(iss XLON BNA)" "cik:10" "a London line whose issuer is domiciled in Spain joins too"
is "$(iss XLON RCM)" "cik:20" "a line named exactly as the SEC's (legal form and all) joins, whatever the screener's country"
is "$(iss XASX RCM)" "cik:20" "and the home exchange's line"
is "$(iss XTSE RCM)" "XTSE:RCM" "a same-name company of another form and country stays apart"
# A curated row that moves a listing to another issuer takes the same shares' further quotes
# on that exchange along, with its start date (FinanceDatabase's "UBSGEE" beside "UBSG").
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl2.tsv"
for sym in ALPG.SW ALPGEE.SW; do
    printf '%s\tAlpina Group AG\tX\tXSWX\tX\tSwitzerland\tCHF\tFinancials\tBanks\t\t\t\tFalse\n' "$sym" >> "$T/intl2.tsv"
done
printf 'BRNK.SW\tBernkraft AG\tX\tXSWX\tX\tSwitzerland\tCHF\tUtilities\tPower\t\t\t\tFalse\n' >> "$T/intl2.tsv"
printf 'issuer\tsymbol\tmic\tvalid_from\tname\nalpina-group\tALPG\tXSWX\t2014-11-28\tAlpina Group AG\n' > "$T/cur2.tsv"
"$TL" import --intl "$T/intl2.tsv" --aliases "$T/cur2.tsv" -o "$T/l2.tsv" 2> "$T/e"
ok $? "import with a curated move"
row2() { grep -v '^#' "$T/l2.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $1 "|" $7 }'; }
is "$(row2 ALPG)" "alpina-group|2014-11-28" "the curated listing moves, with its date"
is "$(row2 ALPGEE)" "alpina-group|2014-11-28" "the same shares' other quote follows it"
is "$(row2 BRNK)" "XSWX:BRNK|" "another company's line stays"
# The same when the sources put the line on that issuer already: a curated start date takes
# the same code's further quote along, not another code of the issuer there (the code it had
# before a rename).
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl6.tsv"
for sym in BERG.SW BERGEE.SW BRGO.SW; do
    printf '%s\tBerg Group AG\tX\tXSWX\tX\tSwitzerland\tCHF\tFinancials\tBanks\t\t\t\tFalse\n' "$sym" >> "$T/intl6.tsv"
done
printf 'issuer\tsymbol\tmic\tvalid_from\n@XSWX:BERG\tBERG\tXSWX\t2014-11-28\n' > "$T/cur6.tsv"
"$TL" import --intl "$T/intl6.tsv" --aliases "$T/cur6.tsv" -o "$T/l6.tsv" 2> "$T/e"
ok $? "import with a curated date on the sources' own issuer"
row6() { grep -v '^#' "$T/l6.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $7 }'; }
is "$(row6 BERG)|$(row6 BERGEE)|$(row6 BRGO)" "2014-11-28|2014-11-28|" "the same code's quote takes the date, another code does not"

# An SEC line nothing types, of an issuer whose every line the symbol directory knows is a
# note or a product, is one more of them (UBS AG's ETRACS), not shares its name links.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[40,"ALPENBANK AG","ABNA","NYSE"],[40,"ALPENBANK AG","ABNB","NYSE"],[40,"ALPENBANK AG","ABNC","NYSE"],[41,"GLETSCHER CORP","GLTA","NYSE"],[41,"GLETSCHER CORP","GLTB","NYSE"]]}' > "$T/sec3.json"
symdir "$T/sd" 'ZZZZ|Zeta Co - Common Stock|Q|N|N|100' \
    'ABNA|Alpenbank AG ETRACS Linked to the Alpine Index due 2040 ETN|N|ABNA|N|100|N|ABNA\nABNB|Alpenbank AG ETRACS Monthly Pay ETN due 2041|N|ABNB|N|100|N|ABNB\nGLTA|Gletscher Corp Common Stock|N|GLTA|N|100|N|GLTA'
"$TL" import --symdir "$T/sd:2016-08-15" --current 2025-12-14 --sec "$T/sec3.json" -o "$T/l3.tsv" 2> "$T/e"
ok $? "import with the symbol directory"
ty() { grep -v '^#' "$T/l3.tsv" | awk -F'\t' -v s="$1" '$2 == s { print "[" $12 "]" }'; }
is "$(ty ABNA)" "[etn]" "the directory types the notes"
is "$(ty ABNC)" "[other]" "the untyped line of a notes-only issuer is not its shares"
is "$(ty GLTB)" "[]" "an untyped line beside a known stock stays common"

# A company known only from an old symbol-directory snapshot joins today's SEC issuer of its
# name when the issuer's OTC symbol continues the old one (the same symbol, or a foreign
# issuer's five letters ending in F or Y), not when it is another symbol (a namesake bank);
# a snapshot's line on the exchange where today's issuer of the name trades under another
# symbol joins it when the names have the same letters (an older symbol of the company), and
# stays apart otherwise (a namesake), no longer keeping the home listing from joining; an
# issuer is named by an exchange line rather than the SEC's OTC line.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[50,"NORDLICHT PHARMA INC","NLPH","OTC"],[51,"FIRST OAK BANCSHARES INC","FOBS","OTC"],[52,"KAIDO HOLDINGS CORP","KAIDF","OTC"],[53,"Sakura Financial Group Inc.","SKFG","NYSE"]]}' > "$T/sec4.json"
symdir "$T/sd4" 'NLPH|Nordlicht Pharma Inc. - Common Stock|Q|N|N|100\nFOKB|The First Oak Bancshares, Inc. - Common Stock|Q|N|N|100' \
    'KDH|Kaido Holdings Corp Common Stock|N|KDH|N|100|N|KDH\nSKF|Sakura Financial Group, Inc. Common Stock|N|SKF|N|100|N|SKF\nSKR|Sakura Financial Group Corp. Common Stock|N|SKR|N|100|N|SKR'
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl4.tsv"
printf '8399.T\tSakura Financial Group, Inc.\tX\tXTKS\tX\tJapan\tJPY\tFinancials\tBanks\t\t\t\tFalse\n' >> "$T/intl4.tsv"
"$TL" import --symdir "$T/sd4:2016-08-15" --current 2025-12-14 --sec "$T/sec4.json" --intl "$T/intl4.tsv" -o "$T/l4.tsv" 2> "$T/e"
ok $? "import with snapshot companies"
iss4() { grep -v '^#' "$T/l4.tsv" | awk -F'\t' -v m="$1" -v s="$2" '$3 == m && $2 == s { print $1 }'; }
is "$(iss4 XNAS NLPH)" "cik:50" "a snapshot's company joins the SEC issuer trading on under its symbol OTC"
is "$(iss4 XNYS KDH)" "cik:52" "and a foreign issuer's, whose OTC symbol ends in F"
is "$(iss4 XNAS FOKB)" "XNAS:FOKB@2016-08-15" "a namesake's OTC line under another symbol: apart"
is "$(iss4 XTKS 8399)" "cik:53" "the home listing joins today's SEC issuer"
is "$(iss4 XNYS SKF)" "cik:53" "the snapshot's line of the very name (punctuation aside) on today's issuer's exchange joins it (an older symbol: Gap's GPS)"
is "$(iss4 XNYS SKR)" "XNYS:SKR@2016-08-15" "a namesake of another legal form there stays apart"
first4() { grep -v '^#' "$T/l4.tsv" | awk -F'\t' -v i="$1" '$1 == i { print $10; exit }'; }
is "$(first4 cik:50)" "Nordlicht Pharma Inc." "the issuer is named by its exchange line, not the OTC line"
# The screener's "Registered Ordinary Shares" names the share ("Gipfel Group AG Registered"):
# the company's name is the one the other sources give, and its home line joins it.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[50,"Gipfel Group AG","GPF","NYSE"]]}' > "$T/sec5.json"
printf '%s' '[{"symbol":"GPF","name":"Gipfel Group AG Registered Ordinary Shares","marketCap":"50000000000","country":"Switzerland","ipoyear":"","industry":"","sector":""}]' > "$T/scr5.json"
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl5.tsv"
printf 'GPFN.SW\tGipfel Group AG\tX\tXSWX\tX\tSwitzerland\tCHF\tFinancials\tBanks\t\t\t\tFalse\n' >> "$T/intl5.tsv"
"$TL" import --screener "$T/scr5.json:XNYS" --sec "$T/sec5.json" --intl "$T/intl5.tsv" -o "$T/l5.tsv" 2> "$T/e"
ok $? "import a screener name with Registered"
row5() { grep -v '^#' "$T/l5.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $1 "|" $10 }'; }
is "$(row5 GPF)" "cik:50|Gipfel Group AG" "'Registered' left of the share's words is cut from the name"
is "$(row5 GPFN)" "cik:50|Gipfel Group AG" "and the home exchange's line joins the issuer"
# Without an SEC issuer the sources' countries decide: the company's country is the one its
# lines give most (a line abroad naming it counts twice); a line at home in another country
# is that country's company, and under the company's very name the source's mislabel of a
# subsidiary, which links by its codes only ("!"); two home lines of one name in two
# countries are two companies.
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl6.tsv"
for l in 'OSW.DE|Ostwerk Aktiengesellschaft|Germany' 'OSW.BR|Ostwerk Aktiengesellschaft|Germany' \
    'OSTWERK.NS|Ostwerk Aktiengesellschaft|India' 'OSTWERK.BO|Ostwerk Aktiengesellschaft|India' \
    'VNT.HE|Vantaala Oyj|Finland' '1604.TW|Vantaala Corporation|Taiwan'; do
    IFS='|' read -r sym name country <<EOT
$l
EOT
    printf '%s\t%s\tX\tX\tX\t%s\tX\tIndustrials\tMachinery\t\t\t\tFalse\n' "$sym" "$name" "$country" >> "$T/intl6.tsv"
done
"$TL" import --intl "$T/intl6.tsv" -o "$T/l6.tsv" 2> "$T/e"
ok $? "import lines of one name at home in two countries"
iss6() { grep -v '^#' "$T/l6.tsv" | awk -F'\t' -v m="$1" -v s="$2" '$3 == m && $2 == s { print $1 }'; }
is "$(iss6 XBRU OSW)" "$(iss6 XETR OSW)" "a line abroad naming the company's country joins its home line"
is "$(iss6 XBOM OSTWERK)" "$(iss6 XNSE OSTWERK)" "the lines at home in another country are one company"
ok "$(test "$(iss6 XNSE OSTWERK)" != "$(iss6 XETR OSW)"; echo $?)" "not the company's"
is "$(grep -v '^#' "$T/l6.tsv" | awk -F'\t' -v i="$(iss6 XNSE OSTWERK)" '$1 == i && $11 != "" { print $11 }')" \
   "!Ostwerk Aktiengesellschaft" \
   "under the company's very name they never link by it"
ok "$(test "$(iss6 XHEL VNT)" != "$(iss6 XTAI 1604)"; echo $?)" "home lines of one name in two countries are two companies"
printf '%s\n' '{"id":1,"body":"Ostwerk AG said profit rose."}' | "$TL" --listings "$T/l6.tsv" |
    python3 -c 'import json, sys; print(" ".join(sorted(t["exchange"] for t in json.loads(sys.stdin.read())["tickers"])))' > "$T/o6"
is "$(cat "$T/o6")" "XBRU XETR" "the name links the company's listings, not the subsidiary's"
done_testing
