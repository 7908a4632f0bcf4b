#!/bin/sh
# Exactly once under SIGKILL at chosen moments of the commit (tests/serve/chaos_kill.py): for
# each seed, the server is killed while the first batch is appended to a fresh output file,
# at later commits, mid-batch, with all its stages at once, and a stage alone; the output is
# moved away once or more in between. Every id must come out exactly once, every line whole,
# every bad line rejected once, and the last server must stop on SIGTERM with exit 0.
#   CHAOS_SEEDS="1 2 3"   the seeds to run (default: 3 seeds, 2 under the sanitizers);
#   make chaos            runs seeds 1-20 (CHAOS_RUNS=N for another count).
. "$NP_TOP/tests/lib.sh"
. "$NP_TOP/tests/serve/lib-serve.sh"
need_prog newspipe-dedupe

if [ -z "${CHAOS_SEEDS:-}" ]; then
    CHAOS_SEEDS="1 2 3"
    [ "$SLOW" -gt 1 ] && CHAOS_SEEDS="1 2"
fi
for seed in $CHAOS_SEEDS; do
    mkdir -p "$T/$seed"
    res=$(python3 "$NP_TOP/tests/serve/chaos_kill.py" "$SERVE" "$T/$seed" "$seed")
    ok $? "seed $seed: exactly once, whole lines, exit 0 on SIGTERM"
    echo "# $res"
    case $res in *'"problems": []'*) ;; *) tail -n 15 "$T/$seed/serve.log" | sed 's/^/#   log: /' ;; esac
done
done_testing
