#!/bin/sh
# newspipe-dedupe --emit-from: time-partitioned replay. A job for day d reads days
# [d - 2, d] with --window 48h and emits day d; the jobs' outputs, day by day, equal a serial
# run's byte for byte (drop and --mark modes), including copies that span day boundaries and
# copies of copies whose first version is older than the job's input; --stats accounts for
# the records read only to remember them as "replayed".
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-dedupe
D="$NP_BIN/newspipe-dedupe"
stat_of() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$2"; }

# Five days of 120 stories each, as "TIME<TAB>DAY<TAB>RECORD" lines; about a third of the
# stories are re-sent 1-60 hours later, some exactly, some with a few words changed, and
# some re-sends are re-sent again (a copy of a copy).
gen_days() {
    awk 'function story(n,   b, w) {
            b = "";
            for (w = 0; w < 60; w++) b = b (w ? " " : "") "w" int(rand() * 3000);
            return b
        }
        function edit(b,   n, k, i, w) {
            n = split(b, w, " ");
            for (k = 0; k < 2; k++) w[1 + int(rand() * n)] = "x" int(rand() * 3000);
            b = w[1];
            for (i = 2; i <= n; i++) b = b " " w[i];
            return b
        }
        function put(t, id, body,   d, ts, pub) {
            d = int(t / 86400);
            if (d > 4) return;
            ts = sprintf("2013-10-%02dT%02d:%02d:%02dZ", d + 1, int(t % 86400 / 3600), int(t % 3600 / 60), t % 60);
            pub = "\"published\":\"" ts "\",";
            printf "%d\t%d\t{\"id\":\"%s\",%s\"day\":%d,\"body\":\"%s\"}\n", t, d + 1, id, pub, d + 1, body;
        }
        BEGIN {
            srand(11);
            n = 0;
            for (d = 0; d < 5; d++)
                for (i = 0; i < 120; i++) {
                    t = d * 86400 + int(rand() * 86400);
                    b = story();
                    put(t, "s" n, b);
                    if (rand() < 0.35) {
                        t2 = t + 3600 + int(rand() * 60 * 3600);
                        b2 = rand() < 0.3 ? b : edit(b);
                        put(t2, "s" n "-r1", b2);
                        t3 = t2 + 3600 + int(rand() * 40 * 3600);
                        # "-r2c": its first version is out of the window, the copy it
                        # copies is not
                        if (rand() < 0.5) put(t3, "s" n "-r2" (t3 - t > 49 * 3600 ? "c" : ""), edit(b2));
                    }
                    n++;
                }
        }'
}

# Takes the time out of one record in 20, never out of the first of a day (see the man
# page: a record without a time goes with the timed record before it).
untime() {
    awk -F '\t' 'BEGIN { srand(5) } { if ($2 == last && rand() < 0.05) sub(/"published":"[^"]*",/, ""); last = $2; print }'
}

split_days() { # SORTED-FILE: writes day1..day5 and all
    : > "$T/all"
    for d in 1 2 3 4 5; do
        awk -F '\t' -v d="$d" '$2 == d { print $3 }' "$1" > "$T/day$d"
        cat "$T/day$d" >> "$T/all"
    done
}

job() { # DAY MODE...: the job for DAY over days [DAY-2, DAY], output in $T/job.DAY
    day=$1
    shift
    from=$((day > 2 ? day - 2 : 1))
    files=""
    for k in $(seq "$from" "$day"); do files="$files $T/day$k"; done
    # shellcheck disable=SC2086
    "$D" --stats --window 48h --emit-from "2013-10-0${day}T00:00:00Z" "$@" $files \
        > "$T/job.$day" 2> "$T/job.$day.err"
}

gen_days | sort -s -n -k1,1 > "$T/sorted"
split_days "$T/sorted"
lines=$(wc -l < "$T/all" | tr -d ' ')
"$D" --stats --window 48h < "$T/all" > "$T/serial" 2> "$T/serial.err"
is "$?" 0 "serial run over five days ($lines records)"
dropped=$(stat_of dropped "$T/serial.err")
[ "$dropped" -gt 50 ]
ok $? "the serial run drops copies ($dropped)"
for mode in drop mark; do
    flag=""
    [ "$mode" = mark ] && flag=--mark
    # shellcheck disable=SC2086
    "$D" --window 48h $flag < "$T/all" > "$T/serial.$mode" 2> /dev/null
    : > "$T/jobs.$mode"
    acct=0
    for day in 1 2 3 4 5; do
        # shellcheck disable=SC2086
        job "$day" $flag
        [ $? -eq 0 ] || acct=1
        cat "$T/job.$day" >> "$T/jobs.$mode"
        grep "\"day\":$day," "$T/serial.$mode" > "$T/serial.$mode.$day"
        cmp -s "$T/job.$day" "$T/serial.$mode.$day" || {
            acct=1
            echo "# $mode: day $day differs from the serial run"
            diff "$T/job.$day" "$T/serial.$mode.$day" | head -n 6 | sed 's/^/#   /'
        }
        e="$T/job.$day.err"
        in=$(stat_of in "$e") out=$(stat_of out "$e") dr=$(stat_of dropped "$e")
        rj=$(stat_of rejected "$e") rp=$(stat_of replayed "$e")
        before=0
        for k in $(seq $((day > 2 ? day - 2 : 1)) $((day - 1))); do
            [ "$k" -lt "$day" ] && before=$((before + $(wc -l < "$T/day$k")))
        done
        [ "$in" -eq $((out + dr + rj + rp)) ] && [ "$rp" -eq "$before" ] || {
            acct=1
            echo "# day $day: in $in out $out dropped $dr rejected $rj replayed $rp (earlier days $before)"
        }
    done
    ok "$acct" "$mode: each day's job (days d-2..d, --emit-from d) equals the serial run's day d; in = out + dropped + rejected + replayed, replayed = the earlier days' records"
    cmp -s "$T/jobs.$mode" "$T/serial.$mode"
    ok $? "$mode: the five jobs' outputs in order are the serial output byte for byte"
done
chained=$(grep -c '"id":"s[0-9]*-r2c"' "$T/serial.mark")
is "$(grep -c '"id":"s\([0-9]*\)-r2c".*"duplicate_of":"s\1-r1"' "$T/serial.mark")" "$chained" \
    "all $chained copies of a copy whose first version is out of the window match the copy (duplicates are remembered)"

# Records without a time: with --emit-from they take the newest time seen before them; a
# serial run that uses the same rule is a run with --emit-from at the first day.
gen_days | sort -s -n -k1,1 | untime > "$T/sorted"
split_days "$T/sorted"
n_untimed=$(grep -vc published "$T/all")
"$D" --window 48h --mark --emit-from 2013-10-01T00:00:00Z < "$T/all" > "$T/serial.u" 2> /dev/null
: > "$T/jobs.u"
for day in 1 2 3 4 5; do
    job "$day" --mark
    cat "$T/job.$day" >> "$T/jobs.u"
done
cmp -s "$T/jobs.u" "$T/serial.u"
ok $? "with $n_untimed records without a time: the jobs equal a serial --emit-from run"
is "$(wc -l < "$T/serial.u" | tr -d ' ')" "$(wc -l < "$T/all" | tr -d ' ')" "and every record is written once"
printf '{"id":"u1","body":"an article without a time"}\n' > "$T/u"
cat "$T/u" "$T/day1" | "$D" --stats --emit-from 2013-10-01T00:00:00Z > "$T/out" 2> "$T/err"
is "$(stat_of replayed "$T/err") $(grep -c '"u1"' "$T/out")" "1 0" \
    "a record without a time before any that has one is replayed, not written"
printf '{"id":"b1","published":"2013-09-30T10:00:00Z","body":7}\n' |
    "$D" --stats --emit-from 2013-10-01 > /dev/null 2> "$T/err"
is "$(stat_of rejected "$T/err") $(stat_of replayed "$T/err")" "0 1" \
    "a bad record before TIME is not rejected again (its own day's job rejects it)"
"$D" --emit-from yesterday < /dev/null 2> "$T/err"
is "$?" 64 "--emit-from with an unreadable time: 64"
like "$(cat "$T/err")" "emit-from: 'yesterday' is not a time" "naming the option and the value"
done_testing
