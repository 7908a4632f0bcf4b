#!/usr/bin/env python3
"""False positives of newspipe-ticker-link on the hand-labelled gold file, by type.

A false positive is a linked issuer none of whose listings a gold line of the article names
(the scoring of bench/ticker-link-heldout.py). It belongs to the SEALED part when its listing
is a test company's (md5 rule of ticker-link-heldout.py) or when the article has a test
company the linker missed (the wrong link may be its confusion); those are only counted,
never shown. The others (dev) are listed with their evidence when -v is given.

Types are assigned mechanically, first match wins:
  explicit code       the issuer was linked by a code in the text
  OTC-only            every linked listing is over the counter
  sibling issuer      its name's first word is the first word of a gold company's listed
                      name in the article (another issuer of the same group, a depositary
                      receipt's issuer, a same-name relative)
  exchange or index   an exchange's or index provider's name
  one-word name       linked by one-word names only: another company of that name
  longer name         the rest

  python3 bench/ticker-link-fps.py --bin bin/newspipe-ticker-link --shared ../shared \\
      --listings build/ticker-link/heldout/dev.tsv --gold tests/ticker-link/gold.tsv [-v]
"""
import argparse, collections, importlib.util, os, re, sys

spec = importlib.util.spec_from_file_location(
    "heldout", os.path.join(os.path.dirname(os.path.abspath(__file__)), "ticker-link-heldout.py"))
ho = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ho)


def first_word(name):
    w = (name or "").split()
    return re.sub(r"[^a-z0-9]", "", w[0].lower()) if w else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--listings", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("-v", action="store_true", help="show the dev part's false positives")
    a = ap.parse_args()
    arts, _ = ho.load(a.shared)
    sfx = ho.suffix_table(a.shared)
    mic_of = {v: k for k, v in sfx.items()}
    words = collections.defaultdict(set)  # (MIC, symbol) -> first words of listed names
    for line in open(a.listings, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 10 or f[0] == "issuer":
            continue
        words[(ho.canon(f[2]), f[1])].add(first_word(f[9]))
    gold = {aid: [{(ho.canon(k.split(":", 1)[0]), k.split(":", 1)[1]) for k in keys if ":" in k}
                  for keys in companies]
            for aid, companies in ho.read_gold(a.gold).items()}

    def sealed(mic, sym):
        suf = mic_of.get(ho.canon(mic))
        return bool(suf) and ho.is_test(f"{re.sub(r'[^A-Z0-9]', '', sym.split('-')[0])}.{suf}")

    byid = {r["id"]: r for r in arts}
    out = ho.run(a.bin, a.listings, [byid[i] for i in gold])
    count = {"dev": collections.Counter(), "sealed": collections.Counter()}
    shown = []
    for aid, wants in gold.items():
        got = out[aid].get("tickers", [])
        key = lambda t: (ho.canon(t["exchange"] or ""), t["symbol"])
        used, missed_sealed, gwords = set(), False, set()
        for alts in wants:
            for x in alts:
                gwords |= words.get(x, set())
            found = [key(t) for t in got if key(t) in alts]
            used.update(found)
            if not found and sealed(*sorted(alts)[0]):
                missed_sealed = True
        good = {t["issuer"] or t["symbol"] for t in got if key(t) in used}
        bad = collections.defaultdict(list)
        for t in got:
            if (t["issuer"] or t["symbol"]) not in good:
                bad[t["issuer"] or t["symbol"]].append(t)
        rec = byid[aid]
        for ts in bad.values():
            part = "sealed" if missed_sealed or any(sealed(t["exchange"] or "", t["symbol"]) for t in ts) else "dev"
            evs = ts[0]["evidence"]
            spans = [(rec.get(e["field"]) or "")[e["start"]:e["end"]] for e in evs]
            if {e["method"] for e in evs} - {"name", "entity"}:
                ty = "explicit code"
            elif all(t["exchange"] == "OTCM" for t in ts):
                ty = "OTC-only"
            elif first_word(ts[0]["name"]) in gwords - {""}:
                ty = "sibling issuer"
            elif re.search(r"Exchange|Index|MSCI|FTSE|Stoxx|Nikkei", ts[0]["name"] or ""):
                ty = "exchange or index"
            elif all(" " not in s.strip() for s in spans):
                ty = "one-word name"
            else:
                ty = "longer name"
            count[part][ty] += 1
            if part == "dev":
                e = evs[0] if evs else None
                txt = (rec.get(e["field"]) or "") if e else ""
                ctx = (txt[max(0, e["start"] - 60):e["start"]] + "[[" + txt[e["start"]:e["end"]] + "]]" +
                       txt[e["end"]:e["end"] + 40]).replace("\n", " ") if e else ""
                shown.append(f"{ty}: {ts[0]['name']} ({', '.join(t['exchange'] + ':' + t['symbol'] for t in ts)}) "
                              f"in {aid}\n    {ctx}")
    for part in ("dev", "sealed"):
        c = count[part]
        print(f"{part}: {sum(c.values())} false positives: " +
              ", ".join(f"{k} {v}" for k, v in c.most_common()))
    if a.v:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
