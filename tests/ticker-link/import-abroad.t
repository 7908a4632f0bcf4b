#!/bin/sh
# newspipe-ticker-link import: FinanceDatabase gives no company's size; a European company
# that two of the continental markets quoting foreign blue chips (Xetra, Milan's and Vienna's
# global segments) quote besides its home exchange is a large one, whose short form links
# alone ("Lufthansa" of Deutsche Lufthansa AG). London's international order book, Toronto
# and companies outside Europe do not count, and a common word left of a large company's
# name ("Bank" of a "Deutsche Bank") is no form of it. Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/intl.tsv"
for l in 'FKF.DE|Deutsche Falkenflug AG|XETR|Germany' 'FKF.MI|Deutsche Falkenflug AG|XMIL|Germany' \
    'FKF.VI|Deutsche Falkenflug AG|XWBO|Germany' \
    'SPF.DE|Deutsche Sperlingflug AG|XETR|Germany' 'SPF.VI|Deutsche Sperlingflug AG|XWBO|Germany' \
    'KRF.PA|Compagnie Kranfluss SA|XPAR|France' 'KRF.TO|Compagnie Kranfluss SA|XTSE|France' \
    '0KRF.L|Compagnie Kranfluss SA|XLON|France' '0KRG.L|Compagnie Kranfluss SA|XLON|France' \
    'KNM.TO|Kanata Minerals Inc.|XTSE|Canada' 'KNM.DE|Kanata Minerals Inc.|XETR|Canada' \
    'KNM.VI|Kanata Minerals Inc.|XWBO|Canada' \
    'NBK.DE|Nordische Bank AG|XETR|Germany' 'NBK.MI|Nordische Bank AG|XMIL|Germany' \
    'NBK.VI|Nordische Bank AG|XWBO|Germany'; do
    IFS='|' read -r sym name mic country <<EOT
$l
EOT
    printf '%s\t%s\tX\t%s\tX\t%s\tX\tIndustrials\tAirlines\t\t\t\tFalse\n' "$sym" "$name" "$mic" "$country" >> "$T/intl.tsv"
done
"$TL" import --intl "$T/intl.tsv" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
row() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v m="$1" -v s="$2" '$3 == m && $2 == s { print $9 "|" $11 }'; }
is "$(row XETR FKF)" "60|Falkenflug" "quoted in Milan and Vienna: large, its short form strong"
is "$(row XETR SPF)" "35|~Sperlingflug" "quoted in Vienna alone: its short form needs support"
is "$(row XPAR KRF)" "35|~Kranfluss" "Toronto and London's order book do not count"
is "$(row XTSE KNM)" "35|~Kanata" "nor a company outside Europe (Xetra and Vienna quote miners of any size)"
is "$(row XETR NBK)" "60|" "a large company's name leaves no common word as its form"
is "$(grep -v '^#' "$T/l.tsv" | awk -F'\t' '$3 != "XETR" && $3 != "XPAR" && $3 != "XTSE"' | wc -l | tr -d ' ')" "1" \
    "the quotes abroad are no listings of their own (the header row only)"
link() {
    printf '{"id":"1","date":"2013-10-15","body":"%s said on Monday."}\n' "$1" |
        "$TL" --listings "$T/l.tsv" | grep -o '"symbol":"[^"]*"' | head -1
}
is "$(link Falkenflug)" '"symbol":"FKF"' "the large company's short form links alone"
is "$(link Sperlingflug)" "" "the other's does not"
