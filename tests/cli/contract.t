#!/bin/sh
# Every filter keeps the record contract, checked from outside by ../shared/tools/contract-check.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_shared
[ -x "$NP_SHARED/tools/contract-check" ] || skip_all "contract-check absent"
command -v python3 >/dev/null || skip_all "python3 absent"
for prog in "$NP_BIN"/newspipe-*; do
    [ -x "$prog" ] || continue
    name=$(basename "$prog")
    "$NP_SHARED/tools/contract-check" "$prog" > "$T/out" 2>&1
    rc=$?
    ok $rc "$name passes contract-check ($(tail -n 1 "$T/out"))"
    [ $rc -eq 0 ] || sed 's/^/# /' "$T/out" | grep FAIL
done
done_testing
