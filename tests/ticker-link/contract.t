#!/bin/sh
# The black-box record contract (../shared/tools/contract-check) holds for ticker-link.
. "$NP_TOP/tests/lib.sh"
need_shared
need_prog newspipe-ticker-link
[ -x "$NP_SHARED/tools/contract-check" ] || skip_all "contract-check absent"
command -v python3 >/dev/null || skip_all "python3 absent"
export NEWSPIPE_CACHE_DIR="$T/cache"
python3 "$NP_SHARED/tools/contract-check" "$NP_BIN/newspipe-ticker-link" \
    --listings "$NP_TOP/tests/ticker-link/listings-fixture.tsv" > "$T/out" 2>&1
rc=$?
sed 's/^/# /' "$T/out" | tail -n 40
ok $rc "contract-check passes"
done_testing
