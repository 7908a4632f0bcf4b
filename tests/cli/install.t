#!/bin/sh
# make install puts programs, data and man pages where they belong, and the installed programs
# find their data relative to themselves.
. "${NP_TOP:-$(dirname "$0")/../..}/tests/lib.sh"
command -v make >/dev/null || skip_all "make absent"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$NP_TOP" install SANITIZE="${NP_SANITIZE:-}" PREFIX=/usr DESTDIR="$T/root" > "$T/log" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"
for p in "$NP_BIN"/newspipe*; do
    n=$(basename "$p")
    [ -x "$T/root/usr/bin/$n" ]
    ok $? "installed program $n"
done
"$T/root/usr/bin/newspipe-cat" --version > /dev/null
ok $? "installed newspipe-cat runs"
for m in "$NP_TOP"/man/*.[157]; do
    s=${m##*.}
    [ -f "$T/root/usr/share/man/man$s/$(basename "$m")" ]
    ok $? "man page $(basename "$m") in man$s"
done
for d in "$NP_TOP"/data/*; do
    case $d in *.md) continue ;; esac
    [ -e "$T/root/usr/share/newspipe/$(basename "$d")" ]
    ok $? "data file $(basename "$d") in share/newspipe"
done
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$NP_TOP" uninstall SANITIZE="${NP_SANITIZE:-}" PREFIX=/usr DESTDIR="$T/root" >> "$T/log" 2>&1
[ -d "$T/root/usr/bin" ] && [ -z "$(find "$T/root" -type f)" ]
ok $? "make uninstall removes every installed file"
done_testing
