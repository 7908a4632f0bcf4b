#!/bin/sh
# The tree's dependency rules, checked from the sources and the objects: common/ includes only
# its own headers; a filter includes common/'s and its own, never another filter's or the
# runner's; the runner includes common/'s and its own; and, libuv's rule for internal symbols,
# the runner's objects define np__* functions only (and main), common/'s np_* only, so that a
# name says whose it is.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
cd "$NP_TOP" || exit 1

# Prints "FILE: HEADER" for each quoted include of FILE that does not resolve to a file under
# one of the allowed folders (relative to FILE's folder, then to each -I folder given).
stray_includes() { # ALLOWED-ROOT... -- FILE...
    roots=
    while [ "$1" != -- ]; do
        roots="$roots $1"
        shift
    done
    shift
    for f in "$@"; do
        dir=$(dirname "$f")
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while read -r h; do
                found=
                for base in "$dir" $roots; do
                    [ -f "$base/$h" ] || continue
                    real=$(realpath -m "$base/$h")
                    for r in $roots; do
                        case $real in "$(realpath -m "$r")"/*) found=1 ;; esac
                    done
                    break
                done
                [ -n "$found" ] || echo "$f: $h"
            done
    done
}

bad=$(stray_includes common -- common/*.[ch])
is "$bad" "" "common/ includes only its own headers"

bad=
for d in filters/*/; do
    d=${d%/}
    files=$(find "$d" -name '*.[ch]')
    bad="$bad$(stray_includes common "$d" -- $files)"
done
bad="$bad$(stray_includes common -- filters/*.c)"
is "$bad" "" "each filter includes common/'s headers and its own only"

bad=$(stray_includes common runner -- $(find runner -name '*.[ch]'))
is "$bad" "" "the runner includes common/'s headers and its own only"

# The checker itself: a filter that includes another filter's header is caught.
mkdir -p "$T/filters/a" "$T/filters/b" "$T/common"
echo 'int b(void);' > "$T/filters/b/b.h"
echo '#include "../b/b.h"' > "$T/filters/a/a.c"
bad=$(cd "$T" && stray_includes common filters/a -- filters/a/a.c)
is "$bad" 'filters/a/a.c: ../b/b.h' "an include of another filter's header is reported"

obj=${NP_OUT:-build}/obj
if ! command -v nm > /dev/null || [ ! -d "$obj/runner" ] || [ ! -d "$obj/common" ]; then
    for i in 1 2 3; do skip "the symbol rules: nm or the objects under $obj absent"; done
    done_testing
    exit 0
fi
syms() { # DIR: the global symbols its objects define (ASan's ODR markers name theirs)
    find "$1" -name '*.o' -exec nm -g --defined-only {} + |
        awk 'NF == 3 { sub(/^__odr_asan\./, "", $3); print $3 }' | sort -u
}
runner=$(syms "$obj/runner")
[ -n "$runner" ]
ok $? "the runner's objects define symbols"
is "$(printf '%s\n' "$runner" | grep -v '^np__' | grep -v '^main$')" "" \
    "the runner's global symbols are np__* (internal) or main"
is "$(syms "$obj/common" | grep -v '^np_[a-z0-9]')" "" \
    "common/'s global symbols are np_* (its API), none np__*"
done_testing
