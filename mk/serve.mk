# newspipe serve: throughput and memory benchmark.
#   make bench-serve    records/s through the default pipeline's stages served on a socket,
#                       against `newspipe run` on the same file; the server's peak RSS
.PHONY: bench-serve
BENCHES += bench-serve
bench-serve: $(BINDIR)/newspipe
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(abspath $(OUT)) sh bench/serve.sh
# newspipe serve: the kill -9 chaos test over many seeds (make check runs 3 of them).
#   make chaos            seeds 1..CHAOS_RUNS (20) of tests/serve/chaos-kill.t
CHAOS_RUNS ?= 20
.PHONY: chaos
chaos: all
	$(TEST_ENV) CHAOS_SEEDS="$$(seq -s ' ' 1 $(CHAOS_RUNS))" prove -v --exec '' tests/serve/chaos-kill.t
# newspipe serve with idle and slow clients: a producer's acknowledgement latency alone, with
# 200 idle clients connected and with 64 clients dripping a line (~read_timeout, 30 s).
#   make bench-serve-clients
.PHONY: bench-serve-clients
BENCHES += bench-serve-clients
bench-serve-clients: $(BINDIR)/newspipe $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) BENCH_DIR=$(abspath $(OUT)) sh bench/serve-clients.sh
