#!/bin/sh
# failure.t again with stage exits watched through SIGCHLD instead of pidfds (the fallback for
# kernels or sandboxes without pidfd_open).
NEWSPIPE_NO_PIDFD=1
export NEWSPIPE_NO_PIDFD
exec sh "${NP_TOP:-$(dirname "$0")/../..}/tests/runner/failure.t"
