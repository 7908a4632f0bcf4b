#!/bin/sh
# make bench-ticker-link: articles/s of newspipe-ticker-link on the Reuters sample repeated to
# about 80 MB (JSON in and out included), next to newspipe-cat and cat in the same run, and
# the listings load time (text parse and binary cache). Goal: >= 20,000 articles/s per core.
# Wall-clock medians are what the shared bench helpers report; CPU seconds (user + sys, one
# core) are printed too because these machines are often busy.
. "$NP_TOP/bench/lib.sh" 2>/dev/null || . "$(dirname "$0")/lib.sh"
need_sample
TL="$NP_BIN/newspipe-ticker-link"
export NEWSPIPE_CACHE_DIR="$BENCH_DIR/ticker-link-cache"
mkdir -p "$NEWSPIPE_CACHE_DIR"
big=$(big_input 80)
records=$(wc -l < "$big")
mb=$(awk -v b="$(wc -c < "$big")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $big, $mb MB, $records articles"
"$TL" --load-time < /dev/null 2> /dev/null # warm the binary cache

t_cat=$(median_seconds "cat < '$big' > /dev/null")
t_np=$(median_seconds "'$NP_BIN/newspipe-cat' < '$big' > /dev/null")
t_tl=$(median_seconds "'$TL' < '$big' > /dev/null")
printf '%-34s %8.3f s %10s articles/s\n' "cat > /dev/null" "$t_cat" "$(rate "$records" "$t_cat")"
printf '%-34s %8.3f s %10s articles/s\n' "newspipe-cat > /dev/null" "$t_np" "$(rate "$records" "$t_np")"
printf '%-34s %8.3f s %10s articles/s (wall, median of %s)\n' "newspipe-ticker-link > /dev/null" \
    "$t_tl" "$(rate "$records" "$t_tl")" "$RUNS"
if [ -x /usr/bin/time ]; then
    cpu=$(/usr/bin/time -f '%U %S' "$TL" < "$big" 2>&1 > /dev/null | tail -1 |
          awk '{ printf "%.3f", $1 + $2 }')
    printf '%-34s %8.3f s %10s articles/s (CPU user+sys, one core)\n' "newspipe-ticker-link" \
        "$cpu" "$(rate "$records" "$cpu")"
fi
echo "ratio ticker-link / cat time: $(ratio "$t_tl" "$t_cat")x; ticker-link / newspipe-cat: $(ratio "$t_tl" "$t_np")x"
echo "goal: >= 20000 articles/s per core"
for i in 1 2 3; do "$TL" --load-time --no-cache < /dev/null 2>&1 >/dev/null | sed 's/^/text:  /'; done
for i in 1 2 3; do "$TL" --load-time < /dev/null 2>&1 >/dev/null | sed 's/^/cache: /'; done
