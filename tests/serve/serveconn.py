"""Connecting to a newspipe serve listening address, for the test producers."""
import socket


def connect(addr):
    """ADDRESS is unix:PATH, a path, or HOST:PORT; returns a connected socket."""
    if addr.startswith("unix:") or "/" in addr:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(addr[5:] if addr.startswith("unix:") else addr)
    else:
        host, port = addr.rsplit(":", 1)
        s = socket.create_connection((host or "127.0.0.1", int(port)))
    return s
