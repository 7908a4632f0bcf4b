#!/usr/bin/env python3
"""NDJSON tagged by newspipe-entity-tag (its "entities" array) -> CoNLL for `train`: one
-DOCSTART- per article, a token a line ("TOKEN X X TAG", IOB2 from the PER/ORG/LOC/MISC spans
of the body), a blank line after . ? ! before a capital or a quote and at each newline.
Self-training's training text (bench/entity-tag-selftrain.sh).

Usage: entity-tag-pseudo.py [N] < TAGGED.ndjson > PSEUDO.conll   (the first N bodies)"""
import json, re, sys

# Abbreviations and initials stay one token, as CoNLL writes them ("Inc.", "U.S.").
TOK = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|(?:Inc|Corp|Co|Ltd|Mr|Mrs|Ms|Dr|Jr|St|No|Bhd|Plc|vs|Gov"
                 r"|Sen|Rep|Gen|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.|\d+(?:[.,]\d+)*"
                 r"|\w+(?:[-'’.&]\w+)*|'s|[^\w\s]", re.U)
TYPES = ("PER", "ORG", "LOC", "MISC")


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    out, k = sys.stdout, 0
    for line in sys.stdin:
        r = json.loads(line)
        body = r.get("body") or ""
        if not body:
            continue
        k += 1
        if limit is not None and k > limit:
            break
        lab = [None] * len(body)
        for e in r.get("entities", []):
            if e.get("field") == "body" and e.get("type") in TYPES:
                for i in range(e["start"], min(e["end"], len(body))):
                    lab[i] = (e["type"], e["start"])
        out.write("-DOCSTART- -X- -X- O\n\n")
        toks = [(m.group(), m.start()) for m in TOK.finditer(body)]
        prev = None
        for j, (t, s) in enumerate(toks):
            l = lab[s]
            tag = "O" if l is None else ("I-" if prev == l else "B-") + l[0]
            prev = l
            out.write(f"{t} X X {tag}\n")
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if (nxt is None or "\n" in body[s + len(t):nxt[1]]
                    or (t in ".?!" and (nxt[0][0].isupper() or nxt[0] in ('"', "“")))):
                out.write("\n")
                prev = None


if __name__ == "__main__":
    main()
