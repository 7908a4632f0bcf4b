# workers: N (the runner's hand-off, newspipe(1) WORKERS): benchmark.
#   make bench-workers   entity-tag through `newspipe run` with workers: 1, 2 and auto on the
#                        Reuters sample (goal: 1.8x for 2 on 2 cores), the default pipeline
#                        with entity-tag at workers: auto vs 1, and the runner's own CPU per
#                        100 MB
.PHONY: bench-workers
BENCHES += bench-workers
bench-workers: $(BINDIR)/newspipe $(BINDIR)/newspipe-cat $(BINDIR)/newspipe-entity-tag \
               $(BINDIR)/newspipe-dedupe $(BINDIR)/newspipe-ticker-link $(BINDIR)/newspipe-summarize
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench sh bench/workers.sh
