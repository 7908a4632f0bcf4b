#!/bin/sh
# newspipe-ticker-link: a company whose name holds the publisher's name is the news service
# speaking of itself ("according to Thomson Reuters data" in a Reuters story), as a curated
# "@" marks it, unless written as the sentence's subject: with its legal form or a business
# word after it. A publisher's name of under four letters tells nothing. Names written for
# this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"
table "$T/lst.tsv" <<'TSV'
# newspipe-listings 1
issuer|symbol|mic|ric|primary|country|valid_from|valid_to|prior|name|aliases
XTSE:TRX|TRX|XTSE||1|CA|||70|Thomson Wirenews Corporation|
XNYS:APH|APH|XNYS||1|US|||70|AP Holdings Group Inc|
TSV
rec() { # SOURCE TEXT
    if [ -n "$1" ]; then
        printf '{"source":"%s","body":"%s"}\n' "$1" "$2"
    else
        printf '{"body":"%s"}\n' "$2"
    fi
}
{
    rec Wirenews 'Revenue beat estimates, according to Thomson Wirenews I/B/E/S.'
    rec Wirenews 'Its share fell to 2 percent, according to Thomson Wirenews data.'
    rec Wirenews 'Thomson Wirenews said its profit fell.'
    rec Wirenews 'Shares of Thomson Wirenews Corp fell.'
    rec '' 'Revenue beat estimates, according to Thomson Wirenews I/B/E/S.'
    rec AP 'The deal was signed by AP Holdings Group in May.'
} > "$T/in.ndjson"
"$TL" --listings "$T/lst.tsv" --no-cache "$T/in.ndjson" > "$T/out" 2> "$T/err"
ok $? "links"
got() { sed -n "$1p" "$T/out" | python3 -c 'import json, sys; print(" ".join(t["symbol"] for t in json.load(sys.stdin)["tickers"]))'; }
is "$(got 1)" "" "the publisher's group in its own story is the service speaking of itself"
is "$(got 2)" "" "so is its data"
is "$(got 3)" "TRX" "a business word after it makes it the subject"
is "$(got 4)" "TRX" "and so does its legal form"
is "$(got 5)" "TRX" "in a story of no stated publisher it is the company"
is "$(got 6)" "APH" "a publisher's name of two letters tells nothing"
done_testing
