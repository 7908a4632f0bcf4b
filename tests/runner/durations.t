#!/bin/sh
# One duration grammar for every key (newspipe(7) DURATIONS): `1d`, `1.5h` and `1500ms` mean
# the same in shutdown_timeout, serve's batch keys, rotate_age and a filter's --window, and
# `newspipe check` agrees with the run about a value the filter refuses (window: 0.5s).
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-dedupe
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

for d in 1d 1.5h 1500ms 0.5s 1h30m 2w 90; do
    cat > "d.yaml" <<YAML
version: 1
shutdown_timeout: $d
input: {spool: $T}
output: {file: $T/out, rotate_age: 1d}
state_dir: $T
batch: {time: $d, timeout: $d}
stages:
  - dedupe: {window: 1d}
YAML
    "$NP" check d.yaml > out 2> err
    is "$?" 0 "shutdown_timeout and batch time and timeout: $d"
    is "$(cat err)" "" "$d: no error"
done

# The same grammar in the filter: 1d, 1.5d and 24h are one window.
printf '{"id":1,"body":"a b c d e f","published":"2023-01-01T00:00:00Z"}\n' > in
printf '{"id":2,"body":"a b c d e f","published":"2023-01-01T23:00:00Z"}\n' >> in
printf '{"id":3,"body":"a b c d e f","published":"2023-01-03T00:00:00Z"}\n' >> in
for w in 1d 24h 86400 1440m 0.5d12h; do
    "$NP_BIN/newspipe-dedupe" --window "$w" < in > out 2> err
    is "$?" 0 "--window $w accepted"
    is "$(cut -d, -f1 out | tr '\n' ' ')" '{"id":1 {"id":3 ' "--window $w is one day"
done

for bad in 1x 1.5.s -1d; do
    printf 'version: 1\nshutdown_timeout: %s\nstages: [cat]\n' "$bad" > bad.yaml
    "$NP" check bad.yaml > out 2> err
    is "$?" 78 "shutdown_timeout: $bad refused"
    like "$(cat err)" "bad.yaml:2:19: error: 'shutdown_timeout' must be a duration" "$bad: at its position"
done
# A value the filter refuses: check and run agree (check finds it, at its position).
printf 'version: 1\nname: d\nstages:\n  - dedupe: {window: 0.5s}\n' > half.yaml
"$NP" check half.yaml > out 2> err
is "$?" 78 "check refuses window: 0.5s (dedupe keeps whole seconds)"
is "$(cat err)" "half.yaml:4:22: error: dedupe: --window: '0.5s' is not a duration (e.g. 72h, 7d, 90m)" \
    "at its position, in dedupe's words"
echo '{"id":1,"body":"x"}' | "$NP" run half.yaml > out 2> err
is "$?" 64 "and the run refuses it as dedupe does"
printf 'version: 1\nname: d\nstages:\n  - dedupe: {window: 1.5s}\n' > sec.yaml
"$NP" check sec.yaml > out 2> err
is "$?" 78 "check refuses window: 1.5s"
printf 'version: 1\nname: d\nstages:\n  - dedupe: {window: 1.5m}\n' > min.yaml
"$NP" check min.yaml > out 2> err
is "$?" 0 "check accepts window: 1.5m (90 s)"
echo '{"id":1,"body":"x"}' | "$NP" run min.yaml > out 2> err
is "$?" 0 "and so does the run"
done_testing
