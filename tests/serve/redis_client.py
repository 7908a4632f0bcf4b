#!/usr/bin/env python3
"""A small Redis client for the serve tests (RESP2 over a Unix socket; no module needed).

  redis_client.py SOCK xadd STREAM FILE [RATE]   XADDs FILE's lines (field "data"), RATE lines/s
                                                 (0: as fast as possible), pipelined; a chunk
                                                 not answered (Redis restarting) is sent again
  redis_client.py SOCK xadd-nl STREAM FILE [RATE] the same, each value with its newline (as
                                                 redis-cli -x sends it)
  redis_client.py SOCK dump STREAM               prints the "data" field of every entry, one a line
  redis_client.py SOCK pending STREAM GROUP      prints the group's pending count
  redis_client.py SOCK lag STREAM GROUP          prints the group's lag (XINFO GROUPS; -1: nil)
  redis_client.py SOCK cmd ARG...                runs one command, prints the reply (repr)
"""
import socket
import sys
import time


class Redis:
    def __init__(self, path):
        self.path = path
        self.connect()

    def connect(self):
        self.s = socket.socket(socket.AF_UNIX)
        for _ in range(300):
            try:
                self.s.connect(self.path)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("cannot connect to %s" % self.path)
        self.buf = b""

    def send(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.s.sendall(b"".join(out))

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.s.recv(1 << 16)
            if not chunk:
                raise SystemExit("connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            chunk = self.s.recv(1 << 16)
            if not chunk:
                raise SystemExit("connection closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def reply(self):
        line = self._line()
        t, rest = line[:1], line[1:]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            raise RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n)
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise SystemExit("bad reply %r" % line)

    def cmd(self, *args):
        self.send(*args)
        return self.reply()


def main():
    r = Redis(sys.argv[1])
    what = sys.argv[2]
    if what in ("xadd", "xadd-nl"):
        stream, path = sys.argv[3], sys.argv[4]
        rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0
        with open(path, "rb") as f:
            # xadd-nl keeps each line's newline in the value, as `redis-cli -x` sends it
            lines = [l if what == "xadd-nl" else l.rstrip(b"\n") for l in f if l.strip()]
        t0 = time.time()
        step = 50
        for i in range(0, len(lines), step):
            part = lines[i:i + step]
            while True:
                try:
                    for l in part:
                        r.send("XADD", stream, "*", "data", l)
                    for _ in part:
                        r.reply()
                    break
                except (OSError, RuntimeError, SystemExit):
                    # Redis went away (or is loading): again, on a new connection. Some of
                    # the chunk may be in twice: dedupe's id check drops the copies.
                    time.sleep(0.1)
                    r.s.close()
                    r.buf = b""
                    r.connect()
            if rate:
                ahead = (i + len(part)) / rate - (time.time() - t0)
                if ahead > 0:
                    time.sleep(ahead)
    elif what == "dump":
        last = "-"
        out = sys.stdout.buffer
        while True:
            got = r.cmd("XRANGE", sys.argv[3], last, "+", "COUNT", 1000)
            if not got:
                break
            for eid, fields in got:
                d = dict(zip(fields[::2], fields[1::2]))
                out.write(d.get(b"data", b"") + b"\n")
            last = "(" + got[-1][0].decode()
    elif what == "pending":
        print(r.cmd("XPENDING", sys.argv[3], sys.argv[4])[0])
    elif what == "lag":
        for g in r.cmd("XINFO", "GROUPS", sys.argv[3]):
            d = dict(zip(g[::2], g[1::2]))
            if d.get(b"name") == sys.argv[4].encode():
                print(-1 if d.get(b"lag") is None else d[b"lag"])
    elif what == "cmd":
        print(repr(r.cmd(*sys.argv[3:])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
