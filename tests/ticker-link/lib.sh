# Sourced by the ticker-link tests after tests/lib.sh: skips the test unless the filter and
# python3 are there; sets TL (the filter) and a listings cache of the test's own in $T;
# `table FILE` writes a listings table from lines with "|" for the tabs, read on stdin.
need_prog newspipe-ticker-link
command -v python3 >/dev/null || skip_all "python3 absent"
TL="$NP_BIN/newspipe-ticker-link"
export NEWSPIPE_CACHE_DIR="$T/cache"
table() { # FILE
    tr '|' '\t' > "$1"
}
# `symdir DIR NASDAQ OTHER` writes a Nasdaq Trader symbol-directory snapshot into DIR: each
# file's header line, then its rows ("\n" between them).
symdir() { # DIR NASDAQ_ROWS OTHER_ROWS
    mkdir -p "$1"
    printf '%s\n%b\n' 'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size' \
        "$2" > "$1/nasdaqlisted.txt"
    printf '%s\n%b\n' \
        'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol' \
        "$3" > "$1/otherlisted.txt"
}
# `intl_rows FILE` writes a FinanceDatabase file (../shared/data/tickers/intl-financedatabase
# layout) from lines "NAME|COUNTRY|EXCHANGE|MIC|SUFFIX[|ISIN]" on stdin: symbols S1.SUFFIX,
# S2...
intl_rows() { # FILE
    printf 'symbol\tname\texchange\tmic\tmarket\tcountry\tcurrency\tsector\tindustry\tisin\tfigi\tcomposite_figi\tdelisted\n' > "$1"
    _n=0
    while IFS='|' read -r _name _country _ex _mic _sfx _isin; do
        _n=$((_n + 1))
        printf 'S%d.%s\t%s\t%s\t%s\t%s\t%s\tX\tIndustrials\tMachines\t%s\t\t\tFalse\n' \
            "$_n" "$_sfx" "$_name" "$_ex" "$_mic" "$_ex" "$_country" "$_isin" >> "$1"
    done
}
