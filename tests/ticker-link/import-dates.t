#!/bin/sh
# newspipe-ticker-link import: an SEC line with no IPO year, over the counter or of a foreign
# issuer, is valid from the year its CIK was assigned, on a CIK -> year scale calibrated on
# the lines the screener's IPO year dates (CIKs grow over time). Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

# 20 IPOs of 2012 with CIKs 1000..1019 and 20 of 2014 with CIKs 2000..2019: a threshold of
# 1018 for 2012 (the 0.9 quantile), 2018 for 2014; 2013 has too few IPOs to calibrate.
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
sec, scr = [], []
for y, base in ((2012, 1000), (2014, 2000)):
    for i in range(20):
        sym = f"C{y % 100}{chr(65 + i)}"
        sec.append([base + i, f"CALCO {y} {i} INC", sym, "NYSE"])
        scr.append({"symbol": sym, "name": f"Calco {y} {i} Inc. Common Stock", "marketCap": "1000000000",
                    "country": "United States", "ipoyear": str(y), "industry": "", "sector": ""})
sec.append([2005, "OTHERCO 2013 INC", "OTHR", "NYSE"])
scr.append({"symbol": "OTHR", "name": "Otherco 2013 Inc. Common Stock", "marketCap": "1000000000",
            "country": "United States", "ipoyear": "2013", "industry": "", "sector": ""})
sec += [[900, "Oldmill plc/ADR", "OLDMY", "OTC"], [1500, "Midway Mining plc/ADR", "MIDWY", "OTC"],
        [3000, "Newhaven Motors Co., Ltd./ADR", "NHVNY", "OTC"], [1600, "Farland Shipping Ltd", "FARL", "NYSE"],
        [1700, "Homestead Bancorp Inc", "HMST", "NYSE"]]
scr.append({"symbol": "FARL", "name": "Farland Shipping Ltd American Depositary Shares", "marketCap": "9000000000",
            "country": "Greece", "ipoyear": "", "industry": "", "sector": ""})
scr.append({"symbol": "HMST", "name": "Homestead Bancorp Inc Common Stock", "marketCap": "9000000000",
            "country": "United States", "ipoyear": "", "industry": "", "sector": ""})
json.dump({"fields": ["cik", "name", "ticker", "exchange"], "data": sec}, open(f"{t}/sec.json", "w"))
json.dump(scr, open(f"{t}/scr.json", "w"))
PY
"$TL" import --screener "$T/scr.json:XNYS" --sec "$T/sec.json" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
from() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $7 }'; }
is "$(from C12A)" "2012-01-01" "a line the screener dates keeps its IPO year"
is "$(from MIDWY)" "2014-01-01" "an OTC line whose CIK is above 2012's threshold is valid from 2014"
is "$(from NHVNY)" "2014-01-01" "above every threshold: from the last calibrated year"
is "$(from OLDMY)" "" "a CIK older than the scale gets no bound"
is "$(from FARL)" "2014-01-01" "a foreign issuer's exchange line is dated by its CIK too"
is "$(from HMST)" "" "a domestic company's exchange line is not (new holding companies keep old listings)"

linked() { # TABLE: each record's id and the EXCHANGE:SYMBOL it links, a line each
    "$TL" --listings "$1" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["id"], " ".join(t["exchange"] + ":" + t["symbol"] for t in r.get("tickers", [])))'
}
printf '{"id":1,"date":"2013-10-04","body":"Midway Mining plc said output rose."}\n{"id":2,"date":"2015-03-01","body":"Midway Mining plc said output rose."}\n' |
    linked "$T/l.tsv" > "$T/o"
is "$(sed -n 1p "$T/o")" "1 " "the depositary line does not link in news before its CIK's year"
is "$(sed -n 2p "$T/o")" "2 OTCM:MIDWY" "it links in later news"

# Too few dated lines to calibrate: nothing is dated.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[1500,"Midway Mining plc/ADR","MIDWY","OTC"]]}' > "$T/one.json"
"$TL" import --sec "$T/one.json" -o "$T/l1.tsv" 2> "$T/e"
is "$(grep -v '^#' "$T/l1.tsv" | awk -F'\t' '$2 == "MIDWY" { print "[" $7 "]" }')" "[]" "no scale, no bound"
# A company on another exchange today than in the symbol directory's snapshots (Honeywell:
# the NYSE in 2014 and 2016, Nasdaq now) keeps a dated line on the old exchange, valid until
# the day before today's files; today's line starts the day after the last snapshot.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[70,"QUILLFEATHER INDUSTRIES INC","QFI","Nasdaq"],[71,"ROWANBERRY FOODS INC","RWB","Nasdaq"]]}' > "$T/sec5.json"
symdir "$T/sd5" 'RWB|Rowanberry Foods, Inc. - Common Stock|Q|N|N|100' \
    'QFI|Quillfeather Industries Inc. Common Stock|N|QFI|N|100|N|QFI'
"$TL" import --symdir "$T/sd5:2016-08-15" --current 2025-12-14 --sec "$T/sec5.json" -o "$T/l5.tsv" 2> "$T/e"
ok $? "import with a company that moved exchange"
row5() { grep -v '^#' "$T/l5.tsv" | awk -F'\t' -v m="$1" -v s="$2" '$3 == m && $2 == s { print $1 "|" $7 "|" $8 }'; }
is "$(row5 XNYS QFI)" "cik:70||2025-12-13" "the old exchange's line: today's issuer, until the day before today's files"
is "$(row5 XNAS QFI)" "cik:70|2016-08-16|" "today's line from the day after the snapshot"
is "$(row5 XNYS RWB)" "" "a company on the same exchange gets no second line"
is "$(row5 XNAS RWB)" "cik:71||" "nor a start date"
printf '{"id":1,"date":"2013-10-04","body":"Quillfeather Industries Inc said sales rose."}\n{"id":2,"date":"2025-12-20","body":"Quillfeather Industries Inc said sales rose."}\n' |
    linked "$T/l5.tsv" > "$T/o5"
is "$(sed -n 1p "$T/o5")" "1 XNYS:QFI" "news of 2013 links the NYSE line"
is "$(sed -n 2p "$T/o5")" "2 XNAS:QFI" "news of today the Nasdaq line"
# A directory's "New" after a company's name (re-formed after a reorganization) is no part of
# it: "Larchmont Bank Group Plc New (The) ADS" is Larchmont Bank Group Plc, and links by name.
symdir "$T/sd6" 'KMT|Kestrel Motors Corporation New - Common Stock|Q|N|N|100' \
    'LBG|Larchmont Bank Group Plc New (The) ADS|N|LBG|N|100|N|LBG\nNWY|New Yarrow Inc. Common Stock|N|NWY|N|100|N|NWY\nPBL|Pellworm Brands Limited Pellworm Brands Limited|N|PBL|N|100|N|PBL\nHLD|Haldern Energy PLC Haldern Energy PLC ADS|N|HLD|N|100|N|HLD\nWW|Wex Wex Holdings Ltd|N|WW|N|100|N|WW'
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[72,"OTTERBURN INC","OTB","NYSE"]]}' > "$T/sec6.json"
"$TL" import --symdir "$T/sd6:2016-08-15" --current 2025-12-14 --sec "$T/sec6.json" -o "$T/l6.tsv" 2> "$T/e"
ok $? "import with names marked New"
name6() { grep -v '^#' "$T/l6.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $10 }'; }
is "$(name6 KMT)" "Kestrel Motors Corporation" "a trailing New is dropped"
is "$(name6 LBG)" "Larchmont Bank Group Plc (The) ADS" "and one before the parenthesis"
is "$(name6 NWY)" "New Yarrow Inc." "not a New that begins the name"
printf '{"id":1,"date":"2015-10-04","body":"Larchmont Bank Group Plc said profit rose."}\n' | linked "$T/l6.tsv" > "$T/o6"
is "$(cat "$T/o6")" "1 XNYS:LBG" "the name links as news writes it"
# A name the directory writes twice (NYSE lines of 2014 and 2016: "Bunge Limited Bunge
# Limited") is the company's name once; not a depositary's (a foreign company's ADR of then,
# never joined to its home listing of today), nor one word repeated ("Want Want").
is "$(name6 PBL)" "Pellworm Brands Limited" "a name written twice is written once"
is "$(name6 HLD)" "Haldern Energy PLC Haldern Energy PLC ADS" "not a depositary's"
is "$(name6 WW)" "Wex Wex Holdings Ltd" "one word twice is part of the name"
printf '{"id":1,"date":"2015-10-04","body":"Pellworm Brands Ltd said profit rose."}\n' | linked "$T/l6.tsv" > "$T/o7"
is "$(cat "$T/o7")" "1 XNYS:PBL" "that name links as news writes it"
# A line of today listed since a year after a snapshot that names the same company (Alcoa
# Corporation, split off in 2016, under the symbol of Alcoa Inc.): the snapshot's company is
# an earlier listing of the symbol, valid until the day before today's line began.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[73,"ALDERCOVE CORP","ALD","NYSE"],[74,"BIRCHFIELD CORP","BRF","NYSE"]]}' > "$T/sec7.json"
printf '%s' '[{"symbol":"ALD","name":"Aldercove Corporation Common Stock","marketCap":"1000000000","country":"United States","ipoyear":"2016","industry":"","sector":""},{"symbol":"BRF","name":"Birchfield Corporation Common Stock","marketCap":"1000000000","country":"United States","ipoyear":"2012","industry":"","sector":""}]' > "$T/scr7.json"
symdir "$T/sd7" 'ZZZZ|Placeholder Inc. - Common Stock|Q|N|N|100' \
    'ALD|Aldercove Inc. Common Stock|N|ALD|N|100|N|ALD\nBRF|Birchfield Corporation Common Stock|N|BRF|N|100|N|BRF'
"$TL" import --symdir "$T/sd7:2014-10-10" --current 2025-12-14 --sec "$T/sec7.json" \
    --screener "$T/scr7.json:XNYS" -o "$T/l7.tsv" 2> "$T/e"
ok $? "import with a symbol listed again since the snapshot"
row7() { grep -v '^#' "$T/l7.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $1 "|" $7 "|" $8 }' | sort; }
is "$(row7 ALD)" "XNYS:ALD@2014-10-10||2015-12-31
cik:73|2016-01-01|" "the snapshot's company is an earlier listing, until the day before today's"
is "$(row7 BRF)" "cik:74|2012-01-01|" "not when today's line was listed before the snapshot"
printf '{"id":1,"date":"2013-10-04","body":"Aldercove Inc said sales rose."}\n{"id":2,"date":"2020-10-04","body":"Aldercove Corp said sales rose."}\n' |
    linked "$T/l7.tsv" > "$T/o8"
is "$(cat "$T/o8")" "1 XNYS:ALD
2 XNYS:ALD" "news of both times links the symbol"
# A line known only from a snapshot (Twillow of 2016, gone from today's files) and a
# curated row of the same symbol, exchange and company with its dates are one listing: the
# snapshot's line starts when the curated one does, not before (an article of the month
# before the IPO names a company not yet listed). Another company's dated row under the
# symbol (Sorrex, listed 2019, after the snapshot) dates nothing.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[81,"SORREX HOLDINGS CORP","SRX","NYSE"]]}' > "$T/sec8.json"
printf '%s' '[{"symbol":"SRX","name":"Sorrex Holdings Corp Common Stock","marketCap":"1000000000","country":"United States","ipoyear":"2019","industry":"","sector":""}]' > "$T/scr8.json"
symdir "$T/sd8" 'ZZZZ|Placeholder Inc. - Common Stock|Q|N|N|100' \
    'TWL|Twillow, Inc. Common Stock|N|TWL|N|100|N|TWL\nSRX|Serrano Fabrics Inc. Common Stock|N|SRX|N|100|N|SRX'
table "$T/cur8.tsv" <<'TSV'
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
ric:TWL.N|TWL|XNYS|TWL.N|||2013-11-07|2022-10-27||Twillow Inc|+Twillow
TSV
"$TL" import --symdir "$T/sd8:2016-08-15" --current 2025-12-14 --sec "$T/sec8.json" \
    --screener "$T/scr8.json:XNYS" --aliases "$T/cur8.tsv" -o "$T/l8.tsv" 2> "$T/e"
ok $? "import a snapshot's line and a dated curated row of the same listing"
row8() { grep -v '^#' "$T/l8.tsv" | awk -F'\t' -v s="$1" '$2 == s { print $1 "|" $7 }' | sort; }
is "$(row8 TWL)" "XNYS:TWL@2016-08-15|2013-11-07
ric:TWL.N|2013-11-07" "the snapshot's line starts with the curated row of the same company"
is "$(row8 SRX)" "XNYS:SRX@2016-08-15|
cik:81|2019-01-01" "not with another company's row under the symbol"
printf '%s\n' '{"id":1,"date":"2013-10-04","body":"Twillow Inc said on Friday users rose."}' \
    '{"id":2,"date":"2013-12-04","body":"Twillow Inc said on Friday users rose."}' \
    '{"id":3,"date":"2013-11-01","body":"Twillow (TWL.N) set its offering price."}' |
    "$TL" --listings "$T/l8.tsv" | python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["id"], " ".join("%s:%s=%s" % (t["exchange"], t["symbol"], t["issuer"]) for t in r["tickers"]))' > "$T/o9"
is "$(cat "$T/o9")" "1 
2 XNYS:TWL=ric:TWL.N
3 XNYS:TWL=ric:TWL.N" "news before the IPO links no listing; after it, and its code days before trading, do"
# A US company's exchange line registered after the newest directory (CIKs of 2014 on this
# scale, a directory of 2013), whose symbol and company the directory does not have, is dated
# by its CIK too (a spin-off, a direct listing: the screener gives no IPO year); not one whose
# symbol the directory has (a holding company formed later). One whose company it lists under
# another symbol (Baker Hughes: BHI on the NYSE, BKR on Nasdaq since 2017) starts the day after
# the directory, as every line whose symbol the directory lacks.
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
sec = json.load(open(f"{t}/sec.json"))
scr = json.load(open(f"{t}/scr.json"))
sec["data"] += [[2500, "KEEPSAKE HOLDINGS INC", "KEEP", "NYSE"], [2600, "BRAMBLE HUGHES CO", "BRHC", "NYSE"]]
scr += [{"symbol": s, "name": n, "marketCap": "9000000000", "country": "United States", "ipoyear": "",
         "industry": "", "sector": ""} for s, n in (("KEEP", "Keepsake Holdings Inc Common Stock"),
                                                      ("BRHC", "Bramble Hughes Company Common Stock"))]
json.dump(sec, open(f"{t}/sec9.json", "w"))
json.dump(scr, open(f"{t}/scr9.json", "w"))
PY
symdir "$T/sd9" 'BRHI|Bramble Hughes Incorporated - Common Stock|Q|N|N|100' \
    'KEEP|Keepsake Holdings Inc. Common Stock|N|KEEP|N|100|N|KEEP'
"$TL" import --symdir "$T/sd9:2013-06-01" --current 2025-12-14 --screener "$T/scr9.json:XNYS" \
    --sec "$T/sec9.json" -o "$T/l9.tsv" 2> "$T/e"
ok $? "import with a directory older than some CIKs"
from9() { grep -v '^#' "$T/l9.tsv" | awk -F'\t' -v s="$1" '$2 == s && $8 == "" { print $7 }'; }
is "$(from9 HMST)" "2014-01-01" "a line registered after the directory, absent from it, starts in its CIK's year"
is "$(from9 KEEP)" "" "not one whose symbol the directory has"
is "$(from9 BRHC)" "2013-06-02" \
    "one whose company the directory lists under another symbol starts the day after it, as any symbol the directory lacks"
printf '{"id":1,"date":"2013-10-04","body":"Homestead Bancorp Inc said profit rose."}\n' | linked "$T/l9.tsv" > "$T/o10"
is "$(cat "$T/o10")" "1 " "news before the CIK's year does not link it"
printf '{"id":1,"date":"2013-01-04","body":"Bramble Hughes said profit rose."}\n' | linked "$T/l9.tsv" > "$T/o11"
is "$(cat "$T/o11")" "1 XNAS:BRHI" "before the directory the company links its code of then, not today's"
printf '{"id":2,"date":"2018-10-04","body":"Bramble Hughes said profit rose."}\n' | linked "$T/l9.tsv" > "$T/o12"
case "$(cat "$T/o12")" in *XNYS:BRHC*) r=0 ;; *) r=1 ;; esac
ok $r "after it, today's code"
done_testing
