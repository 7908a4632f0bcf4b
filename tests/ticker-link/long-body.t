#!/bin/sh
# ticker-link stays linear on long bodies full of codes: a 10 MB body of 1.1 million
# "(AAPL.O) " took 42 s of CPU when the credit-line scan searched for the next newline again
# at every '(' (to the end of a text that has none); it takes about 0.5 s now. The CPU limit
# (ulimit -t 10) stops a quadratic program well before it could finish. The shapes after it
# each take well under a second at 4 MB.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

body() { # PATTERN MEGABYTES > FILE: one record whose body repeats PATTERN
    python3 -c '
import json, sys
pat = sys.argv[1].replace("\\n", "\n")
print(json.dumps({"id": "long", "body": pat * (int(sys.argv[2]) * 1000000 // len(pat))}))' "$1" "$2"
}

body '(AAPL.O) ' 10 > "$T/codes.ndjson"
(ulimit -t 10 && "$TL" < "$T/codes.ndjson" > "$T/out") 2> "$T/err"
ok $? "10 MB of parenthesized RICs within 10 s of CPU"
n=$(python3 -c '
import json, sys
r, i = (json.loads(open(f).read()) for f in sys.argv[1:])
print(len(r.get("tickers", [])), r["body"] == i["body"])' "$T/out" "$T/codes.ndjson" 2>/dev/null)
is "$n" "1 True" "one listing, the body untouched"

for pat in '(AAPL.O)\n' '$AAPL ' 'Apple AAPL.O ' '(NYSE: AAPL) ' 'Microsoft Corporation (MSFT) ' '( ' '(Reporting by X) '; do
    body "$pat" 4 > "$T/in.ndjson"
    (ulimit -t 10 && "$TL" < "$T/in.ndjson" > /dev/null) 2> "$T/err"
    ok $? "4 MB of '$(printf '%s' "$pat" | sed 's/\\n/<newline>/')' within 10 s of CPU"
done
done_testing
