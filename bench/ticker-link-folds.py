#!/usr/bin/env python3
"""Pseudo-unseen folds of the DEV companies of bench/ticker-link-heldout.py, for choosing
recall rules without the sealed test part.

The dev companies (first md5 hex digit of "ROOT.SUFFIX" not 0-2) are split into K folds by
the SECOND hex digit (int(d, 16) % K). For each fold the table is built as the held-out dev
table is, with that fold's companies treated like the test part: the curated rows naming
them left out (the `split` rule of ticker-link-heldout.py) and their codes excluded from
`learn`. Masked recall (codes cut out of the text) is then scored on that fold's companies
only: companies no curation or learning has seen. The sealed test part is never scored,
printed or learnt from here (its codes are excluded in every fold).

Each miss is classified mechanically:
  a  the table has a listing with the gold code (on the RIC's exchange, valid on the
     article's date or without dates): the name in the text did not match it; the
     subclass compares the name written before the code in the text with the listing's
     name (legal form, group word, "The", shorter, longer, other)
  b  no such listing, but the name written before the code names a listing of the
     sources-only table under another code or exchange: "root" on the RIC's exchange
     under another symbol ("root-linked" when the linker linked that listing: right but
     not creditable without the RIC), "other" only on other exchanges
  c  neither: no source here has it
  n  no name written before the code (a bare code): nothing to match
Usage:
  ticker-link-folds.py --bin BIN --shared DIR --aliases data/aliases.tsv --work DIR \
      [--k 4] [--misses FILE] -- IMPORT-SOURCE-ARGS...
"""
import argparse, collections, datetime, importlib.util, json, os, re, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("ho", os.path.join(HERE, "ticker-link-heldout.py"))
ho = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ho)
IS_TEST = ho.is_test


def fold_of(ric, k):
    root, sfx = ho.root_key(ric)
    return int(ho.hashlib.md5(f"{root}.{sfx}".encode()).hexdigest()[1], 16) % k


LEGAL, GROUP = ho.LEGAL, ho.GROUP_WORDS
words, core, name_before, read_table = ho.words, ho.core, ho.name_before, ho.read_table


def sym_root(s):
    return re.sub(r"[^A-Z0-9]", "", (s or "").split("-")[0].split(".")[0])


def listing_for(rows_by_key, ric, sfx, day):
    root, s = ho.root_key(ric)
    mic = sfx.get(s)
    if not mic:
        return None
    out = []
    for r in rows_by_key.get((ho.canon(mic), root), []) + rows_by_key.get(("ric", ric), []):
        if day and r["valid_from"] and day < r["valid_from"]:
            continue
        if day and r["valid_to"] and day > r["valid_to"]:
            continue
        out.append(r)
    if not out and mic in ("XETR", "XFRA") and root.endswith("G"):
        out = rows_by_key.get((ho.canon(mic), root[:-1]), [])
    return out or None


def index_rows(rows):
    by = collections.defaultdict(list)
    for r in rows:
        by[(ho.canon(r["mic"]), sym_root(r["symbol"]))].append(r)
        if r["ric"]:
            by[("ric", r["ric"])].append(r)
    return by


def subclass(text_name, listed):
    t = words(text_name)
    best = "other"
    for n in listed:
        l = words(n)
        if not t or not l:
            continue
        if t == l:
            return "same-words"
        if core(t) == core(l):
            if t[:1] == ["the"] or l[:1] == ["the"]:
                best = "the"
            elif any(w in GROUP for w in t + l):
                best = "group-word"
            else:
                best = "legal-form"
            continue
        ct, cl = core(t), core(l)
        if best == "other" and len(ct) < len(cl) and cl[:len(ct)] == ct:
            best = "text-shorter-prefix"
        elif best == "other" and len(ct) > len(cl) and ct[:len(cl)] == cl:
            best = "text-longer"
        elif best == "other" and set(ct) < set(cl):
            best = "text-subset"
        elif best == "other" and "".join(ct) == "".join(cl):
            best = "spacing"
    return best


def ev_text(rec, t):
    """The words around a link's first evidence, for reading a wrong issuer."""
    for e in t.get("evidence", []):
        v = rec.get(e["field"]) or ""
        return v[max(0, e["start"] - 30):e["end"] + 30].replace("\n", " ")
    return ""


def gold_score(binary, table, arts, gold, sfx, part, show=None):
    """Gold recall and wrong issuers, counting only companies for which part(RIC) holds
    (a company is ROOT.SUFFIX of its MIC:SYMBOL, as in ticker-link-heldout.py)."""
    mic_of = {}
    for k, v in sfx.items():
        mic_of.setdefault(v, k)
    def ric_of(m, s):
        suf = mic_of.get(m)
        return f"{re.sub(r'[^A-Z0-9]', '', s.split('-')[0].split('.')[0])}.{suf}" if suf else None
    out = ho.run(binary, table, [r for r in arts if r["id"] in gold])
    tp = n = fp = 0
    recs = {r["id"]: r for r in arts}
    for aid, wants in gold.items():
        tk = out[aid].get("tickers", [])
        got = [(ho.canon(t["exchange"] or ""), t["symbol"]) for t in tk]
        used = set()
        for w in wants:
            alts = {(ho.canon(k.split(":", 1)[0]), k.split(":", 1)[1]) for k in w if ":" in k}
            m, s = next(iter(sorted(alts)))
            r = ric_of(m, s)
            found = [g for g in got if g in alts]
            used.update(found)
            if r and part(r):
                n += 1
                tp += bool(found)
                if show and not found:
                    show.write(f"missed\t{aid}\t{' '.join(sorted(w))}\n")
        by_iss = collections.defaultdict(list)
        for t in tk:
            by_iss[t["issuer"] or t["symbol"]].append((ho.canon(t["exchange"] or ""), t["symbol"]))
        for iss, ls in by_iss.items():
            if any(l in used for l in ls):
                continue
            rs = [ric_of(m, s) for m, s in ls]
            if any(r and part(r) for r in rs):
                fp += 1
                if show:
                    show.write(f"wrong\t{aid}\t{iss}\t{' '.join(m + ':' + s for m, s in ls)}\t"
                               f"{' | '.join(sorted(ev_text(recs[aid], t) for t in tk if (t['issuer'] or t['symbol']) == iss))}\n")
    return tp, n, fp


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--aliases", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--misses", help="write every miss, classified, here (TSV)")
    ap.add_argument("--folds", help="only these folds, e.g. 0,2")
    ap.add_argument("--dev-table", help="with --gold: also the dev companies' gold figures on this table")
    ap.add_argument("--gold", help="also gold precision/recall of each fold's companies on its table")
    ap.add_argument("--show-wrong", action="store_true",
                    help="with --gold: list each fold's wrong issuers on stderr")
    ap.add_argument("import_args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    src = [x for x in a.import_args if x != "--"]
    os.makedirs(a.work, exist_ok=True)
    arts, labels = ho.load(a.shared)
    sfx = ho.suffix_table(a.shared)
    corpora = [os.path.join(a.shared, "data/corpora/reuters-fin-2013q4-sample/articles.ndjson")]
    masked = []
    for rec in arts:
        r = dict(rec)
        for f in ("title", "body"):
            if isinstance(r.get(f), str):
                r[f] = ho.GROUP.sub("", r[f])
        masked.append(r)
    srcs = os.path.join(a.work, "srcs.tsv")
    subprocess.run([a.bin, "import"] + src + ["-o", srcs], check=True)
    srows, snames = read_table(srcs)
    s_by = index_rows(srows)
    # name -> issuers of the sources-only table, by core words
    by_core = collections.defaultdict(set)
    for iss, ns in snames.items():
        for n in ns:
            c = " ".join(core(words(n)))
            if c:
                by_core[c].add(iss)
    iss_rows = collections.defaultdict(list)
    for r in srows:
        iss_rows[r["issuer"]].append(r)
    total_h = total_n = 0
    resolve = ho.root_resolver(srcs, sfx)
    rooted = [0, 0]  # misses whose Reuters root the name resolves (as `score --sources`): n, linked
    gold = ho.read_gold(a.gold) if a.gold else None
    gtot = [0, 0, 0]
    causes = collections.Counter()
    miss_out = []
    folds = range(a.k) if not a.folds else [int(x) for x in a.folds.split(",")]
    for f in folds:
        in_fold = lambda r: not IS_TEST(r) and fold_of(r, a.k) == f
        ho.is_test = lambda r: IS_TEST(r) or in_fold(r)
        codes = os.path.join(a.work, f"codes{f}.txt")
        al = os.path.join(a.work, f"aliases{f}.tsv")
        ns = argparse.Namespace(shared=a.shared, aliases=a.aliases, codes=codes, aliases_out=al)
        ho.cmd_split(ns)
        ho.is_test = IS_TEST
        cur = os.path.join(a.work, f"curated{f}.tsv")
        lrn = os.path.join(a.work, f"learned{f}.tsv")
        tab = os.path.join(a.work, f"table{f}.tsv")
        subprocess.run([a.bin, "import"] + src + ["--aliases", al, "-o", cur], check=True)
        subprocess.run([a.bin, "learn", "--listings", cur, "--exclude", codes, "-o", lrn] + corpora,
                       check=True)
        subprocess.run([a.bin, "import"] + src + ["--aliases", al, "--aliases", lrn, "-o", tab],
                       check=True)
        out = ho.run(a.bin, tab, masked)
        rows, names = read_table(tab)
        by = index_rows(rows)
        h = n = 0
        for rec in arts:
            for ric in labels.get(rec["id"], []):
                if not in_fold(ric):
                    continue
                n += 1
                if ho.hits(out[rec["id"]], ric, sfx):
                    h += 1
                    continue
                day = (rec.get("published") or rec.get("date") or "")[:10]
                text = (rec.get("title") or "") + "\n" + (rec.get("body") or "")
                rl = resolve(ric, text)
                if rl:
                    rooted[0] += 1
                    rooted[1] += any((ho.canon(t.get("exchange") or ""), t.get("symbol")) in rl
                                     for t in out[rec["id"]].get("tickers", []))
                pos = text.find(ric)
                while pos > 0 and text[pos] not in "(<":
                    pos -= 1
                tname = name_before(text, pos) if pos > 0 else ""
                ls = listing_for(by, ric, sfx, day)
                if ls:
                    listed = set()
                    for r in ls:
                        listed |= names.get(r["issuer"], set())
                    cause = "a:" + (subclass(tname, listed) if tname else "no-name")
                    other = "; ".join(sorted(listed))[:120]
                elif not tname:
                    cause, other = "n", ""
                else:
                    c = " ".join(core(words(tname)))
                    iss = by_core.get(c, set())
                    if iss:
                        mic = ho.canon(sfx.get(ho.root_key(ric)[1], ""))
                        same = {(r["mic"], r["symbol"]) for i in iss for r in iss_rows[i]
                                if ho.canon(r["mic"]) == mic}
                        got = {(t.get("exchange"), t.get("symbol")) for t in out[rec["id"]].get("tickers", [])}
                        # b:root   on the RIC's exchange under another symbol (a RIC root
                        #          that is not the symbol, or a code changed), linked or not
                        # b:other  only on another exchange (an ADR, a secondary listing)
                        cause = ("b:root-linked" if same & got else "b:root") if same else "b:other"
                        other = "; ".join(sorted({f"{r['mic']}:{r['symbol']}" for i in iss
                                                  for r in iss_rows[i]}))[:120]
                    else:
                        # c: no issuer of that name; what the linker put on the RIC's
                        # exchange instead (a listing the RIC root does not name)
                        mic = ho.canon(sfx.get(ho.root_key(ric)[1], ""))
                        cause = "c"
                        other = "; ".join(sorted({f"{t.get('exchange')}:{t.get('symbol')}"
                                                  for t in out[rec["id"]].get("tickers", [])
                                                  if ho.canon(t.get("exchange") or "") == mic}))[:120]
                miss_out.append([f, rec["id"], day, ric, cause, tname, other])
        # Each name-variant miss probed alone ("NAME said on Monday."): linked there
        # (the article's context vetoed it), another issuer linked (same-name issuer or
        # an issuer split), or nothing (a weak name without support, or no key).
        probes = [m for m in miss_out if m[0] == f and m[4].startswith("a:") and m[5]]
        if probes:
            recs = [{"id": str(i), "date": m[2], "title": "", "body": f"{m[5]} said on Monday."}
                    for i, m in enumerate(probes)]
            po = ho.run(a.bin, tab, recs)
            for i, m in enumerate(probes):
                r = po[str(i)]
                m[4] += ("/alone-linked" if ho.hits(r, m[3], sfx)
                         else "/alone-other" if r.get("tickers") else "/alone-none")
        for m in miss_out:
            if m[0] == f:
                causes[m[4]] += 1
        gp = ""
        if gold:
            gt, gn, gf = gold_score(a.bin, tab, arts, gold, sfx, lambda r: in_fold(r),
                                    sys.stderr if a.show_wrong else None)
            gtot[0] += gt
            gtot[1] += gn
            gtot[2] += gf
            gp = f"; gold: recall {gt}/{gn}, wrong issuers {gf}"
        print(f"fold {f}: masked recall {h}/{n} = {h / max(n, 1):.4f}{gp}", flush=True)
        total_h += h
        total_n += n
    print(f"all folds: masked recall pseudo-unseen {total_h}/{total_n} = {total_h / max(total_n, 1):.4f}")
    print(f"  of the misses, {rooted[0]} have a Reuters root that is no symbol there, resolved by the name "
          f"before it; the linker linked that listing in {rooted[1]}: {total_h + rooted[1]}/{total_n} = "
          f"{(total_h + rooted[1]) / max(total_n, 1):.4f} counting them")
    if gold:
        t, n, fp = gtot
        print(f"gold, each fold's companies on its table: precision {t}/{t + fp} = {t / max(t + fp, 1):.4f}, "
              f"recall {t}/{n} = {t / max(n, 1):.4f}")
    if gold and a.dev_table:
        t, n, fp = gold_score(a.bin, a.dev_table, arts, gold, sfx, lambda r: not IS_TEST(r))
        print(f"gold, dev companies on {a.dev_table}: precision {t}/{t + fp} = {t / max(t + fp, 1):.4f}, "
              f"recall {t}/{n} = {t / max(n, 1):.4f}")
    major = collections.Counter()
    for c, v in causes.items():
        major[c.split(":")[0]] += v
    print("misses by cause: " + ", ".join(f"{c} {v}" for c, v in sorted(major.items())))
    print("  b: " + ", ".join(f"{c[2:]} {v}" for c, v in causes.most_common() if c.startswith("b:")))
    arel, aprobe = collections.Counter(), collections.Counter()
    for c, v in causes.items():
        if c.startswith("a:"):
            rel, _, probe = c[2:].partition("/")
            arel[rel] += v
            aprobe[probe or "no-name"] += v
    print("  a by name relation: " + ", ".join(f"{c} {v}" for c, v in arel.most_common()))
    print("  a by the name alone: " + ", ".join(f"{c} {v}" for c, v in aprobe.most_common()))
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as fp:
            fp.write("fold\tid\tdate\tric\tcause\tname_in_text\tlisted_or_found\n")
            for m in miss_out:
                fp.write("\t".join(str(x) for x in m) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
