#!/bin/sh
# Two newspipe serve of one consumer group share a Redis stream while 2,000 articles are
# XADDed; one of them is SIGKILLed at random moments (at least twice) and started again,
# once after claim_idle so that the other claims its pending entries (XAUTOCLAIM). At the
# end every id is in the output stream (0 lost), exactly once after dedupe (the copies a
# claim makes are counted and shown), the group's pending list is empty, and both servers
# stop on SIGTERM with exit 0.
#   REDIS_KILL_SEED=N   the seed of the kill moments (default: the time)
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
. "$NP_TOP/tests/serve/lib-redis.sh"
need_prog newspipe-dedupe

SEED=${REDIS_KILL_SEED:-$(date +%s)}
echo "# seed $SEED (REDIS_KILL_SEED=$SEED to run these moments again)"
start_redis
ok $? "redis-server started"
for n in 1 2; do
    mkdir -p "$T/state$n"
    cat > "$T/p$n.yaml" <<YAML
version: 1
name: member$n
input: {redis: {url: unix:$RSOCK, stream: news, group: enrich, consumer: member$n, claim_idle: 1s}}
output: {redis: {url: unix:$RSOCK, stream: enriched}}
state_dir: $T/state$n
batch: {lines: 25, time: 50ms, queue: 2}
stages:
  - cat
  - dedupe: {state: $T/state$n/dedupe.state}
YAML
done

start1() { "$SERVE" serve "$T/p1.yaml" 2>>"$T/serve1.log" & P1=$!; }
start1
"$SERVE" serve "$T/p2.yaml" 2>>"$T/serve2.log" &
P2=$!
KILL_AT_EXIT="$P1 $P2"
wait_for 20 sh -c "grep -q 'connected; reading' '$T/serve1.log' && grep -q 'connected; reading' '$T/serve2.log'"
ok $? "both members connected"

make_articles "$T/a.ndjson" 2000 k
(rcli xadd news "$T/a.ndjson" $((250 / SLOW)) > "$T/producer.log" 2>&1; echo $? > "$T/producer.rc") &
PRODUCER=$!

# Kill moments: 3 random points of the feed (seconds, tenths), the second one followed by a
# pause longer than claim_idle (member2 claims what member1 held).
set -- $(python3 -c "
import random; r = random.Random($SEED)
print(' '.join('%.1f' % (r.uniform(0.5, 2.0) * $SLOW) for _ in range(3)))")
kills=0
for pause in "$@"; do
    sleep "$pause"
    kill -9 "$P1" 2>/dev/null && kills=$((kills + 1))
    wait "$P1" 2>/dev/null
    [ "$kills" = 2 ] && sleep $((2 * SLOW))
    start1
    KILL_AT_EXIT="$P1 $P2"
done
ok $([ "$kills" -ge 2 ] && echo 0 || echo 1) "member1 SIGKILLed $kills times and restarted"
wait "$PRODUCER"
is "$(cat "$T/producer.rc")" 0 "2,000 articles XADDed"

done_all() {
    [ "$(rcli dump enriched | jq -r .id | sort -u | wc -l)" -ge 2000 ] &&
        [ "$(rcli pending news enrich)" = 0 ]
}
wait_for 60 done_all
ok $? "every id out and nothing pending"
rcli dump enriched > "$T/out.ndjson"
is "$(jq -r .id < "$T/out.ndjson" | sort -u | wc -l | tr -d ' ')" 2000 "0 lost"
jq -r .id < "$T/out.ndjson" | sort -u > "$T/got.ids"
jq -r .id < "$T/a.ndjson" | sort -u > "$T/want.ids"
cmp -s "$T/got.ids" "$T/want.ids"
ok $? "the output's ids are the input's"
# After dedupe (what a consumer of the output stream runs): each id exactly once.
"$NP_BIN/newspipe-dedupe" --state "$T/consumer.state" < "$T/out.ndjson" > "$T/dedup.ndjson" 2>/dev/null
is "$(wc -l < "$T/dedup.ndjson" | tr -d ' ')" 2000 "exactly once after dedupe"
dups=$(( $(wc -l < "$T/out.ndjson") - 2000 ))
claimed=$(grep -c 'claimed' "$T/serve2.log" "$T/serve1.log" | awk -F: '{s += $2} END {print s + 0}')
echo "# output entries: $(wc -l < "$T/out.ndjson" | tr -d ' '), redelivered copies: $dups, claim events: $claimed"
is "$(rcli pending news enrich)" 0 "pending list empty"

kill -TERM "$P1" "$P2"
wait "$P1"
r1=$?
wait "$P2"
r2=$?
is "$r1 $r2" "0 0" "both stop on SIGTERM with exit 0"
[ "$r1 $r2" = "0 0" ] || tail -n 20 "$T/serve1.log" "$T/serve2.log" | sed 's/^/#   log: /'
done_testing
