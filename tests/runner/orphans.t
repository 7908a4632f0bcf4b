#!/bin/sh
# kill -9 of the runner (issue 14, item 5): its stages die with it (PR_SET_PDEATHSIG), so an
# immediate re-run does not meet a stage still holding dedupe's state lock, and the next run
# removes the temporaries the killed one left beside its output and reject files (only
# OUT.tmp.PID.XXXXXX of a pid that is gone), never a live run's. The same for serve's stages.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
need_prog newspipe-dedupe
NP="$NP_BIN/newspipe"
SLOW=1
[ "${NP_SANITIZE:-}" = 1 ] && SLOW=4
cd "$T" || exit 1

children() { # [PID]: the pids of its children ($P's by default), from /proc
    _p=${1:-$P}
    for f in /proc/[0-9]*/stat; do
        set -- $(sed 's/^.*) //' "$f" 2>/dev/null)
        [ "${2:-}" = "$_p" ] && basename "$(dirname "$f")"
    done
}
STRAYS=
cleanup() { # the stages' own children, and anything left, by pid
    for q in $STRAYS $KIDS; do kill -9 "$q" 2>/dev/null; done
}
running() { # PIDS...: those still alive (not zombies)
    for q in "$@"; do
        s=$(sed 's/^.*) //' "/proc/$q/stat" 2>/dev/null | cut -d' ' -f1)
        [ -n "$s" ] && [ "$s" != Z ] && echo "$q"
    done
}
wait_until() { # SECONDS CMD...
    _n=$(($1 * 20 * SLOW))
    shift
    while [ $_n -gt 0 ]; do
        "$@" && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}

# A run stuck behind a slow stage: dedupe holds its state lock while it waits to write to
# the next stage, which sleeps before it reads (as a stage busy after its input ended).
awk 'BEGIN { srand(7); for (i = 0; i < 3000; i++) { s = ""; for (j = 0; j < 25; j++) s = s " w" int(rand() * 100000)
    printf "{\"id\":\"a%d\",\"title\":\"story %d\",\"body\":\"%s\"}\n", i, i, s } }' > in.ndjson
printf 'not json\n' >> in.ndjson
cat > p.yaml <<'Y'
version: 1
output: out.ndjson
reject: rej.ndjson
stages:
  - dedupe: {state: dd.state}
  - run: "sleep 60; exec cat"
  - cat: {workers: 2}
Y
# The same files without the slow stage, for the re-run.
sed '/sleep 60/d' p.yaml > again.yaml

"$NP" run p.yaml < in.ndjson 2> run.err &
P=$!
have_all() { [ "$(children | wc -l)" -ge 4 ] && ls out.ndjson.tmp.$P.* rej.ndjson.tmp.$P.* >/dev/null 2>&1; }
wait_until 10 have_all
ok $? "the run has its 4 processes (dedupe, the slow stage, 2 workers) and its temporaries"
KIDS=$(children)
for q in $KIDS; do STRAYS="$STRAYS $(children "$q")"; done
sleep 0.5
kill -9 $P
{ wait $P; } 2>/dev/null
wait_until 1 eval '[ -z "$(running $KIDS)" ]'
ok $? "kill -9 of the runner: its stages are gone within a second (left: $(running $KIDS | tr '\n' ' '))"
ls out.ndjson.tmp.$P.* rej.ndjson.tmp.$P.* > left 2>/dev/null
is "$(wc -l < left | tr -d ' ')" 2 "the killed run left its output and reject temporaries"

# A live run's temporaries (a pid that is alive) and files that only look alike stay.
: > out.ndjson.tmp.$$.AbC123
: > out.ndjson.tmp.$P.short
: > out.ndjson.tmp.x$P.AbC123
: > other.ndjson.tmp.$P.AbC123
"$NP" run again.yaml < in.ndjson > /dev/null 2> rerun.err
is "$?" 0 "an immediate re-run succeeds (dedupe's state lock is free)"
is "$(ls out.ndjson.tmp.$P.* rej.ndjson.tmp.$P.* 2>/dev/null | grep -v short)" "" \
    "and removes the temporaries of the dead run"
is "$(ls out.ndjson.tmp.* other.ndjson.tmp.* | sort | tr '\n' ' ')" \
    "$(printf '%s\n' other.ndjson.tmp.$P.AbC123 out.ndjson.tmp.$P.short out.ndjson.tmp.$$.AbC123 out.ndjson.tmp.x$P.AbC123 | sort | tr '\n' ' ')" \
    "but not a live pid's, nor names it does not make"
is "$(wc -l < out.ndjson | tr -d ' ')" 3000 "the re-run's output is whole"
is "$(wc -l < rej.ndjson | tr -d ' ')" 1 "and its reject file has its one reject"
cleanup

# newspipe serve: its stages die with it too.
mkdir -p spool state
cat > s.yaml <<Y
version: 1
name: orphans
input: {spool: $T/spool}
output: {file: $T/sout.ndjson}
state_dir: $T/state
stages:
  - run: "sleep 60; exec cat"
  - cat: {workers: 2}
Y
"$NP" serve s.yaml 2> serve.err &
P=$!
cp in.ndjson spool/b.part && mv spool/b.part spool/b.ndjson
wait_until 10 eval '[ "$(children | wc -l)" -ge 3 ]'
ok $? "serve runs a batch's 3 processes"
KIDS=$(children)
for q in $KIDS; do STRAYS="$STRAYS $(children "$q")"; done
kill -9 $P
{ wait $P; } 2>/dev/null
wait_until 1 eval '[ -z "$(running $KIDS)" ]'
ok $? "kill -9 of serve: the batch's stages are gone within a second (left: $(running $KIDS | tr '\n' ' '))"
cleanup
done_testing
