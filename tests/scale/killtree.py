#!/usr/bin/env python3
"""killtree.py PID: SIGKILL PID and every process descended from it, as when a machine dies.

The tree is first frozen with SIGSTOP, repeatedly, until no new descendant appears (so none
can fork away between the listing and the kill); then every frozen process gets SIGKILL at
once. Prints the names of the programs killed, one per line. Used by tests/scale/lib-hosts.sh
to kill a test "host" (an sshd and all the sessions and jobs it started).
"""
import os
import signal
import sys


def children_map():
    """{ppid: [pid, ...]} of every process now alive."""
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # it ended meanwhile
        # the name (field 2) is in parentheses and may hold anything; fields follow the last ')'
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def name_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def main():
    root = int(sys.argv[1])
    frozen = []
    seen = set()
    while True:
        kids = children_map()
        todo, found = [root], []
        while todo:
            p = todo.pop()
            if p not in seen:
                found.append(p)
            todo.extend(kids.get(p, []))
            seen.add(p)
        if not found:
            break
        for p in found:
            try:
                os.kill(p, signal.SIGSTOP)
                frozen.append(p)
            except ProcessLookupError:
                pass
    names = [name_of(p) for p in frozen]
    for p in frozen:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for n in names:
        print(n)


if __name__ == "__main__":
    main()
