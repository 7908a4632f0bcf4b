#!/usr/bin/env python3
"""Stands in for systemd: binds a Unix datagram socket at PATH and appends every message
it receives to OUT, one per line (the message's own newlines turned into '|')."""
import os, socket, sys

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(out + ".ready", "w"):
    pass
with open(out, "a", buffering=1) as f:
    while True:
        msg = s.recv(4096).decode()
        f.write(msg.replace("\n", "|") + "\n")
