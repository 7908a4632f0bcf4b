#!/bin/sh
# Idle and slow clients cannot starve the server (issue 14, item 3): idle connections make
# way for a waiting producer; connections dripping an unfinished line are closed after
# read_timeout (and /health says "saturated" while they hold every slot); a silent
# connection is closed after idle_timeout once acknowledged; idle HTTP connections cannot
# lock /health out; the listen backlog is the configured one.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state"
PORT=$(free_port)
pipeline() { # EXTRA-INPUT-KEYS
    cat > "$T/p.yaml" <<YAML
version: 1
name: clients
input: {listen: unix:$T/sock, max_clients: 8$1}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 1000, time: 100ms}
metrics: 127.0.0.1:$PORT
stages: [cat]
YAML
}
CLIENTS="python3 $NP_TOP/tests/serve/clients.py"
make_articles "$T/in.ndjson" 10 p
ack_secs() { # the producer's "acked N in S seconds": succeeds when all 10 came within $1 s
    set -- "$1" $(cat "$T/ack")
    [ "$3" = 10 ] && awk -v s="$5" -v max="$1" 'BEGIN { exit !(s < max) }'
}
hold() { # N MODE SECONDS [NAME]: holds N connections in the background (output in $T/NAME)
    $CLIENTS hold "unix:$T/sock" "$1" "$2" "$3" > "$T/${4:-hold}" &
    HOLD=$!
    wait_for 20 grep -q ready "$T/${4:-hold}"
}
get() { http_get 127.0.0.1:$PORT "$1" | tr '\n' ' '; }

# ---- 20 idle connections, 8 slots: the producer is served at once -------------------------
pipeline ""
"$SERVE" check "$T/p.yaml" >/dev/null 2>&1
ok $? "check accepts the client keys"
start_server "$T/p.yaml"
wait_for 10 serving
hold 20 idle 30
$CLIENTS ack "unix:$T/sock" "$T/in.ndjson" $((10 * SLOW)) > "$T/ack"
ack_secs $((3 * SLOW))
ok $? "20 idle connections on 8 slots: a producer is acknowledged at once ($(cat "$T/ack"))"
like "$(get /metrics)" "newspipe_connections_evicted_total\\{[^}]*\\} [1-9]" \
    "idle connections made way (counted)"
kill $HOLD 2>/dev/null
wait $HOLD 2>/dev/null
stop_server TERM
is "$SRC" 0 "exit 0"

# ---- 12 connections dripping an unfinished line, 8 slots ----------------------------------
# read_timeout must outlast what the test does while the first 8 hold every slot (start two
# Python clients, ask /health): 1.5 s did not on a loaded machine under ASan, and /health
# then rightly said "ok". The holders end as soon as the server has closed them all.
RT=$((3 * SLOW))
pipeline ", read_timeout: ${RT}s"
start_server "$T/p.yaml"
wait_for 10 serving
hold 8 drip $((3 * RT + 10)) hold1
HOLD1=$HOLD
sleep 0.3
hold 4 drip $((3 * RT + 10)) hold2 # these wait: no slot is idle
like "$(get /health)" '"status":"saturated".*HTTP 503' "/health says saturated while they hold every slot"
$CLIENTS ack "unix:$T/sock" "$T/in.ndjson" $((RT + 10 * SLOW)) > "$T/ack"
ack_secs $((RT + 3 * SLOW))
ok $? "a producer behind them is acknowledged after read_timeout ($(cat "$T/ack"))"
wait $HOLD1 $HOLD 2>/dev/null
is "$(cat "$T/hold1" "$T/hold2" | grep closed-by-server | tr '\n' ' ')" \
    "closed-by-server 8 closed-by-server 4 " "every dripping connection was closed"
like "$(get /metrics)" "newspipe_connections_timed_out_total\\{[^}]*\\} 12 " "and counted as timed out"
like "$(get /health)" '"status":"ok".*HTTP 200' "/health is ok again"
stop_server TERM

# ---- idle_timeout: a silent connection is closed, a producer's after its ack --------------
pipeline ", idle_timeout: 1s"
start_server "$T/p.yaml"
wait_for 10 serving
hold 1 idle 10
wait $HOLD
like "$(cat "$T/hold")" "closed-by-server 1" "a connection silent for idle_timeout is closed"
like "$(cat "$T/serve.log")" "closed 1 connection idle for idle_timeout" "and the log says so"
stop_server TERM

# ---- idle HTTP connections do not lock /health out ----------------------------------------
pipeline ""
start_server "$T/p.yaml"
wait_for 10 serving
$CLIENTS hold "127.0.0.1:$PORT" 40 http 15 > "$T/hold" &
HOLD=$!
wait_for 20 grep -q ready "$T/hold"
like "$(get /health)" '"status":"ok".*HTTP 200' "40 idle HTTP connections: /health still answers"
wait_for 15 grep -q closed-by-server "$T/hold"
like "$(cat "$T/hold")" "closed-by-server 40" "idle HTTP connections are closed (made way or timed out)"
stop_server TERM

# ---- the listen backlog -------------------------------------------------------------------
pipeline ", backlog: 2000"
start_server "$T/p.yaml"
wait_for 10 serving
is "$($CLIENTS burst "unix:$T/sock" 1500)" 0 "backlog 2000: a burst of 1500 connections, none refused"
stop_server TERM
pipeline ", backlog: 16"
start_server "$T/p.yaml"
wait_for 10 serving
refused=$($CLIENTS burst "unix:$T/sock" 1500)
ok "$([ "$refused" -gt 0 ]; echo $?)" "backlog 16: the same burst is partly refused ($refused)"
stop_server TERM
pipeline ", backlog: 0"
"$SERVE" check "$T/p.yaml" 2>"$T/err"
is "$?" 78 "backlog 0 is a configuration error"
like "$(cat "$T/err")" "'backlog' must be a whole number from 1 to 65535" "with a message"
done_testing
