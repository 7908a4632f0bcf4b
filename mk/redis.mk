# newspipe serve over Redis Streams (newspipe-serve(1), newspipe-scale(7)).
#   make bench-redis    records/s through one and two servers of a consumer group sharing a
#                       stream, against the socket source on the same stages; the records
#                       delivered twice after a kill -9 of one server
.PHONY: bench-redis
BENCHES += bench-redis
bench-redis: $(BINDIR)/newspipe
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(abspath $(OUT)) sh bench/redis.sh
