#!/usr/bin/env python3
"""Paired bootstrap over documents of two builds' entity-tag output on the same CoNLL files.

Usage: entity-tag-paired.py OLD_KEEP NEW_KEEP CONLL...
OLD_KEEP and NEW_KEEP are `newspipe-entity-tag eval --keep DIR` directories of the two builds
(each holds NAME.in.ndjson and NAME.out.ndjson for each CONLL file NAME). Prints the pooled
F1 of each and the 95% interval of the difference over 2,000 resamples of the documents
(seed 1). Spans are put on CoNLL token boundaries as `eval` does (the tokens they overlap).
"""
import json
import os
import random
import sys


def docs(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if cur:
                out.append(cur)
            cur = []
            continue
        if not line.strip():
            cur.append(None)
            continue
        p = line.split()
        cur.append((p[0], p[-1]))
    if cur:
        out.append(cur)
    return [d for d in out if any(d)]


def gold(toks, text):
    pos, spans, cur, bounds = 0, set(), None, []
    for t in toks:
        if t is None:
            if cur:
                spans.add(cur)
            cur = None
            continue
        word, tag = t
        s = text.find(word, pos)
        e = s + len(word)
        pos = e
        bounds.append((s, e))
        if tag == "O":
            if cur:
                spans.add(cur)
            cur = None
            continue
        ty = tag[2:]
        if cur and tag.startswith("I-") and cur[2] == ty:
            cur = (cur[0], e, ty)
        else:
            if cur:
                spans.add(cur)
            cur = (s, e, ty)
    if cur:
        spans.add(cur)
    return spans, bounds


def predicted(ents, bounds):
    out = set()
    for x in ents:
        if x["type"] not in ("PER", "ORG", "LOC", "MISC"):
            continue
        ov = [(s, e) for s, e in bounds if s < x["end"] and x["start"] < e]
        if ov:
            out.add((ov[0][0], ov[-1][1], x["type"]))
    return out


def f1(rows, k):
    tp = sum(r[k] for r in rows)
    fp = sum(r[k + 1] for r in rows)
    fn = sum(r[k + 2] for r in rows)
    return 200.0 * tp / (2 * tp + fp + fn) if tp else 0.0


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    old_dir, new_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows = []
    for path in files:
        name = os.path.basename(path)
        ins = [json.loads(l) for l in open(os.path.join(new_dir, name + ".in.ndjson"))]
        olds = [json.loads(l) for l in open(os.path.join(old_dir, name + ".out.ndjson"))]
        news = [json.loads(l) for l in open(os.path.join(new_dir, name + ".out.ndjson"))]
        for toks, rec, a, b in zip(docs(path), ins, olds, news):
            g, bounds = gold(toks, rec["body"])
            row = []
            for out in (a, b):
                p = predicted(out["entities"], bounds)
                row += [len(p & g), len(p - g), len(g - p)]
            rows.append(row)
    rng = random.Random(1)
    diffs = sorted(
        f1(s, 3) - f1(s, 0) for s in ([rng.choice(rows) for _ in rows] for _ in range(2000))
    )
    print("%d documents: F1 %.2f -> %.2f (%+.2f, 95%% interval over documents %+.2f to %+.2f)"
          % (len(rows), f1(rows, 0), f1(rows, 3), f1(rows, 3) - f1(rows, 0), diffs[50], diffs[1949]))


main()
