# Pools the "overall" lines of `newspipe-entity-tag eval` (precision, recall and gold count of
# each file) into the F1 conlleval would give over the files together; used by
# entity-tag-folds.sh and entity-tag-jackknife.sh. With -v each=1 each line's own F1 comes
# first; -v label=TEXT goes before the pooled figure.
{
    for (i = 1; i <= NF; i++) {
        if ($i == "precision") p = $(i + 1) / 100
        if ($i == "recall") r = $(i + 1) / 100
        if ($i == "F1" && each) printf "%s ", $(i + 1)
        if ($i ~ /^\(/) g = substr($i, 2) + 0
    }
    tp += r * g; gold += g; pred += r * g / p
}
END {
    P = tp / pred; R = tp / gold
    printf "%sF1 %.2f (precision %.2f, recall %.2f, %d gold entities)\n", label, 200 * P * R / (P + R), 100 * P, 100 * R, gold
}
