#!/usr/bin/env python3
"""Black-box chaos for newspipe serve: kills the server (SIGKILL) at chosen moments of its
commit sequence and checks that every record is delivered exactly once, whole.

usage: chaos_kill.py NEWSPIPE WORKDIR SEED [EVENTS]

One run (one seed) uses a spool directory as the source, a rotated output file and a reject
file as the sinks, and cat | dedupe (deferred state) | sh -c 'exec cat' as the stages. Its
schedule, drawn from SEED, is a sequence of events, each dropping one batch file into the
spool and then doing one of:

  first     the batch is the first one written to a fresh output file (the run starts with
            one, and "move" makes another): the server is killed as soon as that file grows,
            that is while the batch is being appended, before anything else is written;
  commit    a later batch: the server is killed as soon as the output grows;
  midbatch  the server is killed while the batch's stages run;
  stage     one of the running stages is killed;
  all       the server and all its stages are killed at once (a cgroup kill, a power cut);
  move      the output file is moved to another directory between batches (logrotate with
            olddir), then "first".

After each server kill a new server is started on the same state directory. At the end a
last batch is dropped, the server is stopped with SIGTERM (it must exit 0), and the output
files are checked: every line whole and parseable, every id exactly once, every bad line
exactly once in the reject file. Prints one JSON line (seed, events, problems) and exits 1
when there were problems. The batch files carry a padding field (which every filter passes
through untouched) so that appending a batch takes long enough to be caught in the middle.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time

KINDS = ["commit", "midbatch", "stage", "all", "move"]
SLOW = 4 if os.environ.get("NP_SANITIZE") == "1" else 1


class Chaos:
    def __init__(self, newspipe, work, seed):
        self.newspipe, self.work, self.seed = newspipe, work, seed
        self.rng = random.Random(seed)
        self.spool = os.path.join(work, "spool")
        self.state = os.path.join(work, "state")
        self.out = os.path.join(work, "out.ndjson")
        self.rej = os.path.join(work, "rej.ndjson")
        self.log = os.path.join(work, "serve.log")
        for d in (self.spool, self.state):
            os.makedirs(d, exist_ok=True)
        self.yaml = os.path.join(work, "p.yaml")
        with open(self.yaml, "w") as f:
            f.write(
                "version: 1\nname: chaos\n"
                "input: {spool: %s}\n"
                "output: {file: %s, rotate_size: 6M}\n"
                "reject: %s\n"
                "state_dir: %s\n"
                "shutdown_timeout: 20s\n"
                "stages:\n"
                "  - cat\n"
                "  - dedupe: {state: %s/dedupe.state}\n"
                "  - run: [sh, -c, 'exec cat']\n"
                % (self.spool, self.out, self.rej, self.state, self.state))
        self.ids, self.bad = [], []
        self.nfiles = 0
        self.server = None
        self.starts = 0
        self.problems = []
        self.kills = 0

    # ---- the server ------------------------------------------------------------------
    def start(self):
        logf = open(self.log, "a")
        self.server = subprocess.Popen([self.newspipe, "serve", self.yaml], stderr=logf,
                                       stdout=subprocess.DEVNULL)
        logf.close()
        self.starts += 1

    def serving(self):
        with open(self.log, errors="replace") as f:
            return f.read().count(": serving ") >= self.starts

    def children(self):
        kids = []
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % p) as f:
                    rest = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(rest[1]) == self.server.pid and rest[0] != "Z":
                kids.append(int(p))
        return kids

    def kill_server(self, stages_too=False):
        kids = self.children() if stages_too else []
        self.server.kill()
        for k in kids:
            try:
                os.kill(k, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.server.wait()
        self.kills += 1
        time.sleep(self.rng.random() * 0.05)
        self.start()

    # ---- input -------------------------------------------------------------------------
    def drop(self, n, pad):
        """Drops a batch file of n articles (each with pad bytes of padding) and one bad line."""
        self.nfiles += 1
        name = "%04d.ndjson" % self.nfiles
        tmp = os.path.join(self.spool, name + ".part")
        words = "market bank shares profit oil rate yield bond stock growth trade deal".split()
        with open(tmp, "w") as f:
            for i in range(n):
                aid = "s%d-f%d-%d" % (self.seed, self.nfiles, i)
                body = " ".join(self.rng.choice(words) + str(self.rng.randrange(10**9))
                                for _ in range(25))
                rec = {"id": aid, "title": "t " + aid, "body": body, "pad": "x" * pad}
                f.write(json.dumps(rec) + "\n")
                self.ids.append(aid)
                if i == n // 2:
                    bad = "bad-s%d-f%d" % (self.seed, self.nfiles)
                    f.write('{"id": "%s", "body": \n' % bad)
                    self.bad.append(bad)
        os.rename(tmp, os.path.join(self.spool, name))

    def pending(self):
        return [n for n in os.listdir(self.spool) if n.endswith(".ndjson")]

    # ---- waiting ---------------------------------------------------------------------------
    def wait(self, what, cond, secs):
        end = time.time() + secs * SLOW
        while time.time() < end:
            if self.server.poll() is not None:
                raise RuntimeError("the server exited (%s) while waiting for %s"
                                   % (self.server.returncode, what))
            if cond():
                return
            time.sleep(0.0002)
        raise RuntimeError("timed out waiting for %s" % what)

    def out_stat(self):
        try:
            st = os.stat(self.out)
            return st.st_ino, st.st_size
        except FileNotFoundError:
            return 0, 0

    def grown(self, base):
        ino, size = self.out_stat()
        return size > (base[1] if ino == base[0] else 0)

    def idle(self):
        self.wait("the server to start", self.serving, 30)
        ok = lambda: not self.pending() and not self.children()
        for _ in range(2):
            self.wait("the spool to drain", ok, 60)
            time.sleep(0.05)

    # ---- events ----------------------------------------------------------------------------
    def event(self, kind):
        if kind == "move":
            self.idle()
            if os.path.exists(self.out):  # to another directory: the server cannot find it
                os.makedirs(os.path.join(self.work, "moved"), exist_ok=True)
                os.rename(self.out, os.path.join(self.work, "moved", "out-%d.ndjson" % self.nfiles))
            kind = "first"
        if kind == "first":
            base = self.out_stat()
            self.drop(2000, 6000)  # ~12 MB: appended in many writes, fsynced at the end
            self.wait("the output to grow", lambda: self.grown(base), 60)
            self.kill_server()
        elif kind == "commit":
            self.idle()
            base = self.out_stat()
            self.drop(600, 6000)
            self.wait("the output to grow", lambda: self.grown(base), 60)
            self.kill_server()
        elif kind in ("midbatch", "stage", "all"):
            self.drop(300, 3000)
            self.wait("the server to start", self.serving, 30)
            self.wait("a batch to run", lambda: bool(self.children()), 60)
            time.sleep(self.rng.random() * 0.03)
            if kind == "midbatch":
                self.kill_server()
            elif kind == "all":
                self.kill_server(stages_too=True)
            else:
                kids = self.children()
                if kids:
                    try:
                        os.kill(self.rng.choice(kids), signal.SIGKILL)
                        self.kills += 1
                    except ProcessLookupError:
                        pass  # the stage ended between the listing and the kill

    def run(self, nevents):
        schedule = KINDS + [self.rng.choice(KINDS) for _ in range(max(0, nevents - 1 - len(KINDS)))]
        self.rng.shuffle(schedule)
        schedule = ["first"] + schedule
        self.start()
        try:
            for kind in schedule:
                self.event(kind)
            self.drop(50, 100)
            self.idle()
            self.server.send_signal(signal.SIGTERM)
            rc = self.server.wait(timeout=60 * SLOW)
            if rc != 0:
                self.problems.append("SIGTERM: exit %d, not 0" % rc)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            self.problems.append(str(e))
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()
        self.check()
        return schedule

    # ---- checking --------------------------------------------------------------------------
    def read_lines(self, path):
        with open(path, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            self.problems.append("%s ends in a partial line" % os.path.basename(path))
        recs = []
        for i, line in enumerate(data.splitlines(), 1):
            try:
                recs.append(json.loads(line))
            except ValueError:
                self.problems.append("%s:%d: a cut or mangled line: %.60r"
                                     % (os.path.basename(path), i, line))
        return recs

    def check(self):
        outs = [os.path.join(self.work, n) for n in os.listdir(self.work)]
        if os.path.isdir(os.path.join(self.work, "moved")):
            outs += [os.path.join(self.work, "moved", n)
                     for n in os.listdir(os.path.join(self.work, "moved"))]
        seen = {}
        for n in sorted(outs):
            if not os.path.basename(n).startswith("out") or not n.endswith(".ndjson"):
                continue
            for r in self.read_lines(n):
                seen[r.get("id")] = seen.get(r.get("id"), 0) + 1
        dup = sum(1 for i in self.ids if seen.get(i, 0) > 1)
        dup_lines = sum(seen.get(i, 0) - 1 for i in self.ids if seen.get(i, 0) > 1)
        lost = sum(1 for i in self.ids if i not in seen)
        extra = set(seen) - set(self.ids)
        if dup:
            self.problems.append("%d ids delivered more than once (%d extra lines)"
                                 % (dup, dup_lines))
        if lost:
            self.problems.append("%d of %d ids never delivered" % (lost, len(self.ids)))
        if extra:
            self.problems.append("%d unexpected ids" % len(extra))
        rej = {}
        if os.path.exists(self.rej):
            for r in self.read_lines(self.rej):
                line = r.get("input", "")
                for b in self.bad:
                    if '"%s"' % b in line:
                        rej[b] = rej.get(b, 0) + 1
        wrong = [b for b in self.bad if rej.get(b, 0) != 1]
        if wrong:
            self.problems.append("%d of %d bad lines not rejected exactly once"
                                 % (len(wrong), len(self.bad)))


def main():
    newspipe, work, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    nevents = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    c = Chaos(newspipe, work, seed)
    t0 = time.time()
    schedule = c.run(nevents)
    with open(c.log, errors="replace") as f:
        cuts = sum(1 for l in f if "out.ndjson: cut " in l)
    print(json.dumps({"seed": seed, "events": schedule, "kills": c.kills, "cuts": cuts,
                      "records": len(c.ids), "seconds": round(time.time() - t0, 1),
                      "problems": c.problems}))
    sys.exit(1 if c.problems else 0)


main()
