#!/bin/sh
# The company links newspipe-ticker-link makes in unlabelled news, one per line, sorted: diff
# the output of two releases to read every link a change adds or removes. Columns: article
# id, half (0 or 1, from a hash of the id), MIC:symbol, issuer name, 40 characters before the
# first evidence, its text, 40 after. The sets: ../shared/data/summ (BBC, CNN, Daily Mail,
# XSum) and the Reuters sample of ../shared/data/corpora; none is labelled for ticker-link,
# so a diff is read, not scored. Read half 0 while looking for causes and count half 1 once,
# after the rule is chosen: that count is the unbiased one.
#   sh bench/ticker-link-newslinks.sh BIN LISTINGS [SHARED] > links.txt
#   PRE='bin/newspipe-entity-tag' sh bench/ticker-link-newslinks.sh ...  (a stage before it,
#   as the default pipeline runs entity-tag first)
set -eu
BIN=${1:?usage: ticker-link-newslinks.sh BIN LISTINGS [SHARED]}
LISTINGS=${2:?usage: ticker-link-newslinks.sh BIN LISTINGS [SHARED]}
SHARED=${3:-../shared}
PRE=${PRE:-cat}
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
for f in "$SHARED"/data/summ/*/docs.ndjson "$SHARED"/data/corpora/*/articles.ndjson; do
    [ -f "$f" ] || continue
    $PRE < "$f" | NEWSPIPE_CACHE_DIR="$CACHE" "$BIN" --listings "$LISTINGS"
done | python3 -c '
import hashlib, json, sys
def clean(s):
    return s.replace("\t", " ").replace("\n", " ")
for line in sys.stdin:
    r = json.loads(line)
    half = hashlib.md5(str(r.get("id")).encode()).digest()[0] & 1
    for t in r.get("tickers", []):
        e = t["evidence"][0]
        v = r.get(e["field"]) or ""
        if "start" in e:
            left, text, right = v[max(0, e["start"] - 40):e["start"]], v[e["start"]:e["end"]], v[e["end"]:e["end"] + 40]
        else:
            left, text, right = "", e["method"], ""
        print("%s\t%d\t%s:%s\t%s\t%s\t%s\t%s" % (r.get("id"), half, t["exchange"], t["symbol"], t["name"],
                                                 clean(left), clean(text), clean(right)))
' | LC_ALL=C sort
