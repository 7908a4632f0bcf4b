#!/usr/bin/env python3
"""Company-disjoint evaluation of newspipe-ticker-link on the Reuters 2013 sample.

The split is made by rule, before anything is learnt or curated, and never changes: a
company is the RIC's root (its capital letters and digits: "BRK" of BRKa.N) on the RIC's
exchange; it is in the TEST part when the first hex digit of md5("ROOT.SUFFIX") is 0, 1 or 2
(3/16 of the companies). `split` writes the test part's codes (for `learn --exclude`) and
data/aliases.tsv without the rows that name a test company (so the dev table is built as if
they had never been curated).

`score` runs the linker and scores it with gold codes resolved independently of it: the
RIC suffix gives the exchange through ../shared/data/tickers/exchange-codes (not the
linker's table), and a linked listing hits a gold code when it is on that exchange and its
RIC is the code or its symbol's capital letters and digits are the root's (German roots
may end in an extra "G": DBKG -> DBK). The scorer's rule misses true links whose symbol is
unlike the root (NOK1V.HE is NOKIA, BNPP.PA is BNP); it never credits a wrong one. With
--sources (the sources-only table), the misses whose root is no symbol on a non-US exchange
are also resolved by the name written before the code (the one issuer of that registered
name listed there) and reported on a line of their own, never added to the figure above.
TL_PRE=CMD in the environment runs CMD (an upstream stage such as newspipe-entity-tag) on the
records before the linker, here and in ticker-link-folds.py.

  explicit recall   every gold code with the text as is
  masked recall     the parenthesized codes cut out of the text (names alone)
Both per part (dev = companies the learner and curation may see; test = never seen), with
a bootstrap 95% interval over articles for the test part. Precision and recall on the
hand-labelled gold file (160 articles, MIC:SYMBOL alternatives written by hand) are given
per part of the gold companies.
"""
import argparse, collections, hashlib, json, os, random, re, subprocess, sys, unicodedata

RIC = r"[A-Z0-9]{1,12}(?:_?[a-z]{1,2})?\.[A-Z]{1,3}"
GROUP = re.compile(r"\s*[(<]\s*" + RIC + r"(?:\s*[,;]\s*" + RIC + r")*\s*[)>]")


LEGAL = set("""inc incorporated corp corporation co cos company companies ltd limited plc llc lp
llp ag sa nv se spa sab cv kgaa gmbh asa as ab publ oyj oy kk bhd berhad tbk pcl pjsc jsc oao
ojsc pao ltda sae bv srl saa sca scs nl ad dd hf adr ads reit new de public""".split())
GROUP_WORDS = set("holdings holding hldgs group groupe groep gruppe grupo gruppo".split())


def words(name):
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("&", " and ")
    return [w for w in re.split(r"[^a-z0-9]+", s.lower()) if w]


def core(ws):
    ws = list(ws)
    if ws and ws[0] == "the":
        ws = ws[1:]
    while len(ws) > 1 and (ws[-1] in LEGAL or ws[-1] in GROUP_WORDS or len(ws[-1]) == 1):
        ws.pop()
    return ws


NAME_BEFORE = re.compile(r"((?:[A-Z0-9][\w.&'\-]*|of|and|the|de|&)(?:\s+(?:[A-Z0-9][\w.&'\-]*|of|and|the|de|&)){0,5})\s*[(<]\s*$")
OPENERS = set("Shares Stock Units Rival Rivals Analysts Investors Both Sources Parent Unit Owner "
              "Peer Peers Like Unlike While But And As In At On For By With From The A An Of To "
              "U.S.".split())


def name_before(text, pos):
    m = NAME_BEFORE.search(text[max(0, pos - 120):pos + 1])
    if not m:
        return ""
    ws = m.group(1).split()
    while ws and (ws[0] in OPENERS or ws[0] in ("of", "and", "the", "de", "&")):
        ws = ws[1:]
    for i, w in enumerate(ws):  # "Germany's Volkswagen": a possessive opens the name
        if i < len(ws) - 1 and (w.endswith("'s") or w.endswith("\u2019s")):
            ws = ws[i + 1:]
            break
    n = " ".join(ws)
    return re.sub(r"('s|\u2019s)$", "", n).rstrip(",")


def read_table(path):
    rows = []
    hdr = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if hdr is None:
            hdr = {c: i for i, c in enumerate(f)}
            continue
        rows.append({c: (f[i] if i < len(f) else "") for c, i in hdr.items()})
    # names and aliases live on the issuer's first row
    names = collections.defaultdict(set)
    for r in rows:
        if r["name"]:
            names[r["issuer"]].add(r["name"])
        for a in r["aliases"].split("|"):
            if a:
                names[r["issuer"]].add(a.lstrip("+=~!"))
    return rows, names


def root_key(ric):
    root, _, sfx = ric.partition(".")
    return re.sub(r"[^A-Z0-9]", "", root), sfx


def is_test(ric):
    root, sfx = root_key(ric)
    return hashlib.md5(f"{root}.{sfx}".encode()).hexdigest()[0] in "012"


def suffix_table(shared):
    t = {}
    path = os.path.join(shared, "data/tickers/exchange-codes/ric_yahoo_mic_suffixes.tsv")
    for i, line in enumerate(open(path, encoding="utf-8")):
        f = line.rstrip("\n").split("\t")
        if i == 0 or len(f) < 3 or not f[0].startswith("."):
            continue
        t.setdefault(f[0][1:], f[2])
    return t


# Segments that list under another MIC (the Swiss blue-chip segment, Nasdaq's feeds).
CANON = {"XVTX": "XSWX", "XNGS": "XNAS", "XNMS": "XNAS", "XNCM": "XNAS"}


def canon(mic):
    return CANON.get(mic, mic)


def load(shared):
    d = os.path.join(shared, "data/corpora/reuters-fin-2013q4-sample")
    arts = [json.loads(l) for l in open(os.path.join(d, "articles.ndjson"), encoding="utf-8")]
    labels = {}
    for l in open(os.path.join(d, "labels.ndjson"), encoding="utf-8"):
        x = json.loads(l)
        labels[x["id"]] = sorted({r for r in x["rics"] if not r.endswith(".UL")})
    return arts, labels


def cmd_split(a):
    arts, labels = load(a.shared)
    sfx = suffix_table(a.shared)
    test = sorted({r for rs in labels.values() for r in rs if is_test(r)})
    with open(a.codes, "w") as f:
        f.write("# the sealed test part: codes of the companies never learnt from or curated\n")
        for r in test:
            f.write(r + "\n")
            root, s = root_key(r)
            if s in sfx:  # the exchange form, for "(NYSE: X)"-style codes
                f.write(f"{sfx[s]}:{root}\n")
    # (suffix-MIC, root) pairs of the test companies, to drop their curated rows
    keys = set()
    for r in test:
        root, s = root_key(r)
        if s in sfx:
            keys.add((canon(sfx[s]), root))
    lines = open(a.aliases, encoding="utf-8").read().splitlines(True)
    hdr = None
    rows = []  # (line, fields) of the data rows
    for line in lines:
        if line.startswith("#") or not line.strip():
            rows.append((line, None))
            continue
        f = line.rstrip("\n").split("\t")
        if hdr is None:
            hdr = {c: i for i, c in enumerate(f)}
            rows.append((line, None))
            continue
        rows.append((line, f))

    def drop_row(f, gone_ids, gone_listings):
        get = lambda c: f[hdr[c]] if c in hdr and hdr[c] < len(f) else ""
        if get("issuer") in gone_ids or get("issuer")[1:] in gone_listings:
            return True
        cands = set()
        iss = get("issuer")
        if iss.startswith("@") and ":" in iss:
            m, s = iss[1:].split(":", 1)
            cands.add((canon(m), re.sub(r"[^A-Z0-9]", "", s.split("-")[0].split(".")[0])))
        if get("symbol") and get("mic"):
            s = get("symbol")
            cands.add((canon(get("mic")), re.sub(r"[^A-Z0-9]", "", s.split("-")[0].split(".")[0])))
        if get("ric"):
            root, s = root_key(get("ric"))
            if s in sfx:
                cands.add((canon(sfx[s]), root))
        return bool(cands & keys)

    # Rows that name a test company go, and so do the rows that build on them (the same
    # issuer id, or "@MIC:SYMBOL" of a listing a dropped row added), until none is left.
    gone_ids, gone_listings, drop = set(), set(), set()
    while True:
        before = len(drop)
        for i, (line, f) in enumerate(rows):
            if f is None or i in drop or not drop_row(f, gone_ids, gone_listings):
                continue
            drop.add(i)
            get = lambda c: f[hdr[c]] if c in hdr and hdr[c] < len(f) else ""
            # The issuer the row curates, by id or by "@MIC:SYMBOL" of one of its listings
            # (today's code of a company the test part names by an older one: "@XNAS:SNBR"
            # adding Select Comfort's SCSS): its other rows curate the same company.
            gone_ids.add(get("issuer"))
            if get("symbol") and get("mic"):
                gone_listings.add(get("mic") + ":" + get("symbol"))
        if len(drop) == before:
            break
    dropped = len(drop)
    with open(a.aliases_out, "w", encoding="utf-8") as out:
        for i, (line, f) in enumerate(rows):
            if i not in drop:
                out.write(line)
    n_comp = len({root_key(r) for rs in labels.values() for r in rs})
    n_test = len({root_key(r) for r in test})
    print(f"split: {n_test} of {n_comp} companies in the test part; "
          f"{dropped} curated rows naming them left out", file=sys.stderr)
    return 0


PRE = os.environ.get("TL_PRE")  # an upstream stage (entity-tag) whose output the linker reads


def run(binary, listings, records):
    env = dict(os.environ)
    env.setdefault("NEWSPIPE_CACHE_DIR", os.path.join(os.path.dirname(os.path.abspath(listings)), "cache"))
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if PRE:
        inp = subprocess.run(PRE.split(), input=inp, stdout=subprocess.PIPE, check=True).stdout
    out = subprocess.run([binary, "--listings", listings], input=inp, stdout=subprocess.PIPE,
                         check=True, env=env).stdout
    return {r["id"]: r for r in map(json.loads, out.decode().splitlines())}


def hits(rec, ric, sfx):
    root, s = root_key(ric)
    mic = sfx.get(s)
    if mic is None:
        return False
    for t in rec.get("tickers", []):
        if canon(t.get("exchange") or "") != canon(mic):
            continue
        if t.get("ric") == ric:
            return True
        sym = re.sub(r"[^A-Z0-9]", "", (t.get("symbol") or "").split("-")[0].split(".")[0])
        if sym and (sym == root or (mic in ("XETR", "XFRA") and root.endswith("G") and sym == root[:-1])):
            return True
    return False


US_MICS = {"XNYS", "XNAS", "XASE", "ARCX", "BATS", "OTCM"}


def root_resolver(sources, sfx):
    """For a RIC whose root is no symbol on its exchange (Reuters' own roots: BNPP.PA is BNP
    Paribas's BNP, CRDI.MI UniCredit's UCG), the listings on that exchange of the one issuer
    of the sources-only table (its registered names, no alias or form) whose core name is
    the name written before the code in the article. None when the root is a symbol there,
    the exchange is a US one (whose RIC roots are the symbols: a mismatch there is a code
    changed since, not a Reuters root), or the name names no issuer or two."""
    rows, _ = read_table(sources)
    syms, by_name = set(), collections.defaultdict(set)
    for r in rows:
        m = canon(r["mic"])
        syms.add((m, re.sub(r"[^A-Z0-9]", "", r["symbol"].split("-")[0].split(".")[0])))
        if r["name"] and r["type"] in ("", "common", "depositary", "unit", "preferred"):
            by_name[(m, " ".join(core(words(r["name"]))))].add((r["issuer"], r["symbol"]))

    def resolve(ric, text):
        root, s = root_key(ric)
        mic = canon(sfx.get(s, ""))
        if not mic or mic in US_MICS or (mic, root) in syms:
            return None
        pos = text.find(ric)
        while pos > 0 and text[pos] not in "(<":
            pos -= 1
        name = name_before(text, pos) if pos > 0 else ""
        got = by_name.get((mic, " ".join(core(words(name))))) if name else None
        if not got or len({i for i, _ in got}) != 1:
            return None
        return {(mic, sym) for _, sym in got}
    return resolve


def read_gold(path):
    """The hand-labelled gold file: article id -> one list of MIC:SYMBOL alternatives per
    company ("-" alone: an article with no company, kept as an empty list)."""
    gold = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        aid, _, keys = line.rstrip("\n").partition("\t")
        if keys.strip() == "-":
            gold.setdefault(aid, [])
        else:
            gold[aid].append([k.strip() for k in keys.split(",") if k.strip()])
    return gold


def interval(pairs, rng, n=1000):
    """Bootstrap 95% interval of hits/total over articles: pairs = [(hits, total)]."""
    if not pairs:
        return (0.0, 0.0)
    vals = []
    for _ in range(n):
        h = t = 0
        for _ in range(len(pairs)):
            x, y = pairs[rng.randrange(len(pairs))]
            h += x
            t += y
        vals.append(h / t if t else 0.0)
    vals.sort()
    return vals[int(0.025 * n)], vals[int(0.975 * n) - 1]


def cmd_score(a):
    arts, labels = load(a.shared)
    sfx = suffix_table(a.shared)
    masked = []
    for rec in arts:
        r = dict(rec)
        for f in ("title", "body"):
            if isinstance(r.get(f), str):
                r[f] = GROUP.sub("", r[f])
        masked.append(r)
    res = {}
    rng = random.Random(1)
    resolve = root_resolver(a.sources, sfx) if a.sources else None
    for what, recs in (("explicit", arts), ("masked", masked)):
        out = run(a.bin, a.listings, recs)
        per = {"dev": [], "test": []}
        rooted = {"dev": [0, 0], "test": [0, 0]}  # misses whose root the name resolves: [n, linked]
        for rec in arts:
            want = labels.get(rec["id"], [])
            got = out[rec["id"]]
            text = (rec.get("title") or "") + "\n" + (rec.get("body") or "")
            for part in ("dev", "test"):
                ws = [r for r in want if is_test(r) == (part == "test")]
                if ws:
                    per[part].append((sum(hits(got, r, sfx) for r in ws), len(ws)))
                for r in ws:
                    ls = None if hits(got, r, sfx) or not resolve else resolve(r, text)
                    if ls:
                        rooted[part][0] += 1
                        rooted[part][1] += any((canon(t.get("exchange") or ""), t.get("symbol")) in ls
                                               for t in got.get("tickers", []))
        for part in ("dev", "test"):
            h = sum(x for x, _ in per[part])
            t = sum(y for _, y in per[part])
            lo, hi = interval(per[part], rng) if part == "test" else (None, None)
            res[(what, part)] = (h, t)
            ci = f"  (95% interval {lo:.3f}-{hi:.3f})" if lo is not None else ""
            seen = "seen by learning and curation" if part == "dev" else "never seen"
            print(f"{what} recall, {part} companies ({seen}): {h}/{t} = {h / max(t, 1):.4f}{ci}")
            if resolve and rooted[part][0]:
                n, k = rooted[part]
                print(f"  of its misses, {n} have a Reuters root that is no symbol there, resolved by the "
                      f"name before it; the linker linked that listing in {k}: "
                      f"{h + k}/{t} = {(h + k) / max(t, 1):.4f} counting them")
    if a.gold and os.path.exists(a.gold):
        gold = read_gold(a.gold)
        out = run(a.bin, a.listings, [r for r in arts if r["id"] in gold])
        mic_of = {v: k for k, v in sfx.items()}
        fp = 0
        per_article = []  # (true, linked) issuers per article, for the interval
        part_tp = collections.Counter()
        part_n = collections.Counter()
        for aid, wants in gold.items():
            got = [(canon(t["exchange"] or ""), t["symbol"]) for t in out[aid].get("tickers", [])]
            used = set()
            for w in wants:
                alts = {(canon(k.split(":", 1)[0]), k.split(":", 1)[1]) for k in w if ":" in k}
                m, s = next(iter(sorted(alts)))
                suf = mic_of.get(m)
                part = "test" if suf and is_test(f"{re.sub(r'[^A-Z0-9]', '', s.split('-')[0])}.{suf}") else "dev"
                part_n[part] += 1
                found = [g for g in got if g in alts]
                if found:
                    part_tp[part] += 1
                    used.update(found)
            # a company linked on several exchanges is one decision: one false positive
            # per linked issuer none of whose listings a gold line names
            good = {t["issuer"] or t["symbol"] for t in out[aid].get("tickers", [])
                    if (canon(t["exchange"] or ""), t["symbol"]) in used}
            bad = len({t["issuer"] or t["symbol"] for t in out[aid].get("tickers", [])} - good)
            fp += bad
            tp_a = sum(1 for w in wants if any(g in used for g in
                       {(canon(k.split(":", 1)[0]), k.split(":", 1)[1]) for k in w if ":" in k}))
            per_article.append((tp_a, tp_a + bad))
        ntp = part_tp["dev"] + part_tp["test"]
        lo, hi = interval(per_article, rng)
        print(f"gold precision (issuers): {ntp}/{ntp + fp} = {ntp / max(ntp + fp, 1):.4f}"
              f"  (95% interval {lo:.3f}-{hi:.3f})")
        for part in ("dev", "test"):
            print(f"gold recall, {part} companies: {part_tp[part]}/{part_n[part]} = "
                  f"{part_tp[part] / max(part_n[part], 1):.4f}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("split")
    s.add_argument("--shared", required=True)
    s.add_argument("--aliases", required=True)
    s.add_argument("--codes", required=True, help="write the test part's codes here")
    s.add_argument("--aliases-out", required=True, help="write the aliases without them here")
    c = sub.add_parser("score")
    c.add_argument("--bin", required=True)
    c.add_argument("--shared", required=True)
    c.add_argument("--listings", required=True)
    c.add_argument("--gold", default=None)
    c.add_argument("--sources", default=None,
                   help="the sources-only table (no curated or learned rows): also report the misses "
                        "whose RIC root is no symbol, resolved by the name written before the code")
    a = ap.parse_args()
    return cmd_split(a) if a.cmd == "split" else cmd_score(a)


if __name__ == "__main__":
    sys.exit(main())
