#!/bin/sh
# Every filter survives hostile input without crashing, leaking (under ASan) or losing good
# records: invalid JSON, invalid UTF-8, NUL bytes, a line over --max-line, deep nesting, odd
# Unicode, a truncated gzip stream and random bytes; and the accounting holds each time.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
command -v gzip >/dev/null || skip_all "gzip absent"

# Good records with distinct bodies (dedupe must keep them all: they differ in a name, not
# only in figures, which dedupe takes for an update of one story).
good() { # N
    name=$(printf '%s' "$1" | tr 0-9 A-J)
    printf '{"id":"g%s","title":"Company %s reports","body":"Shares of Example Corp %s rose %s%% on Tuesday after the firm said quarterly profit at unit %s beat forecasts. Analysts in Tokyo raised targets for company number %s."}\n' "$1" "$1" "$name" "$1" "$1" "$1"
}
{
    good 1
    printf '{"id":"b1","body":"unterminated\n'
    good 2
    printf '{"id":"b2","body":"\377\376\375"}\n'
    good 3
    printf '{"id":"b3",\000"body":"x"}\n'
    good 4
    printf '{"id":"b4","body":"%s"}\n' "$(head -c 3000000 /dev/zero | tr '\0' x)"
    good 5
    printf '%0500d' 0 | tr 0 '[' ; printf '\n'
    good 6
    printf '{"id":"u1","title":"\\ud800 lone","body":"Caf\\u00e9 \xf0\x9f\x98\x80 e\xcc\x81 \xe2\x80\x94 Z\xc3\xbcrich \xe2\x80\x9cquoted\xe2\x80\x9d"}\n'
    good 7
    printf '{"id":"t1","body":""}\n{"id":"t2","body":null,"title":7}\n{"id":"t3","body":["x"]}\n'
    good 8
    head -c 20000 /dev/urandom | tr -d '\n'; printf '\n'
    good 9
} > "$T/hostile"
n_good=9

for prog in "$NP_BIN"/newspipe-*; do
    name=$(basename "$prog")
    "$prog" --max-line 1M --stats < "$T/hostile" > "$T/out" 2> "$T/err"
    rc=$?
    is "$rc" 0 "$name: hostile stream, exit 0"
    kept=0
    i=1
    while [ $i -le $n_good ]; do
        grep -q "\"id\":\"g$i\"" "$T/out" && kept=$((kept + 1))
        i=$((i + 1))
    done
    is "$kept" "$n_good" "$name: every good record survives"
    stats=$(grep '^{"filter"' "$T/err" | tail -n 1)
    num() { printf '%s' "$stats" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
    in=$(num in); out=$(num out); dropped=$(num dropped); rej=$(num rejected)
    [ -n "$in" ] && [ "$in" -eq $((out + dropped + rej)) ] && [ "$(wc -l < "$T/out")" -eq "$out" ]
    ok $? "$name: in = out + dropped + rejected, out = lines written ($stats)"
    if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$T/err"; then
        ok 1 "$name: sanitizers quiet"
        grep -m 5 'Sanitizer\|runtime error' "$T/err" | sed 's/^/# /'
    else
        ok 0 "$name: sanitizers quiet"
    fi
    # The same stream gzip-compressed and cut short: the records before the cut survive.
    gzip -c < "$T/hostile" > "$T/h.gz"
    size=$(wc -c < "$T/h.gz")
    head -c $((size / 2)) "$T/h.gz" > "$T/cut.gz"
    "$prog" --max-line 1M < "$T/cut.gz" > "$T/out" 2> "$T/err"
    is "$?" 65 "$name: truncated gzip exits 65"
    grep -q '"id":"g1"' "$T/out"
    ok $? "$name: truncated gzip keeps the records before the damage"
done
done_testing
