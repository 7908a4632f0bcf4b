#!/bin/sh
# newspipe-ticker-link import: blanks around a source's field are not written to the table
# (the screener pads some names, "Shell plc ", and the linker printed them so). Names
# written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
sec = [[1001, "PADCO HOLDINGS INC", "PADC", "NYSE"], [1002, " Trimline Corp  ", "TRML", "Nasdaq"]]
scr = [{"symbol": "PADC", "name": "Padco Holdings Inc. ", "marketCap": "1000000000",
        "country": "United States", "ipoyear": "2001", "industry": "", "sector": ""}]
json.dump({"fields": ["cik", "name", "ticker", "exchange"], "data": sec}, open(f"{t}/sec.json", "w"))
json.dump(scr, open(f"{t}/scr.json", "w"))
PY
"$TL" import --screener "$T/scr.json:XNYS" --sec "$T/sec.json" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
padded=$(grep -v '^#' "$T/l.tsv" | awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^ | $/) n++ } END { print n + 0 }')
is "$padded" "0" "no field of the table begins or ends with a blank"
grep -v '^#' "$T/l.tsv" | awk -F'\t' '$2 == "TRML" { print $10 }' > "$T/n"
is "$(cat "$T/n")" "Trimline Corp" "the SEC name without its blanks"
printf '{"id":"a","published":"2013-05-01","title":"t","body":"Trimline Corp said on Monday."}\n' |
    "$TL" --listings "$T/l.tsv" | python3 -c 'import json,sys; print([t["name"] for t in json.load(sys.stdin)["tickers"]])' > "$T/o"
is "$(cat "$T/o")" "['Trimline Corp']" "the linker prints the name as the table has it"
done_testing
