#!/bin/sh
# Who may connect to a Unix socket (issue 14, item 7): socket_mode and socket_group give the
# socket file its mode and group before the server listens (its mode otherwise follows the
# umask: 0750 under the systemd unit's UMask=0027, which kept every producer of another user
# out), and the unit gives the socket a writable /run/newspipe/NAME ($NEWSPIPE_RUN).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"

chmod 755 "$T"
mkdir -p "$T/state"
make_articles "$T/in.ndjson" 5 p
chmod 644 "$T/in.ndjson"
SOCK="$T/s.sock"
pipeline() { # EXTRA-INPUT-KEYS...
    {
        printf 'version: 1\nname: acc\ninput:\n  listen: unix:%s\n' "$SOCK"
        for k in "$@"; do printf '  %s\n' "$k"; done
        printf 'output: {file: %s/out.ndjson}\nstate_dir: %s/state\nbatch: {time: 100ms}\nstages: [cat]\n' "$T" "$T"
    } > "$T/p.yaml"
}
mode_of() { stat -c %a "$SOCK"; }
group_of() { stat -c %G "$SOCK"; }
up() { # start a server with umask 027, as under the unit, and wait for its socket
    (umask 027 && exec "$SERVE" serve "$T/p.yaml" 2>> "$T/serve.log") &
    SPID=$!
    STARTS=$((STARTS + 1))
    wait_for 20 serving
}
# Producers as another user (nobody), when root: AS is the python3 they run.
AS=
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null 2>&1 && id nobody > /dev/null 2>&1; then
    # a python3 that nobody may run (not one under /root)
    for c in /usr/bin/python3 "$(python3 -c 'import sys; print(sys.executable)')"; do
        setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$c" -c pass 2> /dev/null &&
            { AS=$c; break; }
    done
fi
produce_as() { # GROUPS: the producer as nobody with these supplementary groups; prints N acked
    if [ -n "$1" ]; then g="--groups=$1"; else g="--clear-groups"; fi
    setpriv --reuid=nobody --regid="$(id -g nobody)" $g \
        "$AS" "$NP_TOP/tests/serve/producer.py" "unix:$SOCK" "$T/in.ndjson" 2> /dev/null || echo failed
}

# No socket_mode: the umask decides (0750 with UMask=0027): another user cannot connect.
pipeline
up
is "$(mode_of)" 750 "no socket_mode, umask 027: mode 750"
if [ -n "$AS" ]; then
    is "$(produce_as '')" failed "another user cannot connect"
else
    skip "cannot connect as another user (not root, or no setpriv)"
fi
stop_server TERM

# socket_mode: 0666: any local user, as a loopback port.
pipeline "socket_mode: 0666"
up
is "$(mode_of)" 666 "socket_mode: 0666 despite umask 027"
if [ -n "$AS" ]; then
    is "$(produce_as '')" 5 "another user connects and gets its lines acknowledged"
else
    skip "cannot connect as another user (not root, or no setpriv)"
fi
stop_server TERM
is "$SRC" 0 "exit 0"
ok $([ ! -e "$SOCK" ]; echo $?) "the socket file is removed at the stop"

# socket_mode: 0660 with socket_group: the group's members only.
if [ "$(id -u)" = 0 ]; then
    G=daemon
else
    G=$(id -gn)
fi
pipeline "socket_mode: 0660" "socket_group: $G"
up
is "$(mode_of) $(group_of)" "660 $G" "socket_mode: 0660, socket_group: $G"
if [ -n "$AS" ]; then
    is "$(produce_as "$(getent group "$G" | cut -d: -f3)")" 5 "a member of $G connects"
    is "$(produce_as '')" failed "a user outside $G cannot"
else
    skip "cannot connect as another user (not root, or no setpriv)"
    skip "cannot connect as another user (not root, or no setpriv)"
fi
# A reload cannot change them (the socket is made once): refused.
pipeline "socket_mode: 0600" "socket_group: $G"
kill -HUP $SPID
wait_for 10 grep -q "reload refused" "$T/serve.log"
ok $? "a reload changing socket_mode is refused"
is "$(mode_of)" 660 "and the socket keeps its mode"
stop_server TERM

# Check errors, with their positions.
pipeline "socket_mode: 0999"
"$SERVE" check "$T/p.yaml" 2> "$T/err"
is "$?" 78 "socket_mode: 0999: exit 78"
like "$(cat "$T/err")" "p.yaml:5:16: error: 'socket_mode' must be an octal file mode like 0660, not '0999'" "says why, where"
pipeline "socket_group: no-such-group-here"
"$SERVE" check "$T/p.yaml" 2> "$T/err"
is "$?" 78 "an unknown socket_group: exit 78"
like "$(cat "$T/err")" "p.yaml:5:17: error: socket_group 'no-such-group-here': no such group" "says so"
sed -i "s|listen: unix:.*|listen: 127.0.0.1:$(free_port)|; s|socket_group: .*|socket_mode: 0660|" "$T/p.yaml"
"$SERVE" check "$T/p.yaml" 2> "$T/err"
is "$?" 78 "socket_mode on a TCP listener: exit 78"
like "$(cat "$T/err")" "'socket_mode' and 'socket_group' go with a Unix socket" "says so"

# The shipped unit and example: /run/newspipe/NAME is writable under it, and the example's
# Unix socket lines, uncommented, make a good file.
U="$NP_TOP/contrib/systemd/newspipe@.service"
is "$(grep -c '^RuntimeDirectory=newspipe/%i$' "$U"):$(grep -c '^Environment=NEWSPIPE_RUN=%t/newspipe/%i$' "$U")" "1:1" \
    "the unit has RuntimeDirectory= and \$NEWSPIPE_RUN"
if command -v systemd-analyze > /dev/null 2>&1; then
    mkdir -p "$T/unit"
    sed 's|/usr/local/bin/newspipe|/bin/true|' "$U" > "$T/unit/newspipe@news.service"
    systemd-analyze verify --man=no "$T/unit/newspipe@news.service" > "$T/err" 2>&1
    ok $? "systemd-analyze verify accepts the unit"
    [ -s "$T/err" ] && sed 's/^/# /' "$T/err"
else
    skip "systemd-analyze absent"
fi
mkdir -p "$T/run" "$T/nd"
sed -e 's|^  listen: 127.*|  listen: unix:${NEWSPIPE_RUN}/news.sock|' -e 's|^  # socket_mode|  socket_mode|' \
    -e "s|^  # socket_group: .*|  socket_group: $G|" "$NP_TOP/pipelines/serve-news.yaml" > "$T/sn.yaml"
is "$(grep -c 'socket_' "$T/sn.yaml")" 2 "the example has socket_mode and socket_group lines"
NEWSPIPE_DIR="$T/nd" NEWSPIPE_RUN="$T/run" "$SERVE" check "$T/sn.yaml" > /dev/null 2> "$T/err"
ok $? "the example with its Unix socket lines is a good file"
[ -s "$T/err" ] && sed 's/^/# /' "$T/err"
done_testing
