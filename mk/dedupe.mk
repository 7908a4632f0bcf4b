# newspipe-dedupe: evaluation and benchmark (the unit tests' include path: filter_dir_rule).
#   make eval-dedupe    quality on the generated development set and the Reuters sample
#   make bench-dedupe   articles/s, peak memory, state size and load+save time

DD_TOOL_CFLAGS = $(ALL_CFLAGS) -Ifilters/dedupe -Ibench/dedupe
DD_LIBOBJS = $(patsubst %.c,$(OBJ)/%.o,$(filter-out filters/dedupe/main.c,$(wildcard filters/dedupe/*.c)))
DD_TOOL_SUPPORT = bench/dedupe/corpus.c bench/dedupe/shset.c
$(OUT)/dedupe/%: bench/dedupe/%.c $(DD_TOOL_SUPPORT) bench/dedupe/corpus.h bench/dedupe/shset.h $(DD_LIBOBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(DD_TOOL_CFLAGS) $(LDFLAGS) -o $@ $< $(DD_TOOL_SUPPORT) $(DD_LIBOBJS) $(LIB) $(LDLIBS_COMMON)

.PHONY: eval-dedupe bench-dedupe
EVALS += eval-dedupe
BENCHES += bench-dedupe
eval-dedupe: $(BINDIR)/newspipe-dedupe $(OUT)/dedupe/devset $(OUT)/dedupe/score $(OUT)/dedupe/sketchcmp
	NP_BIN=$(BINDIR) SHARED=$(SHARED) OUT=$(OUT) sh bench/dedupe/eval.sh
bench-dedupe: $(BINDIR)/newspipe-dedupe $(BINDIR)/newspipe-cat $(OUT)/dedupe/variants $(OUT)/dedupe/statebench
	NP_BIN=$(BINDIR) SHARED=$(SHARED) OUT=$(OUT) BENCH_DIR=$(OUT)/bench sh bench/dedupe/bench.sh

# The quality gate (tests/quality/dedupe.t) generates its stream and scores it with these.
check: $(OUT)/dedupe/devset $(OUT)/dedupe/score
