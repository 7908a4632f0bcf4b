# Helpers for the newspipe serve tests (sourced after tests/lib.sh).
# Provides: SERVE (the newspipe binary), start_server FILE [ARGS...] (sets SPID, log in
# $T/serve.log), serving (every server started so far says it serves), wait_for SECONDS
# CMD... (polls CMD until it succeeds), stop_server [SIG] (waits for the exit; sets SRC),
# send_lines ADDR FILE (a producer that waits for its
# acknowledgement; prints the last one), free_port, ids FILE (sorted unique ids).

need_prog newspipe
need_prog newspipe-cat
command -v python3 >/dev/null 2>&1 || skip_all "python3 absent"
command -v jq >/dev/null 2>&1 || skip_all "jq absent"
SERVE="$NP_BIN/newspipe"
# ASan makes every process slower: stretch the waits.
SLOW=1
[ "${NP_SANITIZE:-}" = 1 ] && SLOW=4

STARTS=0
start_server() {
    "$SERVE" serve "$@" 2>>"$T/serve.log" &
    SPID=$!
    STARTS=$((STARTS + 1))
}

serving() { # true once every server started so far has logged that it serves
    [ "$(grep -c ': serving ' "$T/serve.log" 2>/dev/null)" -ge "$STARTS" ]
}

wait_for() { # SECONDS CMD...: polls CMD until it succeeds; fails after SECONDS (x SLOW)
    _end=$(( $(date +%s) + $1 * SLOW ))
    shift
    while :; do
        if "$@" >/dev/null 2>&1; then return 0; fi
        [ "$(date +%s)" -ge "$_end" ] && return 1
        sleep 0.05
    done
}

stop_server() { # [SIGNAL]: signals the server and waits for it; SRC is its exit status
    kill -"${1:-TERM}" "$SPID" 2>/dev/null
    { wait "$SPID"; } 2>/dev/null # (no "Killed" message from the shell)
    SRC=$?
}

alive() {
    kill -0 "$SPID" 2>/dev/null
}

send_lines() { # ADDRESS FILE: sends FILE's lines, half-closes, prints the last acknowledgement
    python3 "$NP_TOP/tests/serve/producer.py" "$1" "$2"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

ids() { # FILE...: the sorted unique ids in NDJSON files
    cat "$@" 2>/dev/null | jq -r .id | sort -u
}

count_lines() {
    if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi
}

lines_at_least() { # FILE N
    [ "$(count_lines "$1")" -ge "$2" ]
}

# Makes N articles with ids PREFIX-1..N into FILE (distinct bodies, so dedupe keeps all).
make_articles() { # FILE N PREFIX
    python3 - "$@" <<'PY'
import json, sys, random
path, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(n)
words = "market bank shares profit oil rate yield bond stock growth trade deal merger court vote".split()
with open(path, "w") as f:
    for i in range(1, n + 1):
        body = " ".join(rnd.choice(words) + str(rnd.randrange(10**6)) for _ in range(30))
        f.write(json.dumps({"id": "%s-%d" % (prefix, i), "title": "t%d" % i, "body": body}) + "\n")
PY
}

http_get() { # HOST:PORT PATH: prints the body, then "HTTP <code>" on a line of its own
    python3 - "$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen("http://%s%s" % (sys.argv[1], sys.argv[2]), timeout=10)
    code, body = r.status, r.read()
except urllib.error.HTTPError as e:
    code, body = e.code, e.read()
sys.stdout.write(body.decode() + "HTTP %d\n" % code)
PY
}

children() { # PID: the processes whose parent is PID (from /proc: no procps needed)
    _want=$1
    for _f in /proc/[0-9]*/stat; do
        { read -r _l < "$_f"; } 2>/dev/null || continue
        set -- ${_l##*) } # the fields after "(comm) ": state, ppid, ...
        [ "$2" = "$_want" ] && { _p=${_f#/proc/}; echo "${_p%/stat}"; }
    done
    return 0
}
