#!/bin/sh
# workers: N on a stage (newspipe(1), WORKERS): the stage's output is byte for byte what one
# process writes, for any N, whatever the records are (rejected, passed through, dropped,
# blank, without newline, 10 MB, starting with the protocol's own marker byte); accounting
# over the workers holds; a failing or killed worker fails the run and leaves -o untouched;
# SIGTERM drains every worker; a stopped worker stalls the runner within its stated memory
# bound; `newspipe check` refuses bad values and stateful stages.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
need_prog newspipe-ticker-link
command -v python3 > /dev/null || skip_all "python3 absent"
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

# workers_of PID: the pids of PID's children started with --chunked, oldest first (from
# /proc: no procps needed).
workers_of() {
    _want=$1
    for _f in /proc/[0-9]*/stat; do
        { read -r _l < "$_f"; } 2> /dev/null || continue
        set -- ${_l##*) } # the fields after "(comm) ": state, ppid, ...
        [ "$2" = "$_want" ] || continue
        _p=${_f#/proc/}
        _p=${_p%/stat}
        tr '\0' ' ' < "/proc/$_p/cmdline" 2> /dev/null | grep -q -- '--chunked' && echo "$_p"
    done | sort -n
}
# wait_workers PID N: until PID has N workers (bounded).
wait_workers() {
    _n=0
    while [ "$(workers_of "$1" | wc -l)" -lt "$2" ] && [ $_n -lt 400 ]; do
        sleep 0.05
        _n=$((_n + 1))
    done
}

# The test filters of tests/unit/test_chunk.c, under their names, found through PATH.
if [ -x "${NP_OUT:-}/tests/test_chunk.t" ]; then
    mkdir bin
    ln -s "$NP_OUT/tests/test_chunk.t" bin/newspipe-dropodd
    ln -s "$NP_OUT/tests/test_chunk.t" bin/newspipe-quitter
    ln -s "$NP_OUT/tests/test_chunk.t" bin/newspipe-stateful
    PATH="$T/bin:$PATH"
    export PATH
fi

# An input with everything a stage meets: records with and without the fields the filter
# reads, rejected lines (broken JSON, not an object, invalid UTF-8, a raw RS inside and at
# the start, lines forging the protocol's markers), blank and whitespace lines, CRLF, a
# 10 MB record in the middle, and a last line without its newline.
python3 - << 'PY'
import json, random
random.seed(12)
words = ["Apple", "Inc.", "said", "on", "Monday", "that", "Alibaba", "Group", "Holding",
         "shares", "rose", "5%", "to", "$3 billion", "in", "Hong", "Kong", "(BABA.N)",
         "Microsoft", "Corp", "(MSFT.O)", "Tim", "Cook", "told", "Reuters."]
out = []
for i in range(2400):
    r = random.random()
    if r < 0.05: out.append(b'{"id":"bad%d", broken' % i)
    elif r < 0.07: out.append(b'')
    elif r < 0.08: out.append(b' \t ')
    elif r < 0.12: out.append(json.dumps({"id": i, "n": i, "note": "no text"}).encode())
    elif r < 0.13: out.append(b'\x1e{"id":%d}' % i)
    elif r < 0.14: out.append(random.choice([b'\x1eE0', b'\x1e' + b'e1', b'\x1eL7', b'\x1eD', b'\x1e']))
    elif r < 0.15: out.append(b'{"id":%d,"body":"a CRLF line on Apple (AAPL.O)"}\r' % i)
    elif r < 0.16: out.append(b'{"id":%d,"body":"invalid UTF-8 \xff here"}' % i)
    elif r < 0.17: out.append(b'[1,2,3]')
    elif r < 0.18: out.append(b'{"id":%d,"body":"raw \x1e inside"}' % i)
    else:
        body = " ".join(random.choice(words) for _ in range(random.randint(3, 300)))
        out.append(json.dumps({"id": "a%d" % i, "n": i, "title": "Story %d" % i,
                               "body": body}).encode())
    if i == 1200:
        big = ("The minister said the talks went on late into the night. " * 200000)[:10 << 20]
        out.append(json.dumps({"id": "big", "body": big}).encode())
open("edge.ndjson", "wb").write(b"\n".join(out) + b'\n{"id":"last","body":"no newline after Alibaba"}')
PY
ok $? "the test input is written"

# run_n N FILTER: runs FILTER with workers: N over edge.ndjson into out.N, rejects into
# rej.N, the --stats line into stats.N.
run_n() {
    printf 'reject: rej.%s\nstages:\n  - %s: {workers: %s}\n' "$1" "$2" "$1" > w$1.yaml
    rm -f rej.$1
    "$NP" run w$1.yaml -i edge.ndjson --stats > out.$1 2> err.$1
    rc=$?
    grep '^{"pipeline"' err.$1 > stats.$1
    return $rc
}

# field FILE EXPR: a jq-like read of the stats line without jq: python.
field() { python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stages"][0]; print(eval(sys.argv[2]))' "$1" "$2"; }

run_n 1 ticker-link
is "$?" 0 "workers: 1 runs"
for n in 2 3 7; do
    run_n $n ticker-link
    is "$?" 0 "workers: $n runs"
    cmp -s out.1 out.$n
    ok $? "workers: $n: the output is byte for byte that of workers: 1"
    is "$(field stats.$n 'len(s["workers"])')" $n "workers: $n: --stats lists $n workers"
    for k in in out dropped rejected passed replayed bytes_in bytes_out; do
        is "$(field stats.$n "s['$k']")" "$(field stats.1 "s['$k']")" "workers: $n: total $k as with one process"
    done
    is "$(field stats.$n 'sum(w["in"] for w in s["workers"]) - s["in"]')" 0 "workers: $n: the workers' in add up"
    is "$(field stats.$n 's["in"] - s["out"] - s["dropped"] - s["rejected"] - s["replayed"]')" 0 \
        "workers: $n: in = out + dropped + rejected + replayed"
    # Rejects: the same lines with the same numbers and errors (in the order the workers met
    # them: sorted here).
    python3 -c 'import json,sys
a=sorted((r["line"],r["error"],r["input"]) for r in map(json.loads, open(sys.argv[1])))
b=sorted((r["line"],r["error"],r["input"]) for r in map(json.loads, open(sys.argv[2])))
sys.exit(a != b)' rej.1 rej.$n
    ok $? "workers: $n: the same rejects, with the same line numbers"
done
is "$(wc -l < rej.1 | tr -d ' ')" "$(field stats.1 's["rejected"]')" "every rejected line is in the reject file"
like "$(head -c 400 err.3)" "\\[ticker-link\\] newspipe-ticker-link: <stdin>:[0-9]+: " "diagnostics keep the stage's label and line numbers"
is "$(tail -n 1 out.3 | head -c 13)" '{"id":"last",' "the last line without a newline is processed"

# The last stage's output into a pipe (the runner's stdout, shared with the shell), into a
# .gz file (through the runner's compressing pump), and an input trickled in pieces cut
# mid-line with pauses, so that chunks are ended early for want of input.
"$NP" run w3.yaml -i edge.ndjson 2> /dev/null | cat > pipe.3
cmp -s out.1 pipe.3
ok $? "workers writing into a pipe: the same output"
"$NP" run w3.yaml -i edge.ndjson -o out3.ndjson.gz 2> /dev/null
gzip -dc out3.ndjson.gz | cmp -s out.1 -
ok $? "workers writing into a .gz output: the same output"
mkfifo trickle
python3 - trickle << 'PY' &
import random, sys, time
data = open("edge.ndjson", "rb").read()
rnd = random.Random(5)
with open(sys.argv[1], "wb", buffering=0) as f:
    i = 0
    while i < len(data):
        n = rnd.choice([1, 7, 100, 3000, 70000, 300000])
        f.write(data[i:i + n])
        i += n
        if rnd.random() < 0.3:
            time.sleep(0.002)
PY
"$NP" run w3.yaml -i trickle > trickle.3 2> /dev/null
wait
cmp -s out.1 trickle.3
ok $? "input trickled in pieces cut mid-line: the same output"

# A filter that drops records (and passes those without its field).
if [ -x bin/newspipe-dropodd ]; then
    run_n 1 dropodd
    run_n 4 dropodd
    is "$?" 0 "a dropping filter with workers: 4 runs"
    cmp -s out.1 out.4
    ok $? "a dropping filter: the output is that of workers: 1"
    is "$(field stats.4 's["dropped"]')" "$(field stats.1 's["dropped"]')" "a dropping filter: the same number dropped"
    like "$(field stats.4 's["dropped"]')" "^[1-9][0-9]*$" "and it did drop records"
else
    skip "the test filters are not built"
fi

# A filter of one's own called by its path: run: {argv: [...], workers: N}.
if [ -x bin/newspipe-dropodd ]; then
    printf 'stages:\n  - run: [bin/newspipe-dropodd]\n' > run1.yaml
    printf 'stages:\n  - run: {argv: [bin/newspipe-dropodd], workers: 3}\n' > run3.yaml
    "$NP" run run1.yaml -i edge.ndjson > rout.1 2> /dev/null
    "$NP" run run3.yaml -i edge.ndjson > rout.3 2> /dev/null
    is "$?" 0 "a run: stage naming a newspipe filter runs with workers: 3"
    cmp -s rout.1 rout.3
    ok $? "and its output is that of one process"
else
    skip "the test filters are not built"
fi

# entity-tag, the stage workers are for (smaller input: it is the slowest filter).
if [ -x "$NP_BIN/newspipe-entity-tag" ] && [ -f "$NP_TOP/data/entity-tag.model" ]; then
    grep -av '"id": "big"' edge.ndjson | head -n 600 > small.ndjson
    printf 'stages:\n  - entity-tag\n' > e1.yaml
    printf 'stages:\n  - entity-tag: {workers: 3}\n  - ticker-link: {workers: 2}\n' > e3.yaml
    "$NP" run e1.yaml -i small.ndjson 2> /dev/null | "$NP_BIN/newspipe-ticker-link" > eout.1 2> /dev/null
    "$NP" run e3.yaml -i small.ndjson > eout.3 2> /dev/null
    is "$?" 0 "entity-tag with workers: 3, then ticker-link with 2"
    cmp -s eout.1 eout.3
    ok $? "entity-tag and ticker-link with workers: the output is that of one process each"
else
    skip "entity-tag or its model is not built"
fi

# --progress with workers: the combined counts.
printf 'stages:\n  - cat: {workers: 3}\n  - cat\n' > prog.yaml
"$NP" run prog.yaml -i edge.ndjson --progress --stats > pout 2> perr
is "$?" 0 "--progress with workers runs"
cmp -s pout out.1 || "$NP_BIN/newspipe-cat" < edge.ndjson 2> /dev/null | cmp -s - pout
ok $? "and the output is unchanged"
like "$(grep -a '{"pipeline"' perr)" '"input_lines":' "--stats with --progress counts the lines"

# head semantics below a stage with workers.
printf 'stages:\n  - cat: {workers: 3}\n  - run: [head, -n, "5"]\n' > head.yaml
"$NP" run head.yaml -i edge.ndjson > hout 2> herr
is "$?:$(wc -l < hout | tr -d ' ')" "0:5" "head below workers: exit 0 with 5 lines"

# A worker failing with an exit code: --strict stops at the first bad record.
printf 'output: sout.ndjson\nstages:\n  - cat: {workers: 3, strict: true}\n' > strict.yaml
echo "previous output" > sout.ndjson
"$NP" run strict.yaml -i edge.ndjson 2> serr
is "$?" 65 "a worker exiting 65: the run exits 65"
like "$(cat serr)" "stage 1 \\(cat\\) worker [1-3] of 3 exited with code 65" "the message names the stage and the worker"
is "$(cat sout.ndjson)" "previous output" "and the output is untouched"

# A broken filter that exits 0 before the end of its input.
if [ -x bin/newspipe-quitter ]; then
    printf 'stages:\n  - quitter: {workers: 2}\n' > quit.yaml
    "$NP" run quit.yaml -i edge.ndjson > qout 2> qerr
    is "$?" 70 "a worker ending early with 0: the run fails with 70"
    like "$(cat qerr)" "stage 1 \\(quitter\\) failed: worker [12] (closed its output before the end of its input|stopped reading its input)" \
        "and says what the worker did"
else
    skip "the test filters are not built"
fi

# head below a stage with workers below another stage: when head stops, the hand-off stops
# sending mid-chunk, and a worker read the cut line as a bad record, rejected into a run
# that succeeded. A line cut off by the end of input is no record under --chunked.
printf '\036L1\n{"id":1}\n{"id":2' | "$NP_BIN/newspipe-cat" --chunked --stats > cut.out 2> cut.err
is "$?:$(grep -c '"rejected":0' cut.err)" "0:1" "--chunked: a line cut off by the end of input is not rejected"
is "$(grep -c '"id":1' cut.out):$(grep -c '"id":2' cut.out)" "1:0" "nor read; the whole line before it is"
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "{\"id\":%d,\"body\":\"a good record, number %d\"}\n", i, i }' > good.ndjson
printf 'reject: rj.rej\nstages:\n  - cat\n  - cat: {workers: 3}\n  - run: [head, -n, "3"]\n' > rj.yaml
codes=
for k in 1 2 3 4 5 6 7 8 9 10; do
    "$NP" run rj.yaml -i good.ndjson > /dev/null 2> rj.err
    codes="$codes$?"
done
is "$codes:$(cat rj.rej 2> /dev/null | wc -l | tr -d ' ')" "0000000000:0" \
    "head below workers below a stage, good records: 10 runs exit 0 and reject nothing"

# A worker that writes a line of its own (a wrapper's banner) before its chunks: outside any
# chunk's opening and end markers, so it fails the stage instead of joining the output.
cat > banner.sh <<SH
#!/bin/sh
case "\$*" in *--options*|*--parse-only*) exec "$NP_BIN/newspipe-cat" "\$@" ;; esac
echo banner
exec "$NP_BIN/newspipe-cat" "\$@"
SH
chmod +x banner.sh
printf 'output: bout.ndjson\nstages:\n  - run: {argv: [./banner.sh], workers: 2}\n' > banner.yaml
echo "previous output" > bout.ndjson
"$NP" run banner.yaml -i edge.ndjson 2> berr
is "$?" 70 "a worker writing outside its chunks fails the stage (70)"
like "$(cat berr)" "stage 1 \\(banner.sh\\) failed: worker [12] wrote output outside its chunks" \
    "and says what the worker did"
is "$(cat bout.ndjson)" "previous output" "the output is untouched"

# A worker killed mid-run: the input comes through a FIFO held open, so the kill lands
# while the workers are waiting for more.
mkfifo feed
printf 'output: kout.ndjson\nstages:\n  - cat: {workers: 3}\n  - cat\n' > kill.yaml
echo "previous output" > kout.ndjson
"$NP" run kill.yaml -i feed 2> kerr &
rp=$!
exec 3> feed
head -n 500 edge.ndjson >&3
wait_workers $rp 3
victim=$(workers_of $rp | sed -n 2p)
kill -KILL "$victim"
head -n 1000 edge.ndjson | tail -n 500 >&3 2> /dev/null
exec 3>&-
wait $rp
is "$?" 137 "a worker killed: the run exits 128 + 9"
like "$(cat kerr)" "stage 1 \\(cat#1\\) worker 2 of 3 was killed by SIGKILL" "the message names the stage and the worker"
is "$(cat kout.ndjson)" "previous output" "the output is untouched"
is "$(ls -A | grep -c '\.tmp\.')" 0 "no temporary file is left"

# SIGTERM: every worker drains what it was given; the output is a prefix of the full one.
printf 'stages:\n  - ticker-link: {workers: 3}\n' > term.yaml
"$NP" run term.yaml -i feed > tout 2> terr &
rp=$!
exec 3> feed
grep -av '"id": "big"' edge.ndjson >&3
sleep 0.3
kill -TERM $rp
wait $rp
rc=$?
exec 3>&-
is "$rc" 143 "SIGTERM: exit 143"
lines=$(wc -l < tout | tr -d ' ')
grep -av '"id": "big"' edge.ndjson | "$NP_BIN/newspipe-ticker-link" 2> /dev/null | head -n "$lines" | cmp -s - tout
ok $? "SIGTERM: the $lines lines drained are the first ones workers: 1 writes"

# Backpressure: a stopped worker stalls the hand-off; the runner holds at most 256 KiB of
# input and 1 MiB per worker (newspipe(1)) however much input is waiting.
printf 'stages:\n  - cat: {workers: 3}\n' > stall.yaml
"$NP" run stall.yaml -i feed > bout 2> berr &
rp=$!
exec 3> feed
wait_workers $rp 3
hwm() { awk '/^VmHWM/ {print $2}' /proc/$1/status; }
before=$(hwm $rp)
stopped=$(workers_of $rp | head -n 1)
kill -STOP "$stopped"
# 30 x 13 MB of input behind the stopped worker.
(for i in $(seq 30); do cat edge.ndjson; done >&3; exec 3>&-) &
writer=$!
sleep 2
during=$(hwm $rp)
kill -0 $writer 2> /dev/null
ok $? "a stopped worker stalls the input (the writer is still blocked)"
grown=$((during - before))
bound=$((256 + 3 * 1024 + 1024)) # KiB: input, 3 workers' output, and 1 MiB of slack
[ "$grown" -le "$bound" ]
ok $? "the runner grew by $grown KiB while stalled (bound $bound KiB)"
kill -CONT "$stopped"
wait $writer
exec 3>&-
wait $rp
is "$?" 0 "resumed, the run ends"
for i in $(seq 30); do cat edge.ndjson; done | "$NP_BIN/newspipe-cat" 2> /dev/null | cmp -s - bout
ok $? "and the output is complete and in order"

# newspipe check: bad values and stateful stages, with line:column, exit 78.
expect_error() {
    "$NP" check "$1" > /dev/null 2> cerr
    is "$?" 78 "$4: exit 78"
    like "$(cat cerr)" "^$1:$2: error: $3" "$4: reported at $2"
}
for v in 0 -1 two 1.5 2000 "[2]" true '""'; do
    printf 'stages:\n  - cat: {workers: %s}\n' "$v" > bad.yaml
    expect_error bad.yaml 2:20 "stage 'cat': workers must be a whole number from 1 to 1024, or auto" "workers: $v"
done
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    printf 'stages:\n  - dedupe: {state: seen.state,\n      workers: 2}\n' > st.yaml
    expect_error st.yaml 3:7 "stage 'dedupe': workers: 2 cannot be used: newspipe-dedupe is stateful" "dedupe with state and workers"
    printf 'stages:\n  - dedupe: {state: seen.state, workers: auto}\n' > st2.yaml
    expect_error st2.yaml 2:33 "stage 'dedupe': workers: auto cannot be used: newspipe-dedupe is stateful" "dedupe with state and workers: auto"
    printf 'stages:\n  - dedupe: {workers: 3}\n' > st3.yaml
    expect_error st3.yaml 2:14 "stage 'dedupe': workers: 3 cannot be used: newspipe-dedupe is stateful \\(its --options says so" "dedupe without state (duplicates within the run) and workers"
    test ! -e seen.state
    ok $? "check touches no state"
fi
if [ -x bin/newspipe-stateful ]; then
    printf 'stages:\n  - cat\n  - stateful: {workers: 2}\n' > st4.yaml
    expect_error st4.yaml 3:16 "stage 'stateful': workers: 2 cannot be used: newspipe-stateful is stateful" "any filter that says it is stateful"
    printf 'stages:\n  - stateful: {workers: 1}\n' > st5.yaml
    "$NP" check st5.yaml > /dev/null 2>&1
    is "$?" 0 "a stateful filter with workers: 1 passes"
fi
printf 'stages:\n  - run: {argv: [cat], workers: 2}\n' > r1.yaml
expect_error r1.yaml 2:24 "stage 'cat': '[^']*/cat --options' failed: a command that is not a newspipe filter cannot run as workers" "a command that is not a filter, with workers"
printf 'stages:\n  - run: {argv: "cat | cat", workers: 2}\n' > r2.yaml
expect_error r2.yaml 2:30 "stage 'sh': a shell command line cannot run as workers" "a shell command line with workers"
printf 'stages:\n  - run: {workers: 2}\n' > r3.yaml
expect_error r3.yaml 2:10 "'run' as a mapping needs 'argv'" "run: without argv"
printf 'stages:\n  - run: {argv: [cat], workers: 1, color: red}\n' > r4.yaml
expect_error r4.yaml 2:36 "'run' takes 'argv' and 'workers', not 'color'" "run: with another key"
if [ -x bin/newspipe-stateful ]; then
    printf 'stages:\n  - run: {argv: [bin/newspipe-stateful], workers: 2}\n' > r5.yaml
    expect_error r5.yaml 2:42 "stage 'newspipe-stateful': workers: 2 cannot be used: bin/newspipe-stateful is stateful" "a stateful filter called by its path"
fi
printf 'stages:\n  - run: {argv: [cat], workers: 1}\n  - run: {argv: [cat, -u]}\n' > r6.yaml
"$NP" check r6.yaml > /dev/null 2>&1
is "$?" 0 "run: {argv: [...]} with workers: 1 or none is any command"
printf 'stages:\n  - cat: {chunked: true}\n' > chunked.yaml
expect_error chunked.yaml 2:11 "option 'chunked' cannot be set here: .*set 'workers'" "the protocol flag by hand"
# gzip on standard input whose first byte comes alone (a slow pipe): still recognized by
# the runner's pump that feeds the workers (the previous release read it as text).
printf 'stages:\n  - cat: {workers: 2}\n' > wgz.yaml
printf '{"id":1}\n{"id":2}\n' | gzip > two.gz
head -c 1 two.gz > two.1
tail -c +2 two.gz > two.2
out=$( (cat two.1; sleep 0.3; cat two.2) | "$NP" run wgz.yaml -i - -o - 2> /dev/null)
is "$out" "$(printf '{"id":1}\n{"id":2}')" "workers: gzip on standard input whose magic comes in two reads"
out=$( (printf '\037'; sleep 0.3; printf 'x\n{"id":3}\n') | "$NP" run wgz.yaml -i - -o - 2> /dev/null)
is "$out" '{"id":3}' "workers: a first byte like gzip's, then text: read as text"

printf 'stages:\n  - cat: {workers: 1}\n  - cat: {workers: auto}\n  - cat: {workers: 7}\n' > goodw.yaml
"$NP" check goodw.yaml > cout 2> cerr
is "$?:$(cat cout)" "0:goodw.yaml: ok (3 stages)" "workers: 1, auto and 7 pass"

done_testing
