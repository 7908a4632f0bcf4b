#!/usr/bin/env python3
"""File-level call graph of a folder's objects, from their symbols (nm): an arrow A -> B when
A's object uses a function or variable B's object defines. Prints the arrows, the circles
(strongly connected groups of more than one file) and the count of each.

  bench/callgraph.py build/obj/runner            # newspipe
  bench/callgraph.py build/obj/filters/ticker-link   # with its dev/ tools; copy the top .o files to leave them out
"""
import os, subprocess, sys

def objects(root):
    for d, _, fs in os.walk(root):
        for f in sorted(fs):
            if f.endswith('.o'):
                yield os.path.join(d, f)

def symbols(path):
    out = subprocess.run(['nm', path], capture_output=True, text=True, check=True).stdout
    defs, uses = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TDBR':
            defs.add(parts[2])
        elif len(parts) == 2 and parts[0] == 'U':
            uses.add(parts[1])
    return defs, uses

def main():
    root = sys.argv[1].rstrip('/')
    files = {}
    for o in objects(root):
        files[os.path.relpath(o, root)[:-2] + '.c'] = symbols(o)
    owner = {s: f for f, (defs, _) in files.items() for s in defs}
    edges = {f: sorted({owner[s] for s in uses if s in owner and owner[s] != f})
             for f, (_, uses) in files.items()}
    # Tarjan's strongly connected components.
    index, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: sccs.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index: visit(v)
    for f in sorted(edges):
        if edges[f]: print(f'{f} -> {", ".join(edges[f])}')
    for c in sccs: print('circle:', ' <-> '.join(c))
    print(f'{len(files)} files, {sum(len(e) for e in edges.values())} arrows, {len(sccs)} circles')

main()
