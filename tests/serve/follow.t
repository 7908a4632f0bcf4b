#!/bin/sh
# newspipe serve following a file: tail -F semantics across rotation (with a last line
# without a newline in the old file), truncation, restarts (the offset is kept, also after a
# batch cut by its size), and a rotation while the server is stopped.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state"
F="$T/feed.ndjson"
cat > "$T/p.yaml" <<YAML
version: 1
name: follow
input: {follow: $F}
output: {file: $T/out.ndjson}
state_dir: $T/state
batch: {lines: 20, time: 100ms}
stages: [cat]
YAML
all=0
feed() { # PREFIX N [FILE]: appends N articles to the feed (or FILE)
    make_articles "$T/chunk" "$2" "$1"
    cat "$T/chunk" >> "${3:-$F}"
    cat "$T/chunk" >> "$T/expected"
    all=$((all + $2))
}
delivered() { lines_at_least "$T/out.ndjson" "$all"; }
check() { # DESC
    wait_for 20 delivered
    is "$(ids "$T/out.ndjson")" "$(ids "$T/expected")" "$1: every line delivered"
    is "$(count_lines "$T/out.ndjson")" "$all" "$1: each once"
}

start_server "$T/p.yaml"
feed a 30
check "a file created after the start"
feed b 25
check "lines appended"

# Rotation: the writer finishes the old file (its last line without a newline) after it
# was renamed, then starts a new one.
printf '{"id":"c-1","body":"first"}\n' >> "$F"
mv "$F" "$F.1"
printf '{"id":"c-2","body":"late write to the renamed file"}' >> "$F.1"
printf '{"id":"c-1","body":"first"}\n{"id":"c-2","body":"late write to the renamed file"}\n' >> "$T/expected"
all=$((all + 2))
feed d 10
check "rotation"

# Truncation: the file starts again, shorter.
: > "$F"
feed e 3
check "truncation"

# A restart resumes at the saved offset.
stop_server TERM
is "$SRC" 0 "stopped"
feed f 12
start_server "$T/p.yaml"
check "restart"

# A batch cut by its line count (45 lines read at once, batch.lines 20): the position saved
# with it is the end of those lines, so a restart does not queue them again (it was the
# previous read's end, and a restart delivered the 45 lines twice).
feed k 45
check "a batch cut by its size"
stop_server TERM
start_server "$T/p.yaml"
wait_for 20 serving
sleep 1
is "$(count_lines "$T/out.ndjson")" "$all" "a restart after it: nothing read again"

# Rotated while stopped: the rest of the old file first (found by its inode), then the new.
stop_server TERM
feed g 5
mv "$F" "$F.2"
feed h 6
start_server "$T/p.yaml"
check "rotation while stopped"
like "$(cat "$T/serve.log")" "rotated while stopped" "the log tells"

stop_server TERM
is "$SRC" 0 "SIGTERM: exit 0"
done_testing
