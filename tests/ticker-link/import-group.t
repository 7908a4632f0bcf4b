#!/bin/sh
# newspipe-ticker-link import: a foreign SEC issuer's cross-listings abroad join it when
# their source places the issuer in its country, or names it exactly as the SEC line does;
# a country after the US sources' " - " names the issuer ("Banco Santander - Chile ADS") and
# is kept. Names written for this test.
. "$NP_TOP/tests/lib.sh"
need_prog newspipe-ticker-link
TL="$NP_BIN/newspipe-ticker-link"

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
done_testing
