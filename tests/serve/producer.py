#!/usr/bin/env python3
"""A newspipe serve producer for the tests: sends a file's lines to ADDRESS (unix:PATH,
a path, or HOST:PORT), half-closes, reads the acknowledgements ({"acked":N} lines) until
the server closes, and prints the last one's N (or -1 when none came)."""
import json, socket, sys

from serveconn import connect


def main():
    addr, path = sys.argv[1], sys.argv[2]
    s = connect(addr)
    s.settimeout(60)
    with open(path, "rb") as f:
        data = f.read()
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading: what it acknowledged may still be there to read
    last, buf = -1, b""
    while True:
        try:
            chunk = s.recv(4096)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            last = json.loads(line)["acked"]
    print(last)

main()
