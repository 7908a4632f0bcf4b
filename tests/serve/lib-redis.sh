# Helpers for the Redis source and sink tests (sourced after lib-serve.sh).
# Provides: start_redis (a redis-server of the test's own on a Unix socket, $RSOCK, with an
# append-only file fsynced at every write; skips the test when redis-server is absent),
# kill_redis [SIG], rcli ARGS... (tests/serve/redis_client.py on $RSOCK).
command -v redis-server >/dev/null 2>&1 || skip_all "redis-server absent (make deps installs it)"
RDIR="$T/redis"
RSOCK="$RDIR/sock"
RPID=
mkdir -p "$RDIR"

start_redis() {
    redis-server --port 0 --unixsocket "$RSOCK" --unixsocketperm 700 --dir "$RDIR" \
        --appendonly yes --appendfsync always --save '' --daemonize no \
        >>"$RDIR/log" 2>&1 &
    RPID=$!
    wait_for 10 test -S "$RSOCK"
}

kill_redis() { # [SIGNAL]
    [ -n "$RPID" ] || return 0
    kill -"${1:-TERM}" "$RPID" 2>/dev/null
    wait "$RPID" 2>/dev/null
    RPID=
    rm -f "$RSOCK"
}

rcli() {
    python3 "$NP_TOP/tests/serve/redis_client.py" "$RSOCK" "$@"
}

# The test's servers and Redis go with it, whatever happens.
KILL_AT_EXIT=
trap 'for p in $KILL_AT_EXIT; do kill -9 "$p" 2>/dev/null; done; kill_redis KILL; rm -rf "$T"' EXIT
