# newspipe-dedupe: unit-test include path, evaluation and benchmark.
#   make eval-dedupe    quality on the generated development set and the Reuters sample
#   make bench-dedupe   articles/s, peak memory, state size and load+save time

$(OBJ)/tests/unit/dedupe/%.o: ALL_CFLAGS += -Ifilters/dedupe
