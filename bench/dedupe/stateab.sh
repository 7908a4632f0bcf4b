#!/bin/sh
# CPU time (user + sys) of newspipe-dedupe loading and saving a state (--state FILE, no
# input), two builds interleaved run by run on the same machine, as a ratio: the machine
# may be shared, so wall time and lone figures say little.
#   sh bench/dedupe/stateab.sh REPS OLD_BIN OLD_STATE NEW_BIN NEW_STATE
# Each state is written beforehand by its own build's statebench (build/dedupe/statebench
# 1000000 FILE), as the formats may differ; each run saves its state again in place.
reps=$1 ob=$2 os=$3 nb=$4 ns=$5
[ $# -eq 5 ] || { echo "usage: $0 REPS OLD_BIN OLD_STATE NEW_BIN NEW_STATE" >&2; exit 64; }
tmp=$(mktemp -d) || exit 73
trap 'rm -rf "$tmp"' EXIT
i=0
while [ $i -lt "$reps" ]; do
    /usr/bin/time -f '%U %S %e' -a -o "$tmp/old" "$ob" --state "$os" < /dev/null || exit 1
    /usr/bin/time -f '%U %S %e' -a -o "$tmp/new" "$nb" --state "$ns" < /dev/null || exit 1
    i=$((i + 1))
done
med() { sort -n | awk '{ a[NR] = $1 } END { printf "median %.2f (%.2f-%.2f)", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
for f in old new; do
    echo "$f: CPU s $(awk '{ print $1 + $2 }' "$tmp/$f" | med), user $(awk '{ print $1 }' "$tmp/$f" | med), sys $(awk '{ print $2 }' "$tmp/$f" | med), wall $(awk '{ print $3 }' "$tmp/$f" | med)"
done
echo "new/old CPU, run by run: $(paste "$tmp/old" "$tmp/new" | awk '{ print ($4 + $5) / ($1 + $2) }' | med), $reps pairs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
