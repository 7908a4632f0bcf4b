#!/bin/sh
# newspipe serve and signals: SIGTERM drains the batch in hand and commits it; a batch that
# outlives shutdown_timeout is abandoned and replayed at the next start; SIGHUP reloads a
# good file, refuses a bad one (and one changing the input) and keeps running.
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

mkdir -p "$T/state" "$T/spool" "$T/out"
pipeline() { # FILE STAGE-COMMAND [TIMEOUT]
    cat > "$1" <<YAML
version: 1
name: sig
input: {spool: $T/spool}
output: {spool: $T/out}
state_dir: $T/state
shutdown_timeout: ${3:-20s}
stages:
  - cat
  - run: $2
YAML
}
drop() { # NAME N PREFIX: drops a file of N articles into the spool, by rename
    make_articles "$T/$1.part" "$2" "$3"
    mv "$T/$1.part" "$T/spool/$1"
}
running() { [ -n "$(children "$SPID")" ]; }
outs() { cat "$T"/out/*.ndjson 2>/dev/null; }

# SIGTERM while a slow batch runs: it finishes and is committed, then the server exits 0.
pipeline "$T/p.yaml" "[sh, -c, 'sleep 1; exec cat']"
start_server "$T/p.yaml"
drop a.ndjson 30 a
wait_for 20 running
ok $? "a batch is running"
stop_server TERM
is "$SRC" 0 "SIGTERM during a batch: exit 0"
is "$(outs | jq -r .id | sort -u)" "$(for i in $(seq 1 30); do echo a-$i; done | sort)" "the batch in hand was committed"
ok "$([ -f "$T/spool/done/a.ndjson" ]; echo $?)" "its spool file went to done/"
like "$(cat "$T/serve.log")" "SIGTERM: stopping" "the log says it stopped on SIGTERM"

# A batch that outlives shutdown_timeout: its stages are stopped, nothing is committed, the
# file stays in the spool and the next start processes it.
pipeline "$T/p.yaml" "[sh, -c, 'sleep 30; exec cat']" 1s
start_server "$T/p.yaml"
drop b.ndjson 20 b
wait_for 20 running
stop_server TERM
is "$SRC" 0 "SIGTERM with a stuck stage: still exit 0 (the batch is replayed later)"
ok "$([ -f "$T/spool/b.ndjson" ]; echo $?)" "the unfinished batch is still in the spool"
is "$(outs | jq -r .id | grep -c '^b-')" 0 "nothing of it was delivered"
pipeline "$T/p.yaml" "[jq, -c, '. + {v: 1}']"
start_server "$T/p.yaml"
wait_for 20 test -f "$T/spool/done/b.ndjson"
ok $? "the next start replays it"
is "$(outs | jq -r 'select(.id | startswith("b-")) | .id' | sort -u | wc -l | tr -d ' ')" 20 "all of it is delivered"

# SIGHUP with a good file: the next batch runs the new stages.
pipeline "$T/p.yaml" "[jq, -c, '. + {v: 2}']"
kill -HUP $SPID
wait_for 10 grep -q "reloaded" "$T/serve.log"
ok $? "SIGHUP: the new file is loaded"
drop c.ndjson 10 c
wait_for 20 test -f "$T/spool/done/c.ndjson"
is "$(outs | jq -r 'select(.id | startswith("c-")) | .v' | sort -u)" 2 "the next batch runs the new stages"

# SIGHUP with a broken file: refused, the old pipeline goes on.
printf 'version: 1\nstages: [\n' > "$T/p.yaml"
kill -HUP $SPID
wait_for 10 grep -q "reload refused: .* has errors" "$T/serve.log"
ok $? "SIGHUP with a syntax error: refused, and the log says why"
like "$(cat "$T/serve.log")" "p.yaml:[0-9]+:[0-9]+: error" "the errors have positions"
drop d.ndjson 10 d
wait_for 20 test -f "$T/spool/done/d.ndjson"
is "$(outs | jq -r 'select(.id | startswith("d-")) | .v' | sort -u)" 2 "the old pipeline keeps running"

# SIGHUP changing the input: refused (that needs a restart).
mkdir -p "$T/spool2"
pipeline "$T/p.yaml" "[jq, -c, '. + {v: 3}']"
sed -i "s|spool: $T/spool}|spool: $T/spool2}|" "$T/p.yaml"
kill -HUP $SPID
wait_for 10 grep -q "reload refused: 'input' changed" "$T/serve.log"
ok $? "SIGHUP changing the input: refused"
alive
ok $? "the server is still running"
stop_server TERM
is "$SRC" 0 "and stops cleanly"

# SIGTERM while the server is still starting (here: asking a slow filter for its options)
# stops it cleanly too, instead of killing it with the default action.
mkdir -p "$T/path"
cat > "$T/path/newspipe-slowopts" <<SH
#!/bin/sh
[ "\$1" = --options ] && { touch "$T/asked"; sleep 1; }
exec "$NP_BIN/newspipe-cat" "\$@"
SH
chmod +x "$T/path/newspipe-slowopts"
pipeline "$T/p.yaml" "[cat]"
printf '  - slowopts: {unbuffered: true}\n' >> "$T/p.yaml"
rm -f "$T/asked"
stops=$(grep -c "SIGTERM: stopping" "$T/serve.log")
PATH="$T/path:$PATH" start_server "$T/p.yaml"
wait_for 10 test -f "$T/asked"
ok $? "the server asks the slow filter for its options"
stop_server TERM
is "$SRC" 0 "SIGTERM during start-up: exit 0"
is "$(grep -c "SIGTERM: stopping" "$T/serve.log")" $((stops + 1)) "the log says it stopped on SIGTERM"
done_testing
