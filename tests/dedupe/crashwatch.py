#!/usr/bin/env python3
"""crashwatch.py STATE INPUT PROGRAM [ARG...]: runs PROGRAM with INPUT on stdin, stops it
(SIGSTOP) the moment its save of STATE begins, looks, then kills it with SIGKILL.

The save is seen from outside, by polling the directory every few microseconds: a temporary
file STATE.tmp.* appears (a write-then-rename save), or STATE itself changes (its inode,
size or time: a save in place, or the rename). Stopping the process first makes the verdict
exact: whatever we see while it is stopped is what SIGKILL leaves behind.

Prints one word: "tmp" (stopped with a temporary present: the kill landed mid-save),
"changed" (stopped after STATE changed with no temporary: a rename already happened, or
the file is being written in place), or "finished" (the program exited before either was
seen). Used by tests/dedupe/crash.t.
"""
import os
import signal
import subprocess
import sys


def look(path):
    try:
        st = os.stat(path)
        return (st.st_ino, st.st_size, st.st_mtime_ns)
    except FileNotFoundError:
        return None


def temporaries(d, prefix):
    return [n for n in os.listdir(d) if n.startswith(prefix)]


def main():
    state, inp, prog = sys.argv[1], sys.argv[2], sys.argv[3:]
    d = os.path.dirname(os.path.abspath(state))
    prefix = os.path.basename(state) + ".tmp."
    before = look(state)
    with open(inp, "rb") as f:
        p = subprocess.Popen(prog, stdin=f, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    verdict = "finished"
    while p.poll() is None:
        if temporaries(d, prefix) or look(state) != before:
            os.kill(p.pid, signal.SIGSTOP)
            if p.poll() is not None:  # it exited between the look and the stop
                break
            verdict = "tmp" if temporaries(d, prefix) else "changed"
            os.kill(p.pid, signal.SIGKILL)
            break
    p.wait()
    print(verdict)


main()
