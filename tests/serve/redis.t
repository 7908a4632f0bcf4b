#!/bin/sh
# newspipe serve with a Redis stream in and out (input/output: {redis: ...}): the check of
# their keys, a feed through cat and dedupe, XACK only after the commit (nothing pending at
# the end), /metrics and /health, and a Redis restart mid-run (append-only file on) that
# loses nothing Redis acknowledged, while serve keeps running and says why it waits.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
. "$NP_TOP/tests/serve/lib-redis.sh"
need_prog newspipe-dedupe

# ---- check: the keys, with positions, exit 78 ----
cat > "$T/bad.yaml" <<YAML
version: 1
input: {redis: {url: http://x, stream: s, group: g, colour: red}}
output: {redis: {url: unix:$T/r.sock, maxlen: many}}
state_dir: $T
stages: [cat]
YAML
out=$("$SERVE" check "$T/bad.yaml" 2>&1)
is "$?" 78 "check: bad redis keys exit 78"
like "$out" "bad.yaml:2:[0-9]+: error: 'url' must be redis://HOST:PORT or unix:PATH" "check: bad url, with a position"
like "$out" "bad.yaml:2:[0-9]+: error: unknown key 'colour' in 'redis'" "check: unknown key"
like "$out" "bad.yaml:3:[0-9]+: error: 'maxlen' must be a whole number" "check: bad maxlen"
like "$out" "bad.yaml:3:[0-9]+: error: 'redis' needs 'stream'" "check: missing stream"
cat > "$T/bad2.yaml" <<YAML
version: 1
input: {redis: {url: redis://127.0.0.1:1, stream: s}}
state_dir: $T
stages: [cat]
YAML
out=$("$SERVE" check "$T/bad2.yaml" 2>&1)
is "$?" 78 "check: a missing group exits 78"
like "$out" "bad2.yaml:2:[0-9]+: error: 'redis' needs 'group'" "check: missing group, with a position"

# ---- a feed through cat and dedupe, Redis to Redis ----
start_redis
ok $? "redis-server started"
mkdir -p "$T/state"
PORT=$(free_port)
cat > "$T/p.yaml" <<YAML
version: 1
name: redis
input: {redis: {url: unix:$RSOCK, stream: news, group: enrich, consumer: one, claim_idle: 1s}}
output: {redis: {url: unix:$RSOCK, stream: enriched, maxlen: 100000}}
state_dir: $T/state
batch: {lines: 40, time: 100ms}
metrics: 127.0.0.1:$PORT
stages:
  - cat
  - dedupe: {state: $T/state/dedupe.state}
YAML
"$SERVE" check "$T/p.yaml" >/dev/null 2>&1
ok $? "check accepts a redis pipeline"

make_articles "$T/a.ndjson" 600 a
head -n 300 "$T/a.ndjson" > "$T/a1.ndjson"
tail -n 300 "$T/a.ndjson" > "$T/a2.ndjson"
# A consumer "ghost" of the group reads 10 entries and dies before acknowledging them:
# serve claims them (XAUTOCLAIM) once they have been pending for claim_idle.
rcli cmd XGROUP CREATE news enrich 0 MKSTREAM >/dev/null
rcli xadd news "$T/a1.ndjson"
rcli cmd XREADGROUP GROUP enrich ghost COUNT 10 STREAMS news '>' >/dev/null
is "$(rcli pending news enrich)" 10 "a dead consumer holds 10 entries"
start_server "$T/p.yaml"
KILL_AT_EXIT="$SPID"
wait_for 20 serving
rcli xadd news "$T/a1.ndjson"   # the same ids again: dedupe drops them
rcli xadd-nl news "$T/a2.ndjson" # values ending in a newline, as redis-cli -x sends them
done_600() { [ "$(rcli dump enriched | wc -l)" -ge 600 ] && [ "$(rcli pending news enrich)" = 0 ]; }
wait_for 30 done_600
ok $? "600 articles out, nothing pending"
rcli dump enriched > "$T/out1.ndjson"
is "$(ids "$T/out1.ndjson" | wc -l | tr -d ' ')" 600 "every id out"
is "$(wc -l < "$T/out1.ndjson" | tr -d ' ')" 600 "each once (the repeated 300 dropped by dedupe's id check)"
grep -q 'claimed 10 entries pending on a consumer idle' "$T/serve.log"
ok $? "the dead consumer's 10 entries claimed"
# XINFO GROUPS is asked every second.
wait_for 5 sh -c "curl -s http://127.0.0.1:$PORT/metrics | grep -q 'newspipe_stream_pending{pipeline=\"redis\"} 0'"
ok $? "metrics: pending count"
m=$(curl -s "http://127.0.0.1:$PORT/metrics")
like "$m" 'newspipe_stream_lag\{pipeline="redis"\} 0' "metrics: stream lag"
like "$(curl -s "http://127.0.0.1:$PORT/health")" '"status":"ok"' "health ok"

# ---- Redis killed and restarted mid-run (append-only file, fsync always) ----
make_articles "$T/b.ndjson" 1000 b
(rcli xadd news "$T/b.ndjson" 400 > "$T/producer.log" 2>&1; echo $? > "$T/producer.rc") &
PRODUCER=$!
sleep 1
kill_redis KILL
wait_for 10 sh -c "curl -s http://127.0.0.1:$PORT/health | grep -q 'source down'"
ok $? "health says the source is down while Redis is away"
alive
ok $? "serve keeps running without Redis"
sleep 1
start_redis
wait "$PRODUCER"
is "$(cat "$T/producer.rc")" 0 "the producer's XADDs all acknowledged (resent after the restart)"
done_1600() { [ "$(rcli dump enriched | ids | wc -l)" -ge 1600 ] && [ "$(rcli pending news enrich)" = 0 ]; }
ids() { jq -r .id | sort -u; }
wait_for 40 done_1600
ok $? "after the restart: every id out, nothing pending"
rcli dump enriched > "$T/out2.ndjson"
is "$(ids < "$T/out2.ndjson" | wc -l | tr -d ' ')" 1600 "0 lost across a Redis restart"
echo "# output entries: $(wc -l < "$T/out2.ndjson" | tr -d ' ') for 1600 ids"
wait_for 10 sh -c "curl -s http://127.0.0.1:$PORT/health | grep -q '\"status\":\"ok\"'"
ok $? "health ok again after the reconnection"
grep -q "connection lost" "$T/serve.log"
ok $? "the lost connection is logged"

# ---- Redis that answers nothing (stopped): the source says so, then carries on ----
kill -STOP "$RPID"
wait_for 25 sh -c "curl -s http://127.0.0.1:$PORT/health | grep -q 'source down'"
ok $? "health says the source is down while Redis answers nothing"
m=$(curl -s "http://127.0.0.1:$PORT/metrics")
like "$m" 'newspipe_stream_up\{pipeline="redis"\} 0' "metrics: the stream is not up"
like "$m" 'newspipe_stream_lag\{pipeline="redis"\} -1' "and its lag is unknown (-1), not the last figure"
like "$m" 'newspipe_stream_pending\{pipeline="redis"\} -1' "so is its pending count"
kill -CONT "$RPID"
wait_for 20 sh -c "curl -s http://127.0.0.1:$PORT/health | grep -q '\"status\":\"ok\"'"
ok $? "health ok again once Redis answers"
grep -q "no reply in 11 s" "$T/serve.log"
ok $? "the silent server is logged"

stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
ls "$T/state/redis" | grep -q . && ok 1 "no batch left behind" || ok 0 "no batch left behind"
[ "$_tap_failed" = 0 ] || tail -n 30 "$T/serve.log" "$RDIR/log" | sed 's/^/#   log: /'
done_testing
