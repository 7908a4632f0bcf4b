#!/bin/sh
# make bench-summarize: articles/s of newspipe-summarize on the Reuters sample (JSON in and
# out included, one core), next to cat and newspipe-cat in the same run; and the time for
# one 10 MB body against one 1 MB body (linear: about 10x). Goal: >= 5,000 articles/s.
. "$(dirname "$0")/lib.sh"
need_sample
W="$(dirname "$0")/../data/summarize.weights"
in=$(big_input 30)
bytes=$(wc -c < "$in")
records=$(wc -l < "$in")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $in, $mb MB, $records records (the Reuters sample repeated)"
t_cat=$(median_seconds "cat < '$in' > /dev/null")
t_npcat=$(median_seconds "'$NP_BIN/newspipe-cat' < '$in' > /dev/null")
t_lead=$(median_seconds "'$NP_BIN/newspipe-summarize' --method lead < '$in' > /dev/null")
t_def=$(median_seconds "'$NP_BIN/newspipe-summarize' --weights '$W' < '$in' > /dev/null")
printf '%-34s %8.4f s %8s MB/s %10s articles/s\n' "cat" "$t_cat" "$(rate "$mb" "$t_cat")" "$(rate "$records" "$t_cat")"
printf '%-34s %8.4f s %8s MB/s %10s articles/s\n' "newspipe-cat" "$t_npcat" "$(rate "$mb" "$t_npcat")" "$(rate "$records" "$t_npcat")"
printf '%-34s %8.4f s %8s MB/s %10s articles/s\n' "newspipe-summarize --method lead" "$t_lead" "$(rate "$mb" "$t_lead")" "$(rate "$records" "$t_lead")"
printf '%-34s %8.4f s %8s MB/s %10s articles/s\n' "newspipe-summarize (default)" "$t_def" "$(rate "$mb" "$t_def")" "$(rate "$records" "$t_def")"
echo "summarize (default) articles/s: $(rate "$records" "$t_def") (goal >= 5000 per core)"
echo "ratio summarize / cat time: $(ratio "$t_def" "$t_cat")x; summarize / newspipe-cat time: $(ratio "$t_def" "$t_npcat")x"

# linearity: one article of 1 MB and one of 10 MB, built from the sample's sentences
python3 - "$BENCH_DIR" "$SAMPLE" <<'PY' || { echo "python3 absent: no linearity check"; exit 0; }
import json, sys
d, sample = sys.argv[1], sys.argv[2]
text = " ".join(json.loads(l)["body"] for l in open(sample, encoding="utf-8"))
for mb in (1, 10):
    body = (text * (mb * 1_000_000 // len(text) + 1))[: mb * 1_000_000]
    with open("%s/summ-body-%dmb.ndjson" % (d, mb), "w") as f:
        f.write(json.dumps({"title": "big", "body": body}) + "\n")
PY
t1=$(median_seconds "'$NP_BIN/newspipe-summarize' --weights '$W' --max-line 64M < '$BENCH_DIR/summ-body-1mb.ndjson' > /dev/null")
t10=$(median_seconds "'$NP_BIN/newspipe-summarize' --weights '$W' --max-line 64M < '$BENCH_DIR/summ-body-10mb.ndjson' > /dev/null")
printf '%-34s %8.4f s\n%-34s %8.4f s\n' "one 1 MB body" "$t1" "one 10 MB body" "$t10"
echo "ratio 10 MB / 1 MB time: $(ratio "$t10" "$t1")x (linear: about 10x)"
