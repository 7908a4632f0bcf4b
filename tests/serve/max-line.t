#!/bin/sh
# listen: max_line is the longest line accepted, however the line arrives: whole in one read
# (the previous release took any line that came whole, even 5 times too long), or in pieces;
# its LF and a CR before it do not count, wherever a read splits them; longer lines are
# dropped and logged, and the lines around them kept.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
mkdir -p "$T/state"
SOCK="$T/s.sock"
cat > "$T/p.yaml" <<YAML
version: 1
name: ml
input: {listen: "unix:$SOCK", max_line: 100}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 100, time: 100ms}
stages: [cat]
YAML
start_server "$T/p.yaml"
wait_for 10 test -S "$SOCK"
ok $? "the server listens"
python3 - "$SOCK" <<'PY'
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
def line(i, n):  # a JSON line of exactly n bytes
    head = '{"id":"%s","b":"' % i
    return head + "q" * (n - len(head) - 2) + '"}'
# one write: a short line, one of 500 bytes, another short one
s.sendall((line("a", 40) + "\n" + line("big", 500) + "\n" + line("c", 60) + "\n").encode())
time.sleep(0.3)
# exactly 100 bytes with CRLF, the CR and the LF in two writes: kept
s.sendall((line("e", 100) + "\r").encode())
time.sleep(0.3)
s.sendall(b"\n")
# 101 bytes in pieces: dropped; then 100 bytes whole: kept
s.sendall(line("f", 60).encode())
time.sleep(0.3)
s.sendall(("x" * 41 + "\n" + line("g", 100) + "\n").encode())
s.shutdown(socket.SHUT_WR)
s.settimeout(10)
while s.recv(4096):
    pass
PY
wait_for 10 lines_at_least "$T/out.ndjson" 4
stop_server TERM
is "$(ids "$T/out.ndjson" | tr '\n' ' ')" "a c e g " "the lines of at most 100 bytes are kept"
is "$(grep -c 'a line longer than max_line (100 bytes) dropped' "$T/serve.log")" 2 \
    "the 500-byte line and the 101-byte one are dropped and logged"
done_testing
