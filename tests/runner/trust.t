#!/bin/sh
# A pipeline file is code, but what it takes from outside is not (issue 14, item 6):
# ${VAR} in a `run:` shell command line: a value is always text, part of
# one word, never code, wherever it stands (outside quotes, in '...', in "..."); where the
# runner cannot tell how the shell would read it ($(...), `...`, here-documents, after a
# backslash) the file is refused; and `newspipe check` warns of listeners any host can reach.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
need_prog newspipe
need_prog newspipe-cat
NP="$NP_BIN/newspipe"
cd "$T" || exit 1

V1='x; touch pwned1'
V2='$(touch pwned2) "q" `touch pwned2b` \ $HOME'
V3="'; touch pwned3; '"
export V1 V2 V3
unset NP_UNSET_X
cat > p.yaml <<'Y'
version: 1
stages:
  - run: |-
      cat > /dev/null; printf '[%s]\n' ${V1} "a ${V2} b" 'a ${V3} b' ${NP_UNSET_X:-a b; touch pwned4} --x=${V1}
Y
echo '{}' | "$NP" run p.yaml > out 2> err
is "$?" 0 "run: exit 0"
is "$(ls pwned* 2>/dev/null)" "" "no value ran as a command"
cat > want <<'W'
[x; touch pwned1]
[a $(touch pwned2) "q" `touch pwned2b` \ $HOME b]
[a '; touch pwned3; ' b]
[a b; touch pwned4]
[--x=x; touch pwned1]
W
cmp -s want out
ok $? "each value is one word, as written, outside quotes, in \"...\" and in '...'"
[ $? -eq 0 ] || sed 's/^/# /' out err

V1='  two  spaces  '
echo '{}' | "$NP" run p.yaml 2> err | head -n 1 > out
is "$(cat out)" "[  two  spaces  ]" "a value with spaces is not split"

# The list form passes the value as it is, as before.
cat > l.yaml <<'Y'
version: 1
stages:
  - run: [sh, -c, 'cat > /dev/null; printf "[%s]\n" "$0"', '${V1}']
Y
echo '{}' | "$NP" run l.yaml > out 2> err
is "$(cat out)" "[  two  spaces  ]" "run: [list]: the value is one argument"

# Where the quoting cannot be known from quotes alone: refused, with the position.
printf 'version: 1\nstages:\n  - run: "cat; echo $(echo ${V1})"\n' > s1.yaml
"$NP" check s1.yaml 2> err
is "$?" 78 "\${V} in a line with \$(...): refused (78)"
like "$(cat err)" "s1.yaml:3:[0-9]+: error: .*cannot quote the value safely" "with the file, line and why"
printf 'version: 1\nstages:\n  - run: "cat; echo `echo ${V1}`"\n' > s2.yaml
"$NP" check s2.yaml 2> /dev/null
is "$?" 78 "in a line with \`...\`: refused"
printf 'version: 1\nstages:\n  - run: "cat; echo \\\\${V1}"\n' > s3.yaml
"$NP" check s3.yaml 2> err
is "$?" 78 "after a backslash: refused"
like "$(cat err)" "a backslash before" "and says so"
printf 'version: 1\nstages:\n  - run: "cat; echo $(date) $V1"\n' > s4.yaml
"$NP" check s4.yaml 2> /dev/null
is "$?" 0 "\$(...) and \$NAME (the shell's own) without \${...}: accepted"

# newspipe check warns (exit 0) of a listener other hosts can reach: serve has no access
# control of its own. Loopback and Unix sockets get no warning.
mkdir -p state
for a in 0.0.0.0:7400 '[::]:7400' 192.0.2.1:7400 127.0.0.1:7400 :7400 localhost:7400 '[::1]:7400' "unix:$T/s.sock"; do
    printf 'version: 1\nname: w\ninput: {listen: "%s"}\nstate_dir: %s/state\nmetrics: "%s"\nstages: [cat]\n' \
        "$a" "$T" "$(echo "$a" | sed 's/7400/9464/; s/^unix:.*/127.0.0.1:9464/')" > w.yaml
    "$NP" check w.yaml > out 2> err
    rc=$?
    case $a in
    0.0.0.0* | \[::\]* | 192.*)
        is "$rc:$(grep -c warning err)" "0:2" "listen and metrics on $a: two warnings, exit 0"
        ;;
    *)
        is "$rc:$(grep -c warning err)" "0:0" "on $a: no warning"
        ;;
    esac
done
printf 'version: 1\nname: w\ninput: {listen: "0.0.0.0:7400"}\nstate_dir: %s/state\nstages: [cat]\n' "$T" > w.yaml
"$NP" check w.yaml 2> err
like "$(cat err)" "^w.yaml:3:17: warning: listen: 0.0.0.0:7400 is reachable from other hosts, and newspipe serve has no access control" \
    "the warning names the file, line and key, and why"
done_testing
