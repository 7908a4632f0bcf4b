#!/usr/bin/env python3
"""Misbehaving and measuring clients for the newspipe serve tests and bench/serve-clients.sh.

  clients.py hold ADDR N MODE SECONDS   opens N connections to ADDR and holds them for
                                        SECONDS; MODE idle sends nothing, drip sends one
                                        byte of an unfinished line every 0.2 s, http opens
                                        them without sending a request. Prints "ready N"
                                        once connected (N: how many connected), then at the
                                        end "closed-by-server K" (how many the server closed)
  clients.py ack ADDR FILE SECONDS      sends FILE, half-closes, waits up to SECONDS for the
                                        acknowledgement of every line; prints "acked N in
                                        S seconds" (N -1 when none came), the time counted
                                        from the connect() call
  clients.py burst ADDR N               N non-blocking connect()s at once to a Unix socket;
                                        prints how many the kernel refused (EAGAIN: the
                                        listen backlog was full)
"""
import errno
import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveconn import connect  # noqa: E402


def hold(addr, n, mode, secs):
    conns = []
    for _ in range(n):
        try:
            s = connect(addr)
        except OSError:
            continue
        s.setblocking(False)
        if mode == "drip":
            s.send(b"{")  # at once: a line in progress, so it is never idle
        conns.append(s)
    print("ready %d" % len(conns), flush=True)
    closed = set()
    end = time.time() + secs
    while time.time() < end and len(closed) < len(conns):
        for i, s in enumerate(conns):
            if i in closed:
                continue
            try:
                if s.recv(4096) == b"":
                    closed.add(i)
                    continue
            except BlockingIOError:
                pass
            except OSError:
                closed.add(i)
                continue
            if mode == "drip":
                try:
                    s.send(b"{")
                except OSError:
                    closed.add(i)
        time.sleep(0.2)
    print("closed-by-server %d" % len(closed), flush=True)


def ack(addr, path, secs):
    data = open(path, "rb").read()
    want = data.count(b"\n")
    t0 = time.time()
    s = connect(addr)
    s.settimeout(secs)
    last, buf = -1, b""
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        while last < want:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                last = json.loads(line)["acked"]
    except OSError:
        pass
    print("acked %d in %.3f seconds" % (last, time.time() - t0))


def burst(addr, n):
    path = addr[5:] if addr.startswith("unix:") else addr
    refused, conns = 0, []
    for _ in range(n):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.connect(path)
            conns.append(s)
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNREFUSED):
                raise
            refused += 1
            s.close()
    print(refused)
    for s in conns:
        s.close()


cmd = sys.argv[1]
if cmd == "hold":
    hold(sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
elif cmd == "ack":
    ack(sys.argv[2], sys.argv[3], float(sys.argv[4]))
elif cmd == "burst":
    burst(sys.argv[2], int(sys.argv[3]))
else:
    sys.exit("usage: clients.py hold|ack|burst ...")
