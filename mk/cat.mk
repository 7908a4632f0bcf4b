# newspipe-cat: the record-path benchmark.
.PHONY: bench-cat
BENCHES += bench-cat
bench-cat: $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench sh bench/cat.sh
