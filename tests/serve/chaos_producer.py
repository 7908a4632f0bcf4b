#!/usr/bin/env python3
"""A producer that needs at-least-once delivery, for the chaos test: sends FILE's lines to
ADDRESS in small chunks (PAUSE seconds apart), follows the server's {"acked":N}
acknowledgements, and after any connection failure (the server was killed) reconnects and
sends again everything after the last acknowledged line. Exits 0 once every line is
acknowledged; prints the number of connections it needed."""
import json, random, socket, sys, time

from serveconn import connect

addr, path, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])
deadline = time.time() + float(sys.argv[4]) if len(sys.argv) > 4 else time.time() + 120
lines = open(path, "rb").read().splitlines(keepends=True)
rnd = random.Random(7)
done = 0  # lines acknowledged
conns = 0

def read_acks(s, buf, base, block):
    """Reads what acknowledgements are there; returns (buf, acked or None, eof)."""
    acked, eof = None, False
    if block:
        s.settimeout(30)  # (setblocking(True) would wait for ever)
    else:
        s.setblocking(False)
    try:
        while True:
            chunk = s.recv(4096)
            if not chunk:
                eof = True
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                acked = base + json.loads(line)["acked"]
            if not block:
                continue
    except (BlockingIOError, socket.timeout):
        pass
    return buf, acked, eof

while done < len(lines):
    if time.time() > deadline:
        print("gave up with %d of %d lines acknowledged" % (done, len(lines)), file=sys.stderr)
        sys.exit(1)
    try:
        s = connect(addr)
    except OSError:
        time.sleep(0.05)
        continue
    conns += 1
    base, sent, buf = done, done, b""
    try:
        while sent < len(lines):
            n = rnd.randint(3, 25)
            s.setblocking(True)
            s.settimeout(10)
            s.sendall(b"".join(lines[sent:sent + n]))
            sent = min(sent + n, len(lines))
            time.sleep(pause)
            buf, acked, eof = read_acks(s, buf, base, False)
            if acked is not None:
                done = max(done, acked)
            if eof:
                raise OSError("closed")
        s.shutdown(socket.SHUT_WR)
        s.settimeout(30)
        while True:
            buf, acked, eof = read_acks(s, buf, base, True)
            if acked is not None:
                done = max(done, acked)
            if eof or acked is None:
                break
    except OSError:
        pass
    finally:
        s.close()
print(conns)
