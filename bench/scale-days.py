#!/usr/bin/env python3
"""scale-days.py ARTICLES COPIES DIR: an archive of one file per UTC day for bench/scale.sh.

The Reuters sample (2013-10-01..11-20, 51 days) is laid COPIES times end to end in time:
copy k is shifted by k * 51 days and its ids get "-k", so copies are new stories to dedupe
(their twins are 51 days away, far outside a 72 h window) and the archive holds about
COPIES * 7.8 MB. Each record's "date" ("2013-10-01T15:17:00 EDT") becomes RFC 3339 UTC
("2013-10-01T19:17:00Z"), shifted; nothing else in the line changes (the line is edited as
text, not re-serialized). Records go to DIR/reuters-YYYY-MM-DD.ndjson by their UTC day, in
time order (stable). A record without a readable date is dropped and counted.
"""
import datetime
import re
import sys

ZONES = {"EDT": -4, "EST": -5, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2}
DATE = re.compile(r'"date": ?"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) ?([A-Z]{3,4})?"')
ID = re.compile(r'"id": ?"([^"\\]*)"')


def main():
    src, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    records, dropped = [], 0
    for line in lines:
        m = DATE.search(line)
        if not m or (m.group(2) or "UTC") not in ZONES:
            dropped += 1
            continue
        t = datetime.datetime.fromisoformat(m.group(1))
        t -= datetime.timedelta(hours=ZONES[m.group(2) or "UTC"])
        records.append((t, m, line))
    span = datetime.timedelta(days=51)
    days = {}
    for k in range(copies):
        for t, m, line in records:
            tk = t + k * span
            text = line[: m.start()] + '"date": "' + tk.strftime("%Y-%m-%dT%H:%M:%SZ") + '"'
            text += line[m.end():]
            text = ID.sub(lambda i: '"id": "%s-%d"' % (i.group(1), k), text, count=1)
            days.setdefault(tk.date().isoformat(), []).append((tk, text))
    for day, recs in days.items():
        recs.sort(key=lambda r: r[0])
        with open(f"{out}/reuters-{day}.ndjson", "w", encoding="utf-8") as f:
            for _, text in recs:
                f.write(text + "\n")
    print(f"{len(records) * copies} records in {len(days)} days ({dropped} without a date dropped)")


if __name__ == "__main__":
    main()
