# Sourced by the scale tests: archives made from the bundled sample feed (38 articles over
# 2024-03-04..12), and the pipeline files the tests run over them.
#
#   make_files DIR N         the sample feed cut into N files part-1.ndjson .. part-N.ndjson
#   make_days DIR            an archive of one file per day, news-2024-03-DD.ndjson: every
#                            article on its own day, plus re-sends 1 to 4 days later (exact
#                            copies and copies with a word changed) under new ids, so that a
#                            72 h window drops some and has forgotten others
#   make_gate FILE           a run: stage that passes its input through and then, on host b
#                            while $T/gate.on exists, marks $T/blocked.PID and waits to be
#                            killed with its host
FEED="$NP_TOP/data/sample-feed.ndjson"

make_files() { # DIR N
    mkdir -p "$1"
    awk -v dir="$1" -v n="$2" '{ print > (dir "/part-" (1 + int((NR - 1) * n / 38)) ".ndjson") }' "$FEED"
}

make_days() { # DIR
    mkdir -p "$1"
    awk 'function put(line, k, tag, edit,   d) {
            d = substr(line, index(line, "\"published\":\"2024-03-") + 21, 2) + k;
            sub(/"published":"2024-03-[0-9][0-9]/, sprintf("\"published\":\"2024-03-%02d", d), line);
            if (tag != "") sub(/"id":"[^"]*/, "&-" tag, line);
            if (edit) sub(/"body":"[A-Za-z]+/, "\"body\":\"Edited", line);
            print line
        }
        {
            put($0, 0, "", 0);
            if (NR % 3 == 0) put($0, 1, "r1", 0);     # exact copy the next day: dropped
            if (NR % 4 == 1) put($0, 2, "r2", 1);     # edited, two days on: a near duplicate
            if (NR % 5 == 2) put($0, 4, "r4", 0);     # four days on: the window forgot it
        }' "$FEED" |
        awk '{ print substr($0, index($0, "\"published\":\"") + 13, 20) "\t" $0 }' |
        sort -s -t "$(printf '\t')" -k1,1 | cut -f2- | awk -v dir="$1" '{
            d = substr($0, index($0, "\"published\":\"") + 13, 10);
            print > (dir "/news-" d ".ndjson")
        }'
}

make_gate() { # FILE
    cat > "$1" <<EOF
#!/bin/sh
# test gate: copy the stage's input, then on host b while the gate is on wait to be killed
cat || exit
if [ "\${NP_SCALE_HOST:-}" = b ] && [ -e "$T/gate.on" ]; then
    : > "$T/blocked.\$\$"
    exec sleep 3600
fi
EOF
}
