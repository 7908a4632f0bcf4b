#!/bin/sh
# Two members of a group whose batches take longer than claim_idle (a stage that sleeps 3 s,
# claim_idle 2s): each keeps the entries it holds its own while it works on them (an XCLAIM
# to itself every claim_idle/4), so the other claims nothing and no record comes out twice.
# (Without that, 250 of 300 records came out twice here.)
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
. "$NP_TOP/tests/serve/lib-redis.sh"

start_redis
ok $? "redis-server started"
for n in 1 2; do
    mkdir -p "$T/state$n"
    cat > "$T/p$n.yaml" <<YAML
version: 1
name: slow$n
input: {redis: {url: unix:$RSOCK, stream: news, group: g, consumer: m$n, claim_idle: 2s}}
output: {redis: {url: unix:$RSOCK, stream: out}}
state_dir: $T/state$n
batch: {lines: 50, time: 50ms, queue: 2}
stages:
  - run: [sh, -c, 'sleep 3; exec cat']
YAML
done
"$SERVE" serve "$T/p1.yaml" 2>>"$T/s1.log" &
P1=$!
"$SERVE" serve "$T/p2.yaml" 2>>"$T/s2.log" &
P2=$!
KILL_AT_EXIT="$P1 $P2"
make_articles "$T/a.ndjson" 200 s
rcli xadd news "$T/a.ndjson"
finished() { [ "$(rcli pending news g)" = 0 ] && [ "$(rcli lag news g)" = 0 ]; }
wait_for 60 finished
ok $? "every entry read and acknowledged"
rcli dump out > "$T/out"
is "$(jq -r .id < "$T/out" | sort -u | wc -l | tr -d ' ')" 200 "every id out"
is "$(wc -l < "$T/out" | tr -d ' ')" 200 "none twice"
grep -q claimed "$T/s1.log" "$T/s2.log"
is "$?" 1 "nothing claimed from a live member"
kill -TERM "$P1" "$P2"
wait "$P1"
r1=$?
wait "$P2"
is "$r1 $?" "0 0" "both stop on SIGTERM with exit 0"
done_testing
