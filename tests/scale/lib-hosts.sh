# Sourced by the scale tests and bench/scale.sh (after tests/lib.sh): "hosts" on this
# machine for GNU parallel's --sshlogin, each an sshd of its own on a loopback port, with a
# host key, a login key and an ssh client configuration made in $T (nothing leaves the
# machine; ~/.ssh and ~/.parallel are not touched). Every sshd started here is stopped at
# exit.
#
#   need_hosts               skip the whole test unless parallel, sshd and ssh are installed
#   host_start NAME [K=V]... start host NAME (an alias in $T/ssh/config); each session there
#                            gets NP_SCALE_HOST=NAME, HOME=$T/host-NAME,
#                            XDG_CACHE_HOME=$T/host-NAME/cache and the K=V given
#   host_kill NAME           SIGKILL every process of host NAME (its sshd and all it started),
#                            as if the machine died; prints the programs it killed
#   hosts_stop               kill every host (done at exit)
# PARALLEL_SSH and PARALLEL_HOME are exported so that parallel uses the configuration.

SSHD=/usr/sbin/sshd
_hosts=""

need_hosts() {
    command -v parallel > /dev/null 2>&1 || skip_all "GNU parallel not installed (make deps)"
    [ -x "$SSHD" ] || skip_all "sshd not installed (make deps: openssh-server)"
    command -v ssh > /dev/null 2>&1 || skip_all "ssh not installed (make deps: openssh-client)"
    command -v ssh-keygen > /dev/null 2>&1 || skip_all "ssh-keygen not installed"
    command -v python3 > /dev/null 2>&1 || skip_all "python3 not installed"
    # sshd refuses to start without its privilege separation directory, which a booted
    # Debian makes at start-up (tmpfiles.d) and a container may lack.
    if [ ! -d /run/sshd ]; then
        [ "$(id -u)" = 0 ] || skip_all "/run/sshd is missing (sshd needs it; root can make it)"
        mkdir -p -m 0755 /run/sshd || skip_all "cannot make /run/sshd"
    fi
    mkdir -p "$T/ssh" && chmod 700 "$T/ssh"
    ssh-keygen -q -t ed25519 -N '' -C np-test-host -f "$T/ssh/host_key" &&
        ssh-keygen -q -t ed25519 -N '' -C np-test-user -f "$T/ssh/user_key" &&
        cp "$T/ssh/user_key.pub" "$T/ssh/authorized_keys" ||
        skip_all "ssh-keygen failed"
    : > "$T/ssh/hosts"
    export PARALLEL_SSH="ssh -F $T/ssh/config"
    export PARALLEL_HOME="$T/parallel-home"
    mkdir -p "$PARALLEL_HOME"
    trap 'hosts_stop; [ -n "${NP_KEEP:-}" ] && echo "# kept $T" || rm -rf "$T"' EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 141' PIPE
    trap 'exit 143' TERM
    # Should this test be SIGKILLed (no EXIT trap then), a watchdog ends its hosts.
    _hosts_watchdog $$ > /dev/null 2>&1 &
}

_hosts_watchdog() { # TEST-PID
    while kill -0 "$1" 2> /dev/null && [ -d "$T/ssh" ]; do sleep 1; done
    for f in "$T"/ssh/sshd-*.pid; do
        [ -f "$f" ] && python3 "$NP_TOP/tests/scale/killtree.py" "$(cat "$f")"
    done
    rm -rf "$T"
}

_ssh_config() { # writes $T/ssh/config from $T/ssh/hosts (NAME PORT lines)
    {
        while read -r name port; do
            printf 'Host %s\n  HostName 127.0.0.1\n  Port %s\n' "$name" "$port"
        done < "$T/ssh/hosts"
        printf 'Host *\n  User %s\n  IdentityFile %s\n' "$(id -un)" "$T/ssh/user_key"
        printf '  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking no\n'
        printf '  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  ConnectTimeout 10\n'
    } > "$T/ssh/config.tmp" && mv "$T/ssh/config.tmp" "$T/ssh/config"
}

host_start() { # NAME [K=V]...
    name=$1
    shift
    home="$T/host-$name"
    mkdir -p "$home/cache"
    tries=0
    while [ "$tries" -lt 20 ]; do
        tries=$((tries + 1))
        port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
        {
            echo "ListenAddress 127.0.0.1"
            echo "Port $port"
            echo "HostKey $T/ssh/host_key"
            echo "AuthorizedKeysFile $T/ssh/authorized_keys"
            echo "PidFile none"
            echo "UsePAM no"
            echo "StrictModes no"
            echo "PasswordAuthentication no"
            echo "KbdInteractiveAuthentication no"
            echo "PermitRootLogin prohibit-password"
            echo "MaxStartups 100"
            echo "MaxSessions 100"
            echo "SetEnv NP_SCALE_HOST=$name HOME=$home XDG_CACHE_HOME=$home/cache $*"
        } > "$T/ssh/sshd-$name.conf"
        : > "$T/ssh/sshd-$name.log"
        "$SSHD" -D -e -f "$T/ssh/sshd-$name.conf" < /dev/null > /dev/null 2> "$T/ssh/sshd-$name.log" &
        pid=$!
        # Wait until it listens, or has died (the port was taken: try another).
        n=0
        while kill -0 "$pid" 2> /dev/null && ! grep -q 'Server listening' "$T/ssh/sshd-$name.log"; do
            n=$((n + 1))
            [ "$n" -lt 400 ] || break
            sleep 0.025
        done
        if grep -q 'Server listening' "$T/ssh/sshd-$name.log" && kill -0 "$pid" 2> /dev/null; then
            grep -v "^$name " "$T/ssh/hosts" > "$T/ssh/hosts.tmp"
            echo "$name $port" >> "$T/ssh/hosts.tmp"
            mv "$T/ssh/hosts.tmp" "$T/ssh/hosts"
            echo "$pid" > "$T/ssh/sshd-$name.pid"
            _hosts="$_hosts $name"
            _ssh_config
            return 0
        fi
        kill "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
    done
    echo "# host $name: sshd did not start:" >&2
    sed 's/^/#   /' "$T/ssh/sshd-$name.log" >&2
    return 1
}

host_kill() { # NAME
    [ -f "$T/ssh/sshd-$1.pid" ] || return 0
    pid=$(cat "$T/ssh/sshd-$1.pid")
    rm -f "$T/ssh/sshd-$1.pid"
    python3 "$NP_TOP/tests/scale/killtree.py" "$pid"
    wait "$pid" 2> /dev/null
    return 0
}

hosts_stop() {
    for h in $_hosts; do host_kill "$h" > /dev/null; done
    _hosts=""
}
