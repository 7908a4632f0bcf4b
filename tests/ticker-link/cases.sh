# Sourced by ticker-link tests that run many small articles through one run of the filter
# (fast on a busy machine): `add TEXT [DATE]` appends one record per case (published on DATE,
# else on $CASE_DATE, else undated); `link_cases LISTINGS` links them all and writes each
# case's linked "SYMBOL@MIC" list, sorted, one line per case; `got N` prints case N's line.
: > "$T/cases.ndjson"
case_n=0
add() { # TEXT [DATE]
    case_n=$((case_n + 1))
    case_d=${2:-${CASE_DATE:-}}
    if [ -n "$case_d" ]; then
        printf '{"id":%d,"body":"%s","published":"%s"}\n' "$case_n" "$1" "$case_d" >> "$T/cases.ndjson"
    else
        printf '{"id":%d,"body":"%s"}\n' "$case_n" "$1" >> "$T/cases.ndjson"
    fi
}
link_cases() { # LISTINGS
    "$NP_BIN/newspipe-ticker-link" --listings "$1" "$T/cases.ndjson" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(" ".join(sorted(t["symbol"] + "@" + (t["exchange"] or "?") for t in r["tickers"])))' > "$T/linked"
}
got() { sed -n "$1p" "$T/linked"; }
