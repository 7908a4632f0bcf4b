# newspipe serve: throughput and memory benchmark.
#   make bench-serve    records/s through the default pipeline's stages served on a socket,
#                       against `newspipe run` on the same file; the server's peak RSS
.PHONY: bench-serve
BENCHES += bench-serve
bench-serve: $(BINDIR)/newspipe
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(abspath $(OUT)) sh bench/serve.sh
