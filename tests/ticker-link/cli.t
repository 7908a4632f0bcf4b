#!/bin/sh
# newspipe-ticker-link from the command line: pattern forms, guards, offsets, entities, dates,
# pass-through and rejects, listings errors and the empty listing, the importer.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
FIX="$NP_TOP/tests/ticker-link/listings-fixture.tsv"

# All the linking cases go through one run of the filter (fast on a busy machine): one
# record per case, then each case compares its linked "SYMBOL@MIC" list.
. "$NP_TOP/tests/ticker-link/cases.sh"
add 'Alibaba (BABA.N) rose.'
add 'Shares of Exxon ( XOM.N ) fell.'
add 'Tencent (0700.HK) and VW (VOWG_p.DE).'
add 'A deal (IBM.N, MSFT.O) was signed.'
add 'Listed (NYSE: BABA) and (NASDAQ: AAPL, MSFT).'
add 'Listed in Hong Kong (HKEX: 9988).'
add 'Buy $AAPL today.'
add 'Acme (NASDAQ: ABC, a leading maker of widgets).'
add 'A new plan: IT spending is ON and T, F, C, ALL and NOW rise.'
add 'Traders bought $F shares.'
add 'Apple and pear harvests fell in Washington.'
add 'Apple shares rose after the launch.'
add 'Apple Inc said it sold more phones.'
add 'Target prices were raised by the central bank.'
add 'U.S. retailer Target said sales rose.'
add 'The Ford Foundation gave $10 million.'
add 'Toronto Mayor Rob Ford spoke on Tuesday.'
add 'Ford Motor Co recalled cars. Ford said the fix is cheap.'
add 'BEIJING (Reuters) - Tencent rose. Funds told Reuters they sold. (Reporting by Jane Doe; Editing by Thomson Reuters staff)'
add 'Thomson Reuters said profit rose.'
add 'Facebook Inc said users grew.' '2013-10-01T10:00:00Z'
add 'Facebook said users grew.' '2023-10-01'
add 'Shares of Jos. A. Bank rose.' '2013-10-01'
add 'He drove a Ford. Motor Co shares rose.' '2013-10-01'
add 'Herbalife said sales rose.'
add 'Just said it would sell bonds.'
add 'said Eric Linser of Herbalife-Garde Advisors.'
add 'Nike said sales rose.'
add 'Nike, said chief executive Mark Nike. Later Nike said he would stay.'
add 'Toymaker Nike Inc rose. Both Nike and Adidas gained.'
add 'Interpublic (IPG.N) and BMW (BMWG.DE) rose.'
add 'An executive of Siemens Mexico said so.'
add 'The Siemens Mexico Foundation said so.'
add 'National Bank of Abu Dhabi said profit rose.'
add 'National Bank Holdings said profit rose.'
add 'Shares of Nike of Germany and National Bank of Canada rose.'
link_cases "$FIX"
is "$(got 1)" "9988@XHKG BABA@XNYS" "(BABA.N) links the issuer's listings"
is "$(got 2)" "XOM@XNYS" "( XOM.N ) with spaces"
is "$(got 3)" "0700@XHKG VOW3@XETR" "(0700.HK) and a RIC root that is not the symbol"
is "$(got 4)" "IBM@XNYS MSFT@XNAS" "RIC list in one pair of parentheses"
is "$(got 5)" "9988@XHKG AAPL@XNAS BABA@XNYS MSFT@XNAS" "exchange-prefixed symbols"
is "$(got 6)" "9988@XHKG BABA@XNYS" "(HKEX: 9988)"
is "$(got 7)" "AAPL@XNAS" "cashtag"
is "$(got 8)" "ABC@XNAS" "case-sensitive list does not capture 'a' (Agilent is A)"
is "$(got 9)" "" "bare 1-2 letter and common-word symbols are not linked"
is "$(got 10)" "F@XNYS" "a one-letter symbol links with a cashtag"
is "$(got 11)" "" "Apple the fruit is not linked"
is "$(got 12)" "AAPL@XNAS" "Apple with a business cue is linked"
is "$(got 13)" "AAPL@XNAS" "Apple Inc is linked"
is "$(got 14)" "" "Target the noun is not linked"
is "$(got 15)" "TGT@XNYS" "Target the retailer is linked"
is "$(got 16)" "" "Ford Foundation is not Ford"
is "$(got 17)" "" "Rob Ford is not Ford"
is "$(got 18)" "F@XNYS" "Ford Motor Co and Ford"
is "$(got 19)" "0700@XHKG" "publisher in dateline, credit line and as a source is not linked"
is "$(got 20)" "TRI@XTSE" "Thomson Reuters outside a Reuters story is linked"
is "$(got 21)" "FB@XNAS" "a 2013 article gets the 2013 listing"
is "$(got 22)" "META@XNAS" "a 2023 article gets today's listing"
is "$(got 23)" "JOSB@XNAS" "a name goes on across an abbreviation's full stop (Jos. A. Bank)"
is "$(got 24)" "" "not across a sentence end after a name (Ford. Motor)"
is "$(got 25)" "HLF@XNYS" "a listed company's one-word whole name is strong"
is "$(got 26)" "" "a word left by dropping Group from a small company's name is not"
is "$(got 27)" "" "a one-word name hyphenated to a capitalized word is another name"
is "$(got 28)" "NKE@XNYS" "Nike said"
is "$(got 29)" "" "a surname seen after a first name is that person elsewhere in the article"
is "$(got 30)" "NKE@XNYS" "a capitalized word before a name at a sentence start or with a legal form is no first name"
is "$(got 31)" "BMW@XETR IPG@XNYS" "a RIC root's German G is dropped on German exchanges only (IPG.N is not IP)"
is "$(got 32)" "SIE@XETR" "a company's unit in a country is the company (Siemens Mexico)"
is "$(got 33)" "" "not inside a longer name (Siemens Mexico Foundation)"
is "$(got 34)" "" "a name before \"of\" and a name is part of a longer one (National Bank of Abu Dhabi)"
is "$(got 35)" "NBHC@XNYS" "the name alone links"
is "$(got 36)" "NKE@XNYS" "a one-word name before \"of\" and a country is the company (Nike of Germany), a longer one is not (National Bank of Canada)"

# Offsets are code points into the decoded field.
out=$(printf '%s\n' '{"id":"o","title":"Über","body":"Čeština – Alibaba’s (BABA.N) \ud83d\ude00 Alibaba"}' | "$TL" --listings "$FIX")
is "$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(sorted({r[e["field"]][e["start"]:e["end"]] for t in r["tickers"] for e in t["evidence"]}))')" \
   "['Alibaba', 'BABA.N']" "evidence offsets slice the decoded text (code points, escapes, astral)"
is "$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); t=r["tickers"][0]; print(t["symbol"], t["ric"], t["issuer"], t["mentions"], 0 < t["score"] <= 1)')" \
   "BABA BABA.N cik:1577552 3 True" "entry fields: symbol, ric, issuer, mentions, score"
is "$(printf '%s\n' "$out" | "$TL" --listings "$FIX")" "$out" "re-running is idempotent"

# Records without text pass untouched; a text field of the wrong type is rejected.
in='{"id":1,"n":[1,2],"x":"y"}'
is "$(printf '%s\n' "$in" | "$TL" --listings "$FIX")" "$in" "a record without title or body passes untouched"
is "$(printf '%s\n' '{"id":2,"body":null,"title":"Nothing here"}' | "$TL" --listings "$FIX")" \
   '{"id":2,"body":null,"title":"Nothing here","tickers":[]}' "null body counts as absent; no companies gives []"
printf '%s\n' '{"id":3,"body":42}' | "$TL" --listings "$FIX" --reject "$T/rej" > "$T/o" 2> "$T/e"
ok $? "a wrong-typed body does not fail the run"
like "$(cat "$T/rej")" 'body: expected a string' "the wrong-typed body is rejected with the reason"

# Entities from entity-tag: an ORG span supports a weak name, a PER span vetoes one.
ent='{"id":"e","body":"Target raised prices. Rob met Apple.","entities":[{"text":"Target","type":"ORG","field":"body","start":0,"end":6},{"text":"Apple","type":"PER","field":"body","start":30,"end":35}]}'
is "$(printf '%s\n' "$ent" | "$TL" --listings "$FIX" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(" ".join(t["symbol"] for t in r["tickers"]))')" \
   "TGT" "ORG entity supports a weak name; PER entity vetoes one"
ent2='{"id":"e2","body":"Shares of Nike rose.","entities":[{"text":"Nike","type":"ORG","field":"body","start":10,"end":14}]}'
is "$(printf '%s\n' "$ent2" | "$TL" --listings "$FIX" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print([(t["symbol"], [e["method"] for e in t["evidence"]]) for t in r["tickers"]])')" \
   "[('NKE', ['name'])]" "an ORG entity on a derived one-word name links it"

# An ORG longer than the name is another body ("Ford Foundation"); an ORG that is exactly a
# common-word name ("United", marked "~") does not make it a company's.
ent3='{"id":"e3","body":"The Ford Foundation and United said so.","entities":[{"text":"Ford Foundation","type":"ORG","field":"body","start":4,"end":19},{"text":"United","type":"ORG","field":"body","start":24,"end":30}]}'
is "$(printf '%s\n' "$ent3" | "$TL" --listings "$FIX" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(len(r["tickers"]))')" \
   "0" "an ORG containing a brand name, or equal to a common-word name, links nothing"

# A LOC that is exactly a strong name is the tagger's guess ("Herbalife"); after "the" or
# inside a longer place it is the place.
ent4='{"id":"e4","body":"Herbalife rose. Nike fell near the Nike. Trips to Nike Falls.","entities":[{"text":"Herbalife","type":"LOC","field":"body","start":0,"end":9},{"text":"Nike","type":"LOC","field":"body","start":16,"end":20},{"text":"Nike","type":"LOC","field":"body","start":35,"end":39},{"text":"Nike Falls","type":"LOC","field":"body","start":50,"end":60}]}'
is "$(printf '%s\n' "$ent4" | "$TL" --listings "$FIX" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(sorted((t["symbol"], [r["body"][e["start"]:e["end"]] for e in t["evidence"]]) for t in r["tickers"]))')" \
   "[('HLF', ['Herbalife']), ('NKE', ['Nike'])]" "a LOC equal to a strong name keeps it; the Nike and Nike Falls are places"

# Listings files: bad rows name file and line (exit 78); an empty listing works.
printf 'issuer\tsymbol\tmic\tname\nx\tAAA\tXNYS\tAaa\ny\tBBB\tbad mic\tBbb\n' > "$T/bad.tsv"
printf '%s\n' '{"id":1,"body":"x"}' | "$TL" --listings "$T/bad.tsv" > /dev/null 2> "$T/e"
is "$?" "78" "a listings file with a bad row exits 78"
like "$(cat "$T/e")" 'bad\.tsv:3: bad MIC' "the error names the file and the line"
printf 'issuer\tsymbol\tmic\tname\nx\tAAPL\tXNAS\tApple Inc\377\n' > "$T/bad8.tsv"
printf '%s\n' '{"id":1,"body":"Apple Inc said."}' | "$TL" --no-cache --listings "$T/bad8.tsv" \
    > "$T/o" 2> "$T/e"
is "$?" "78" "a listings name that is not UTF-8 exits 78 (it would make the output invalid JSON)"
like "$(cat "$T/e")" 'bad8\.tsv:2: invalid UTF-8 at byte 22 of the line' "naming file, line and byte"
is "$(wc -c < "$T/o" | tr -d ' ')" 0 "and writes nothing"
printf '%s\n' '{"body":"Shares of Apple Inc rose."}' | "$TL" --fields body,title,body > "$T/o" 2> "$T/e"
is "$?:$(cat "$T/o")" "64:" "--fields naming a field twice is a usage error (its mentions would count twice)"
: > "$T/empty.tsv"
is "$(printf '%s\n' '{"id":1,"body":"Alibaba (BABA.N) rose."}' | "$TL" --listings "$T/empty.tsv")" \
   '{"id":1,"body":"Alibaba (BABA.N) rose.","tickers":[{"symbol":"BABA","exchange":"XNYS","ric":"BABA.N","type":null,"name":null,"issuer":null,"mentions":1,"evidence":[{"field":"body","start":9,"end":15,"method":"ric"}],"score":0.99}]}' \
   "an empty listing works: explicit codes still come out, without an issuer"
"$TL" --listings "$T/missing.tsv" < /dev/null 2> "$T/e"
is "$?" "78" "a missing listings file exits 78"

# Cache: the second run loads from the binary cache and links the same.
"$TL" --listings "$FIX" --load-time < /dev/null 2> "$T/l1"
"$TL" --listings "$FIX" --load-time < /dev/null 2> "$T/l2"
like "$(cat "$T/l2")" 'from the cache' "the second load comes from the cache"

# Importer: SEC JSON and a plain TSV; a bad curated row is a config error.
printf '%s' '{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"],[37996,"FORD MOTOR CO","F","NYSE"],[37996,"FORD MOTOR CO","F-PB","NYSE"],[1,"SHELL CO","SHLX","OTC"],[2,"NULL EXCH CO","NUL",null]]}' > "$T/sec.json"
"$TL" import --sec "$T/sec.json" -o "$T/imp.tsv" 2> "$T/e"
ok $? "import --sec"
is "$(grep -v '^#' "$T/imp.tsv" | cut -f1-3 | tr '\t' ',' | sort | paste -sd ' ' -)" \
   "cik:1,SHLX,OTCM cik:320193,AAPL,XNAS cik:37996,F,XNYS issuer,symbol,mic" \
   "SEC rows become listings (preferreds and null exchanges dropped)"
is "$(printf '%s\n' '{"id":1,"body":"FORD MOTOR CO said..."}' | "$TL" --listings "$T/imp.tsv" | python3 -c 'import json,sys; print([t["symbol"] for t in json.loads(sys.stdin.read())["tickers"]])')" \
   "['F']" "an imported table loads and links"
printf 'symbol\tmic\tname\nZZZ\tXLON\tZed Holdings plc\n' > "$T/plain.tsv"
"$TL" import --tsv "$T/plain.tsv" -o "$T/imp2.tsv" 2> "$T/e"
ok $? "import --tsv with only symbol, mic and name"
like "$(grep ZZZ "$T/imp2.tsv")" '^XLON:ZZZ	ZZZ	XLON' "the issuer defaults to MIC:SYMBOL"
printf 'issuer\tsymbol\tmic\tname\taliases\n@XNYS:NOPE\t\t\t\t+Nope\ncik:320193\tAAPL\t\t\t\n' > "$T/cur.tsv"
"$TL" import --sec "$T/sec.json" --aliases "$T/cur.tsv" -o "$T/imp3.tsv" 2> "$T/e"
is "$?" "78" "a curated row with a symbol but no MIC is a config error"
like "$(cat "$T/e")" 'cur\.tsv:3:' "the importer names the curated file and line"
"$TL" import --bogus x 2> /dev/null
is "$?" "64" "unknown importer option exits 64"
"$TL" import $(i=0; while [ $i -lt 33 ]; do printf -- '--note x '; i=$((i + 1)); done) -o "$T/notes.tsv" 2> "$T/notes.err"
is "$?" "64" "a repeatable importer option given too often exits 64"
like "$(cat "$T/notes.err")" "--note: given more than 32 times" "and says which, not 'unknown option'"
# A JSON file that is not the SEC's table (no "data" member) is refused, not read as empty.
printf '{"id":"a","body":"x"}\n' > "$T/notsec.json"
"$TL" import --sec "$T/notsec.json" -o "$T/notsec.tsv" 2> "$T/e"
is "$?" "65" "import --sec of a JSON object without the SEC's table exits 65"
like "$(cat "$T/e")" "notsec.json: not an SEC company_tickers_exchange.json file" "and says so"
[ ! -e "$T/notsec.tsv" ]
ok $? "and writes no table"
done_testing
