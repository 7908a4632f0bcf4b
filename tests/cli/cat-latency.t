#!/bin/sh
# A slow live feed sees each record promptly: output is flushed before a read that would wait,
# without --unbuffered; and --unbuffered flushes each record.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe-cat
CAT="$NP_BIN/newspipe-cat"
mkfifo "$T/in"

# wait_for FILE TEXT: up to 10 s for TEXT to appear in FILE
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

for mode in "" "--unbuffered"; do
    "$CAT" $mode < "$T/in" > "$T/out" &
    pid=$!
    exec 3> "$T/in"
    printf '{"id":"r1"}\n' >&3
    wait_for "$T/out" '"r1"'
    ok $? "first record delivered while the feed stays open ${mode:-(default)}"
    printf '{"id":"r2"}\n' >&3
    wait_for "$T/out" '"r2"'
    ok $? "second record delivered while the feed stays open ${mode:-(default)}"
    exec 3>&-
    wait $pid
    is "$?" 0 "exit 0 at end of feed ${mode:-(default)}"
done

# gzip output to a slow reader: what has been read can be decoded before the end.
"$CAT" -z < "$T/in" > "$T/out.gz" &
pid=$!
exec 3> "$T/in"
printf '{"id":"z1"}\n' >&3
i=0
until { gzip -dc < "$T/out.gz"; } 2>/dev/null | grep -q z1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
{ gzip -dc < "$T/out.gz"; } 2>/dev/null | grep -q z1
ok $? "gzip output is sync-flushed before waiting for input"
exec 3>&-
wait $pid
is "$(gzip -dc < "$T/out.gz")" '{"id":"z1"}' "gzip stream complete at the end"
done_testing
