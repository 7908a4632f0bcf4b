#!/bin/sh
# Two builds of one program, timed in turn on the same input: the CPU seconds (user + sys) of
# each run, then the medians and the median of the per-pair ratios (NEW / OLD), so that a
# change's speed is read against its baseline in one command on a loaded machine.
#   sh bench/ab.sh N OLD_BIN NEW_BIN INPUT [ARGS...]
# e.g. a git worktree of the previous release built in /tmp/prev:
#   sh bench/ab.sh 10 /tmp/prev/bin/newspipe-entity-tag bin/newspipe-entity-tag \
#       ../shared/data/corpora/reuters-fin-2013q4-sample/articles.ndjson --model data/entity-tag.model
set -eu
n=${1:?usage: ab.sh N OLD_BIN NEW_BIN INPUT [ARGS...]}
old=${2:?usage}
new=${3:?usage}
in=${4:?usage}
shift 4
[ -x /usr/bin/time ] || { echo "ab.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 69; }
cpu() { # BIN ARGS...: user + sys seconds of one run on the input
    /usr/bin/time -f '%U %S' "$@" < "$in" 2>&1 >/dev/null | tail -n 1 | awk '{ print $1 + $2 }'
}
i=0
while [ "$i" -lt "$n" ]; do
    printf '%s %s\n' "$(cpu "$old" "$@")" "$(cpu "$new" "$@")"
    i=$((i + 1))
done | awk '
function median(a, k,   i, j, t) { # sorts a[1..k] in place
    for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
{ k++; o[k] = $1; w[k] = $2; r[k] = $1 > 0 ? $2 / $1 : 0; printf "run %d: old %.3f s, new %.3f s\n", k, $1, $2 }
END {
    mo = median(o, k); mn = median(w, k); mr = median(r, k)
    printf "median CPU: old %.3f s, new %.3f s; median ratio new/old %.3f (%.3f-%.3f over %d pairs)\n", mo, mn, mr, r[1], r[k], k
}'
