#!/bin/sh
# Every shipped pipeline (pipelines/*.yaml) passes `newspipe check` and its own cases
# (`newspipe test`, the .test.yaml beside it). A pipeline whose filters are not built, or
# whose run: commands are not installed, is skipped with the reason.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
NP="$NP_BIN/newspipe"
# Paths the pipeline files take from the environment (cron's state directory, the reject file).
NEWSPIPE_DIR=$T
NEWSPIPE_REJECTS=$T/rejects.ndjson
export NEWSPIPE_DIR NEWSPIPE_REJECTS

for f in "$NP_TOP"/pipelines/*.yaml; do
    case $f in *.test.yaml) continue ;; esac
    name=$(basename "$f" .yaml)
    "$NP" check "$f" > "$T/out" 2> "$T/err"
    rc=$?
    missing=$(sed -n "s/.*unknown filter '\\([a-z0-9-]*\\)'.*/newspipe-\\1/p; s/.*run: command '\\([^']*\\)' not found.*/\\1/p" "$T/err" | sort -u | tr '\n' ' ')
    if [ $rc -ne 0 ] && [ -n "$missing" ]; then
        skip "$name: not built or not installed: $missing"
        skip "$name: not built or not installed: $missing"
        continue
    fi
    is "$rc" 0 "$name: newspipe check passes"
    [ $rc -eq 0 ] || sed 's/^/#   /' "$T/err"
    test -f "${f%.yaml}.test.yaml"
    ok $? "$name: has its .test.yaml"
    "$NP" test "$f" > "$T/tap" 2> "$T/err"
    rc=$?
    is "$rc" 0 "$name: newspipe test passes ($(grep -c '^ok' "$T/tap") cases)"
    [ $rc -eq 0 ] || sed 's/^/#   /' "$T/tap" "$T/err" | head -n 40
done

# A user's machine has none of the directories the files name (no NEWSPIPE_DIR, no
# /var/lib/newspipe): `newspipe test` still passes, as its cases touch none of the pipeline's
# own output, state or lock, and newspipe serve's keys are for newspipe serve (and check).
for f in "$NP_TOP"/pipelines/*.yaml; do
    case $f in *.test.yaml) continue ;; esac
    name=$(basename "$f" .yaml)
    env -u NEWSPIPE_DIR -u NEWSPIPE_REJECTS "$NP" test "$f" > "$T/tap" 2> "$T/err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q "unknown filter\|not found" "$T/err"; then
        skip "$name: not built or not installed"
        continue
    fi
    is "$rc" 0 "$name: newspipe test passes without its directories"
    [ $rc -eq 0 ] || sed 's/^/#   /' "$T/err" | head -n 10
done
printf 'version: 1\ninput: {spool: nodir/spool}\noutput: {file: nodir/out.nd}\nstate_dir: nodir\nstages:\n  - cat\n' \
    > "$T/sk.yaml"
printf '{"id":1}\n' | "$NP" run "$T/sk.yaml" > "$T/out" 2> "$T/err"
is "$?:$(cat "$T/out")" '0:{"id":1}' "newspipe run ignores serve's keys: stdin to stdout"
"$NP" check "$T/sk.yaml" > /dev/null 2> "$T/err"
is "$?:$(wc -l < "$T/err" | tr -d ' ')" "78:3" "newspipe check reports them: spool, output, state_dir"

# The shipped pipelines are executable filters through their #! line.
for f in "$NP_TOP"/pipelines/*.yaml; do
    case $f in *.test.yaml) continue ;; esac
    head -n 1 "$f" | grep -q '^#!/usr/bin/env -S newspipe run$' && test -x "$f"
    ok $? "$(basename "$f"): has the #! line and is executable"
done
done_testing
