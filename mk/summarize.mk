# newspipe-summarize: unit-test include path, weights, evaluation and benchmark.
#   make summarize-weights   choose and fit data/summarize.weights by cross-validation over the
#                            tuning parts of the development sets in ../shared (deterministic:
#                            the same sets give the same file byte for byte; a few minutes)
#   make eval-summarize      the shipped model against LEAD-3 on each set's sealed test part,
#                            with bootstrap intervals
#   make bench-summarize     articles/s on the Reuters sample, against cat in the same run

SUMM_DIR := $(SHARED)/data/summ
# One set per publisher or collection: CNN (validation stories), CNN and Daily Mail (train
# sample), BBC (extractive references) and BBC XSum (one-sentence references).
SUMM_SETS := cnndm_val_cnn1000 cnndm_train_kaggle100 bbc_news_summary xsum_test_helm1000
SUMM_DATA := $(SUMM_SETS:%=$(SUMM_DIR)/%/docs.ndjson)

$(OBJ)/tests/unit/summarize/%.o: ALL_CFLAGS += -Ifilters/summarize/dev

.PHONY: summarize-weights eval-summarize bench-summarize
EVALS += eval-summarize
BENCHES += bench-summarize

summarize-weights: $(BINDIR)/newspipe-summarize
	@for f in $(SUMM_DATA); do test -f $$f || { echo "summarize-weights: $$f absent"; exit 1; }; done
	$(BINDIR)/newspipe-summarize train $(SUMM_DATA:%=--data %) -o data/summarize.weights

eval-summarize: $(BINDIR)/newspipe-summarize
	@missing=; for f in $(SUMM_DATA); do test -f $$f || missing=$$f; done; \
	if [ -n "$$missing" ]; then echo "eval-summarize: skipped, $$missing absent"; else \
	  $(BINDIR)/newspipe-summarize eval $(SUMM_DATA:%=--data %) --weights data/summarize.weights \
	    --split test; fi

bench-summarize: $(BINDIR)/newspipe-summarize
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench sh bench/summarize.sh
