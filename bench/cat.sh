#!/bin/sh
# make bench-cat: throughput of the record path (newspipe-cat) against `cat` and `jq -c .` on
# ~100 MB of real articles, in the same run. Goals: >= 20x jq, within 5x of cat, and peak
# memory independent of input size.
. "$(dirname "$0")/lib.sh"
need_sample
big=$(big_input 100)
small=$(big_input 10)
bytes=$(wc -c < "$big")
records=$(wc -l < "$big")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $big, $mb MB, $records records"

t_cat=$(median_seconds "cat < '$big' > /dev/null")
t_np=$(median_seconds "'$NP_BIN/newspipe-cat' < '$big' > /dev/null")
t_cat_pipe=$(median_seconds "cat < '$big' | cat > /dev/null")
t_np_pipe=$(median_seconds "'$NP_BIN/newspipe-cat' < '$big' | cat > /dev/null")
printf '%-28s %8.4f s %8s MB/s\n' "cat > /dev/null" "$t_cat" "$(rate "$mb" "$t_cat")"
printf '%-28s %8.4f s %8s MB/s %10s records/s\n' "newspipe-cat > /dev/null" "$t_np" "$(rate "$mb" "$t_np")" "$(rate "$records" "$t_np")"
printf '%-28s %8.4f s %8s MB/s\n' "cat | cat" "$t_cat_pipe" "$(rate "$mb" "$t_cat_pipe")"
printf '%-28s %8.4f s %8s MB/s\n' "newspipe-cat | cat" "$t_np_pipe" "$(rate "$mb" "$t_np_pipe")"
if command -v jq >/dev/null; then
    t_jq=$(median_seconds "jq -c . < '$big' > /dev/null" 1)
    printf '%-28s %8.4f s %8s MB/s  (%s)\n' "jq -c . > /dev/null" "$t_jq" "$(rate "$mb" "$t_jq")" "$(jq --version)"
    echo "ratio newspipe-cat / jq throughput: $(ratio "$t_jq" "$t_np")x (goal >= 20x)"
else
    echo "jq not installed: no jq ratio"
fi
echo "ratio cat / newspipe-cat throughput (to /dev/null): $(ratio "$t_np" "$t_cat")x (goal <= 5x)"
echo "ratio cat / newspipe-cat throughput (into a pipe): $(ratio "$t_np_pipe" "$t_cat_pipe")x"
echo "peak RSS newspipe-cat: $(peak_rss_kb "'$NP_BIN/newspipe-cat' < '$big'") KB on 100 MB, $(peak_rss_kb "'$NP_BIN/newspipe-cat' < '$small'") KB on 10 MB"
