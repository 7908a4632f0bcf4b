#!/bin/sh
# The seed article (../shared/examples/seed.md) links exactly its six listed companies with
# the shipped listings table, and none of the private ones.
. "$NP_TOP/tests/lib.sh"
need_shared
need_prog newspipe-ticker-link
command -v python3 >/dev/null || skip_all "python3 absent"
export NEWSPIPE_CACHE_DIR="$T/cache"
out=$("$NP_BIN/newspipe-ticker-link" --listings "$NP_TOP/data/listings.tsv" "$NP_SHARED/examples/seed.ndjson")
is "$(printf '%s' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(" ".join(sorted(t["exchange"] + ":" + t["symbol"] for t in r["tickers"])))')" \
   "XHKG:0700 XHKG:1788 XHKG:3690 XHKG:9618 XHKG:9988 XNAS:JD XNAS:PDD XNYS:BABA" \
   "the six companies, with their listings (Alibaba and JD.com in New York and Hong Kong)"
is "$(printf '%s' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(len({t["issuer"] for t in r["tickers"]}))')" "6" "six issuers"
is "$(printf '%s' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
bad = {"ByteDance", "Douyin", "Huolala", "Ant Group", "TikTok", "Reuters"}
print(sorted(r["body"][e["start"]:e["end"]] for t in r["tickers"] for e in t["evidence"]
             if any(b in r["body"][e["start"]:e["end"]] for b in bad)))')" "[]" \
   "no private company and not the publisher"
is "$(printf '%s' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
t = [t for t in r["tickers"] if t["symbol"] == "PDD"][0]
print(sorted({r["body"][e["start"]:e["end"]] for e in t["evidence"]}))')" \
   "['PDD Holdings', 'Pinduoduo']" "PDD Holdings and Pinduoduo are one company"
done_testing
