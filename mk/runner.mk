# newspipe (the runner): benchmark.
#   make bench-runner   overhead of `newspipe run` over the same `sh -c 'a | b | c'` chain on
#                       ~100 MB (goal: within 3%), and four-stage start-up (goal: < 50 ms)
.PHONY: bench-runner
BENCHES += bench-runner
bench-runner: $(BINDIR)/newspipe $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench sh bench/runner.sh
