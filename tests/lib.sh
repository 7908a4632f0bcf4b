# TAP helpers for newspipe's shell tests. Source it: . "$NP_TOP/tests/lib.sh"
# Provides: ok STATUS DESC, is GOT WANT DESC, like TEXT PATTERN DESC, skip DESC,
# skip_all REASON, need_shared, done_testing, and $T (a temporary directory removed at exit).
# The environment comes from `make check`: NP_BIN, NP_TOP, NP_SHARED, NP_OUT, NP_SANITIZE.

if [ -z "${NP_TOP:-}" ]; then # run by hand: find the tree above the test
    NP_TOP=$(cd "$(dirname "$0")" && pwd)
    while [ "$NP_TOP" != / ] && [ ! -f "$NP_TOP/tests/lib.sh" ]; do NP_TOP=$(dirname "$NP_TOP"); done
fi
: "${NP_BIN:=$NP_TOP/bin}"
: "${NP_SHARED:=$NP_TOP/../shared}"
export NP_TOP NP_BIN NP_SHARED
_tap_n=0
_tap_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/np-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

ok() { # STATUS DESC: passes when STATUS is 0
    _tap_n=$((_tap_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $_tap_n - $2"
    else
        echo "not ok $_tap_n - $2"
        _tap_failed=$((_tap_failed + 1))
    fi
}

is() { # GOT WANT DESC
    if [ "$1" = "$2" ]; then
        ok 0 "$3"
    else
        ok 1 "$3"
        printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | head -n 20
    fi
}

like() { # TEXT EXTENDED-REGEX DESC
    if printf '%s' "$1" | grep -Eq -- "$2"; then
        ok 0 "$3"
    else
        ok 1 "$3"
        printf '#   text: %s\n#   does not match: %s\n' "$1" "$2" | head -n 20
    fi
}

skip() { # DESC
    _tap_n=$((_tap_n + 1))
    echo "ok $_tap_n # SKIP $1"
}

skip_all() { # REASON
    echo "1..0 # SKIP $1"
    exit 0
}

need_shared() {
    [ -d "$NP_SHARED/data" ] || skip_all "../shared absent"
}

need_prog() { # NAME: skip the whole test when bin/NAME is not built
    [ -x "$NP_BIN/$1" ] || skip_all "$1 not built"
}

done_testing() {
    echo "1..$_tap_n"
    [ "$_tap_failed" -eq 0 ]
}
