#!/bin/sh
# The company links newspipe-ticker-link makes in unlabelled news, one per line (article id,
# MIC:symbol, issuer name, the text of its first evidence), sorted: diff the output of two
# releases to read every link a change adds or removes. The sets: ../shared/data/summ (BBC,
# CNN, Daily Mail, XSum) and the Reuters sample of ../shared/data/corpora; none is labelled
# for ticker-link, so a diff is read, not scored.
#   sh bench/ticker-link-newslinks.sh BIN LISTINGS [SHARED] > links.txt
set -eu
BIN=${1:?usage: ticker-link-newslinks.sh BIN LISTINGS [SHARED]}
LISTINGS=${2:?usage: ticker-link-newslinks.sh BIN LISTINGS [SHARED]}
SHARED=${3:-../shared}
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
for f in "$SHARED"/data/summ/*/docs.ndjson "$SHARED"/data/corpora/*/articles.ndjson; do
    [ -f "$f" ] || continue
    NEWSPIPE_CACHE_DIR="$CACHE" "$BIN" --listings "$LISTINGS" < "$f"
done | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    for t in r.get("tickers", []):
        e = t["evidence"][0]
        text = (r.get(e["field"]) or "")[e["start"]:e["end"]] if "start" in e else e["method"]
        print("%s\t%s:%s\t%s\t%s" % (r.get("id"), t["exchange"], t["symbol"], t["name"],
                                     text.replace("\t", " ").replace("\n", " ")))
' | LC_ALL=C sort
