#!/usr/bin/env python3
"""Quality of newspipe-ticker-link on the Reuters 2013 sample (make eval-ticker-link).

1. Explicit recall: every RIC in labels.ndjson (not ".UL", which marks unlisted companies)
   must come back as "ric" evidence whose span is exactly that RIC.
2. Name-only recall: the parenthesized RIC groups are removed from the text; each removed
   (issuer, exchange) pair, as the explicit run resolved it, must still be linked.
3. Precision and recall against the hand-labelled gold file (issuer level).

Recall is reported on the whole sample and on its two halves by position in articles.ndjson
(0-based): even articles are the curation half (data/aliases.tsv additions may be decided
from their misses only), odd articles are held out.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

RIC = r"[A-Z0-9]{1,12}(?:_?[a-z]{1,2})?\.[A-Z]{1,3}"
GROUP = re.compile(r"\s*[(<]\s*" + RIC + r"(?:\s*[,;]\s*" + RIC + r")*\s*[)>]")
SIBLING = {"XVTX": "XSWX"}


PRE = None  # --pre: an upstream stage (entity-tag) whose output the filter reads


def run(binary, listings, records):
    args = [binary] + (["--listings", listings] if listings else [])
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if PRE:
        inp = subprocess.run(PRE, shell=True, input=inp.encode(), stdout=subprocess.PIPE,
                             check=True).stdout.decode()
    out = subprocess.run(args, input=inp.encode(), stdout=subprocess.PIPE, check=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]


def mic(x):
    return SIBLING.get(x, x)


def span(rec, ev):
    return (rec.get(ev["field"]) or "")[ev["start"]:ev["end"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--listings", default=None)
    ap.add_argument("--gold", default=None)
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--misses", default=None,
                    help="write every name-only miss as a JSON line to this file")
    ap.add_argument("--pre", default=None,
                    help="shell command run on the input first, e.g. bin/newspipe-entity-tag")
    a = ap.parse_args()
    global PRE
    PRE = a.pre
    d = os.path.join(a.shared, "data/corpora/reuters-fin-2013q4-sample")
    if not os.path.isdir(d):
        print("eval-ticker-link: ../shared absent, skipped")
        return 0
    arts = [json.loads(l) for l in open(os.path.join(d, "articles.ndjson"))]
    half = {r["id"]: ("even", "odd")[i % 2] for i, r in enumerate(arts)}
    labels = {}
    for l in open(os.path.join(d, "labels.ndjson")):
        x = json.loads(l)
        labels[x["id"]] = [r for r in x["rics"] if not r.endswith(".UL")]

    # 1. explicit
    out = run(a.bin, a.listings, arts)
    total = hit = 0
    tot_h = collections.Counter()
    gold_pairs = {}  # (id, ric) -> (issuer, mic) or None
    unresolved = collections.Counter()
    misses = []
    for rec in out:
        want = labels.get(rec["id"], [])
        found = {}
        for t in rec.get("tickers", []):
            for ev in t["evidence"]:
                if ev["method"] == "ric":
                    found.setdefault(span(rec, ev), (t["issuer"], t["exchange"]))
        for r in want:
            total += 1
            tot_h[half[rec["id"]]] += 1
            if r in found:
                hit += 1
                gold_pairs[(rec["id"], r)] = found[r]
                if found[r][0] is None:
                    unresolved[r] += 1
            else:
                misses.append((rec["id"], r))
    print(f"explicit RIC recall: {hit}/{total} = {hit / max(total, 1):.4f}")
    nres = sum(1 for v in gold_pairs.values() if v[0] is not None)
    print(f"  RICs resolved to a listed issuer: {nres}/{total} = {nres / max(total, 1):.4f}")
    for m in misses[: a.show_misses]:
        print("  explicit miss:", m)

    # 2. name-only
    stripped = []
    for rec in arts:
        r = dict(rec)
        for f in ("title", "body"):
            if isinstance(r.get(f), str):
                r[f] = GROUP.sub("", r[f])
        stripped.append(r)
    out2 = {r["id"]: r for r in run(a.bin, a.listings, stripped)}
    nhit = 0
    hit_h = collections.Counter()
    res_h = collections.Counter()
    nmiss = collections.Counter()
    dump = open(a.misses, "w") if a.misses else None
    for (aid, r), (iss, ex) in gold_pairs.items():
        if iss is not None:
            res_h[half[aid]] += 1
        ok = iss is not None and any(t["issuer"] == iss and mic(t["exchange"]) == mic(ex)
                                     for t in out2[aid].get("tickers", []))
        if ok:
            nhit += 1
            hit_h[half[aid]] += 1
            continue
        nmiss[r] += 1
        if dump:
            other = [(t["exchange"], t["symbol"]) for t in out2[aid].get("tickers", [])
                     if iss is not None and t["issuer"] == iss]
            dump.write(json.dumps({"id": aid, "half": half[aid], "ric": r, "issuer": iss,
                                   "exchange": ex, "other_listings": other}) + "\n")
    if dump:
        dump.close()
    print(f"name-only recall: {nhit}/{total} = {nhit / max(total, 1):.4f}"
          f"  (of resolved pairs: {nhit}/{nres} = {nhit / max(nres, 1):.4f})")
    for h in ("even", "odd"):
        what = "curation" if h == "even" else "held out"
        print(f"  {h} half ({what}): name-only {hit_h[h]}/{tot_h[h]} ="
              f" {hit_h[h] / max(tot_h[h], 1):.4f}; resolved {res_h[h]}/{tot_h[h]} ="
              f" {res_h[h] / max(tot_h[h], 1):.4f}")
    if a.show_misses:
        print("  most-missed RICs:", nmiss.most_common(a.show_misses))

    # 3. gold
    if a.gold and os.path.exists(a.gold):
        gold = collections.defaultdict(list)
        for line in open(a.gold):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            aid, keys = line.split("\t")[:2]
            gold[aid]
            if keys != "-":
                gold[aid].append(keys.split(","))
        # MIC:SYMBOL -> issuers by validity, from the listings table the filter used: a
        # reused symbol (S: Sprint, then SentinelOne) resolves by the article's date.
        lst = a.listings or os.path.join(os.path.dirname(a.bin), "..", "data", "listings.tsv")
        key2iss = collections.defaultdict(list)
        hdr = None
        for line in open(lst, encoding="utf-8"):
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if hdr is None:
                hdr = {c: i for i, c in enumerate(f)}
                continue
            key2iss[f[hdr["mic"]] + ":" + f[hdr["symbol"]]].append(
                (f[hdr["issuer"]], f[hdr["valid_from"]] or "0000", f[hdr["valid_to"]] or "9999"))
        dates = {r["id"]: (r.get("date") or "")[:10] for r in arts}

        def issuers(keys, day):
            found = []
            for k in keys:
                cands = key2iss.get(k, [])
                ok = [i for i, f, t in cands if f <= day <= t] or [i for i, f, t in cands]
                found += ok
            return set(found) or {"unknown:" + keys[0]}

        tp = fp = fn = 0
        fps, fns = [], []
        for rec in out:
            if rec["id"] not in gold:
                continue
            day = dates.get(rec["id"], "")
            wants = [issuers(keys, day) for keys in gold[rec["id"]]]
            got = set()
            for t in rec.get("tickers", []):
                got.add(t["issuer"] if t["issuer"] else "unknown:%s:%s" % (t["exchange"], t["symbol"]))
            matched = set()
            for w in wants:
                if w & got:
                    tp += 1
                    matched |= w & got
                else:
                    fn += 1
                    fns.append((rec["id"], sorted(w)[0]))
            for x in got - matched:
                fp += 1
                fps.append((rec["id"], x))
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        print(f"gold ({len(gold)} articles, issuer level): precision {tp}/{tp + fp} = {p:.4f}"
              f"  recall {tp}/{tp + fn} = {r:.4f}")
        for x in fps[: a.show_misses]:
            print("  false positive:", x)
        for x in fns[: a.show_misses]:
            print("  false negative:", x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
