#!/bin/sh
# newspipe-ticker-link import: FinanceDatabase gives no company's size; a European company
# that two of the continental markets quoting foreign blue chips (Xetra, Milan's and Vienna's
# global segments) quote besides its home exchange is a large one, whose short form links
# alone ("Lufthansa" of Deutsche Lufthansa AG). London's international order book, Toronto
# and companies outside Europe do not count, and a common word left of a large company's
# name ("Bank" of a "Deutsche Bank") is no form of it. Names written for this test.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/ticker-link/lib.sh"

intl_rows "$T/intl.tsv" <<'ROWS'
Deutsche Falkenflug AG|Germany|GER|XETR|DE
Deutsche Falkenflug AG|Germany|MIL|XMIL|MI
Deutsche Falkenflug AG|Germany|VIE|XWBO|VI
Deutsche Sperlingflug AG|Germany|GER|XETR|DE
Deutsche Sperlingflug AG|Germany|VIE|XWBO|VI
Compagnie Kranfluss SA|France|PAR|XPAR|PA
Compagnie Kranfluss SA|France|TOR|XTSE|TO
Compagnie Kranfluss SA|France|LSE|XLON|L
Kanata Minerals Inc.|Canada|TOR|XTSE|TO
Kanata Minerals Inc.|Canada|GER|XETR|DE
Kanata Minerals Inc.|Canada|VIE|XWBO|VI
Svenska Bank AB|Sweden|STO|XSTO|ST
Svenska Bank AB|Sweden|GER|XETR|DE
Svenska Bank AB|Sweden|MIL|XMIL|MI
Kirisame Motor Co., Ltd.|Japan|JPX|XJPX|T|US4970001234
Kirisame Shoji Co., Ltd.|Japan|JPX|XJPX|T|JP3270001234
Wallaby Nickel Limited|Australia|ASX|XASX|AX|US9310001234
ROWS
"$TL" import --intl "$T/intl.tsv" -o "$T/l.tsv" 2> "$T/e"
ok $? "import"
row() { grep -v '^#' "$T/l.tsv" | awk -F'\t' -v m="$1" -v n="$2" '$3 == m && $10 == n { print $9 "|" $11 }'; }
is "$(row XETR "Deutsche Falkenflug AG")" "60|Falkenflug" "quoted in Milan and Vienna: large, its short form strong"
is "$(row XETR "Deutsche Sperlingflug AG")" "35|~Sperlingflug" "quoted in Vienna alone: its short form needs support"
is "$(row XPAR "Compagnie Kranfluss SA")" "35|~Kranfluss" "Toronto and London do not count"
is "$(row XTSE "Kanata Minerals Inc.")" "35|~Kanata" "nor a company outside Europe (Xetra and Vienna quote miners of any size)"
is "$(row XSTO "Svenska Bank AB")" "60|" "a large company's name leaves no common word as its form (\"Bank\" after a leading word)"
is "$(row XTKS "Kirisame Motor Co., Ltd.")|$(row XTKS "Kirisame Shoji Co., Ltd.")" "60|Kirisame|35|" \
   "a Tokyo line with the US ISIN of depositary receipts is a large company's, its short form strong"
is "$(row XASX "Wallaby Nickel Limited")" "35|" "not in Sydney, where such ISINs mark small companies too"
is "$(grep -v '^#' "$T/l.tsv" | awk -F'\t' '$3 != "XETR" && $3 != "XPAR" && $3 != "XTSE" && $3 != "XSTO" && $3 != "XTKS" && $3 != "XASX"' | wc -l | tr -d ' ')" "1" \
    "the quotes abroad are no listings of their own (the header row only)"
link() {
    printf '{"id":"1","date":"2013-10-15","body":"%s said on Monday."}\n' "$1" |
        "$TL" --listings "$T/l.tsv" | grep -o '"symbol":"[^"]*"' | head -1
}
is "$(link Falkenflug)" '"symbol":"S1"' "the large company's short form links alone"
is "$(link Sperlingflug)" "" "the other's does not"
# Shanghai's 5xxxxx and Shenzhen's 1xxxxx codes are funds, whatever name the source gives them.
printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$T/cn.tsv"
for r in "600999.SS|Jinque Motor Co Ltd|SHH|XSHG" "501099.SS|Jinque Fund Management - Jinque Mixed Fund|SHH|XSHG" \
         "000999.SZ|Yinlu Pharma Co Ltd|SHZ|XSHE" "164599.SZ|Kranfluss SE|SHZ|XSHE"; do
    echo "$r" | awk -F'|' '{ printf "%s\t%s\t%s\t%s\tX\tChina\tCNY\tIndustrials\tMachines\t\t\t\tFalse\n", $1, $2, $3, $4 }' >> "$T/cn.tsv"
done
"$TL" import --intl "$T/cn.tsv" -o "$T/cn-l.tsv" 2> "$T/e"
ok $? "import of Chinese lines"
types=$(grep -v '^#' "$T/cn-l.tsv" | awk -F'\t' 'NR > 1 { printf "%s:%s ", $2, ($12 == "" ? "common" : $12) }')
is "$types" "000999:common 164599:fund 501099:fund 600999:common " "Shanghai's 5xxxxx and Shenzhen's 1xxxxx are funds, shares stay common"
done_testing
