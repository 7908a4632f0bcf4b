#!/bin/sh
# The runner knows a filter only by its --options answer (newspipe(7)): an option of kind
# FILE must name a readable file, one of kind STATE is run with the state protocol
# (--state-commit=deferred, then `newspipe-NAME --commit FILE` after the output is in place),
# and `newspipe check` has the filter check its own values with --parse-only. A made-up
# filter with made-up option names shows it.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
NP="$NP_BIN/newspipe"
cd "$T" || exit 1
mkdir bin
cat > bin/newspipe-fake <<'SH'
#!/bin/sh
echo "$*" >> "$LOG"
case "$1" in
--options) printf 'memory\targ\tSTATE\nbook\targ\tFILE\nlevel\targ\tN\nloud\tflag\nparse-only\tflag\nstateful\n'; exit 0 ;;
--commit)
    # SIGNAL_AT_COMMIT: the runner gets that signal while it commits (the window between
    # the output's rename and the states')
    [ -n "${SIGNAL_AT_COMMIT:-}" ] && kill -"$SIGNAL_AT_COMMIT" "$PPID" && sleep 0.2
    [ -n "${COMMIT_EXIT:-}" ] && exit "$COMMIT_EXIT"
    [ -f "$2.pending" ] && mv "$2.pending" "$2"; exit 0 ;;
esac
check=0 memory= level=1
while [ $# -gt 0 ]; do
    case "$1" in
    --parse-only) check=1 ;;
    --memory) memory=$2; shift ;;
    --level) level=$2; shift ;;
    --book | --reject) shift ;;
    esac
    shift
done
case "$level" in [1-9]) ;; *) printf 'level\t--level: %s is not 1 to 9\n' "$level"; exit 64 ;; esac
[ $check = 1 ] && exit 0
cat
echo "ran with level $level" > "$memory.pending"
SH
chmod +x bin/newspipe-fake
PATH="$T/bin:$PATH"
LOG="$T/log"
export PATH LOG

cat > p.yaml <<YAML
version: 1
output: out.ndjson
stages:
  - fake: {memory: $T/mem, book: $T/book, level: 3, loud: true}
YAML
"$NP" check p.yaml > out 2> err
is "$?" 78 "check: a FILE option naming no file is an error"
like "$(cat err)" "^p.yaml:4:[0-9]+: error: book file '$T/book': No such file" "at the book's value"
col=$(awk '{print index($0, "'"$T"'/book") }' p.yaml | sed -n 4p)
like "$(cat err)" "^p.yaml:4:$col: " "at the book's column"
: > book
"$NP" check p.yaml > out 2> err
is "$?" 0 "check: ok once the book exists"
like "$(cat log)" "^--parse-only --memory $T/mem --book $T/book --level 3 --loud" \
    "check asked the filter about its values"
test ! -e mem && test ! -e mem.pending
ok $? "check wrote no state"

sed 's/level: 3/level: 12/' p.yaml > bad.yaml
"$NP" check bad.yaml > out 2> err
is "$?" 78 "check: a value the filter refuses is an error"
col=$(awk '{print index($0, "level: 12") + 7 }' bad.yaml | sed -n 4p)
is "$(cat err)" "bad.yaml:4:$col: error: fake: --level: 12 is not 1 to 9" "at its position, in the filter's words"
echo '{"id":1}' | "$NP" run bad.yaml 2> err
is "$?" 64 "and run fails as the filter does"

: > log
echo '{"id":1}' | "$NP" run p.yaml
is "$?" 0 "run: exit 0"
is "$(cat out.ndjson)" '{"id":1}' "run: the output"
like "$(grep -v -e --options log | head -n 1)" "^--memory $T/mem .*--state-commit=deferred" "the STATE option's stage is deferred"
is "$(tail -n 1 log)" "--commit $T/mem" "and committed after the run"
is "$(cat mem)" "ran with level 3" "the state is committed"
test ! -e mem.pending
ok $? "nothing left pending"

# --options of every filter: NAME<TAB>flag or NAME<TAB>arg<TAB>KIND, and properties.
for f in "$NP_BIN"/newspipe-*; do
    n=${f##*/newspipe-}
    bad=$("$f" --options | grep -Ev '^[a-z0-9-]+	(flag|arg	[A-Z][][A-Z,]*)$|^stateful$')
    is "$bad" "" "$n --options: every line is an option with its kind, or a property"
    "$f" --parse-only < /dev/null > out 2> err
    is "$?:$(cat out err)" "0:" "$n --parse-only: nothing to say about no options"
done
if [ -x "$NP_BIN/newspipe-dedupe" ]; then
    like "$("$NP_BIN/newspipe-dedupe" --options | tr '\t' ' ')" "state arg STATE" "dedupe: state is its STATE option"
    like "$("$NP_BIN/newspipe-dedupe" --options)" "stateful" "dedupe: stateful"
    sleep 5 | "$NP_BIN/newspipe-dedupe" --parse-only --window 1d > out
    is "$?:$(cat out)" "0:" "--parse-only reads no input"
fi
# A signal while the run commits (every stage has ended well; the output is renamed, then each
# state committed): it must not stop the commit halfway, output in place and state not, nor
# kill the runner without a word; the commit finishes, and the run says so.
printf 'version: 1\noutput: sig.ndjson\nstages:\n  - fake: {memory: %s/sigmem, book: %s/book}\n' "$T" "$T" > sig.yaml
rm -f sigmem sigmem.pending
printf '{"id":1}\n' | SIGNAL_AT_COMMIT=TERM "$NP" run sig.yaml > /dev/null 2> err
is "$?:$(cat sigmem 2> /dev/null)" "0:ran with level 1" "SIGTERM during the commit: the state is committed and the run exits 0"
like "$(cat err)" "SIGTERM came while the run was committing: the commit was finished" "and says so"
is "$(cat sig.ndjson)" '{"id":1}' "with the output in place"
printf '{"id":1}\n' | COMMIT_EXIT=75 "$NP" run sig.yaml > /dev/null 2> err
is "$?" 74 "a state commit that fails (here: its lock held, 75) is 74, as newspipe(1) says"
like "$(cat err)" "committing state .*sigmem failed \\(exit code 75\\); the output is in place" "naming the cause"
"$NP_BIN/newspipe-cat" --options | grep -qx stateful
is "$?" 1 "cat: not stateful"
# --parse-only says every option it refuses, a line each, as newspipe(7) promises.
"$NP_BIN/newspipe-cat" --parse-only --max-line 0 --max-diagnostics x --bogus > out 2> err
is "$?" 64 "--parse-only with three bad options: 64"
is "$(cut -f1 out | tr '\n' ' ')" "max-line max-diagnostics  " "one line for each, by name (none for an unknown one)"
printf 'stages:\n  - cat: {max-line: 0, max-diagnostics: x}\n' > two.yaml
"$NP" check two.yaml > out 2> err
is "$?:$(wc -l < err | tr -d ' ')" "78:2" "newspipe check reports both refused values of a stage"
done_testing
