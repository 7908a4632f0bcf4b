# Beyond one machine (newspipe-scale(7), contrib/backfill/newspipe-backfill).
#   make bench-scale    newspipe-backfill over 1 vs 2 sshd "hosts" on this machine (~100 MB of
#                       the Reuters sample), and the cost of dedupe's warm-up replay with
#                       daily jobs; needs parallel and openssh-server (make deps) and ../shared
.PHONY: bench-scale
BENCHES += bench-scale
bench-scale: $(BINDIR)/newspipe $(BINDIR)/newspipe-dedupe $(BINDIR)/newspipe-entity-tag \
             $(BINDIR)/newspipe-ticker-link $(BINDIR)/newspipe-summarize
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(abspath $(OUT))/bench \
	  sh bench/scale.sh
