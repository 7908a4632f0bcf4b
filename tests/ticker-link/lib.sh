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
