# newspipe-summarize: unit-test include path, weights, evaluation and benchmark.
#   make summarize-weights   refit data/summarize.weights on the tuning parts of the BBC set
#                            and the Reuters sample (../shared)
#   make eval-summarize      ROUGE vs LEAD-N on the test parts, bootstrap intervals
#   make bench-summarize     articles/s on the Reuters sample, against cat in the same run

SUMM_BBC := $(SHARED)/data/summ/bbc_news_summary/docs.ndjson
SUMM_NEWS := $(SHARED)/data/corpora/reuters-fin-2013q4-sample/articles.ndjson

$(OBJ)/tests/unit/summarize/%.o: ALL_CFLAGS += -Ifilters/summarize -Itests/unit

.PHONY: summarize-weights eval-summarize bench-summarize
EVALS += eval-summarize
BENCHES += bench-summarize

summarize-weights: $(BINDIR)/newspipe-summarize
	@test -f $(SUMM_BBC) || { echo "summarize-weights: $(SUMM_BBC) absent"; exit 1; }
	$(BINDIR)/newspipe-summarize train --data $(SUMM_BBC) --headlines $(SUMM_NEWS) \
	  -o data/summarize.weights

eval-summarize: $(BINDIR)/newspipe-summarize
	@if [ ! -f $(SUMM_BBC) ]; then echo "eval-summarize: skipped, $(SUMM_BBC) absent"; else \
	  echo "== BBC test part, N = the reference's sentence count =="; \
	  $(BINDIR)/newspipe-summarize eval --data $(SUMM_BBC) --weights data/summarize.weights \
	    --split test --sentences ref && \
	  echo "== BBC test part, N = 3 ==" && \
	  $(BINDIR)/newspipe-summarize eval --data $(SUMM_BBC) --weights data/summarize.weights \
	    --split test --sentences 3 && \
	  echo "== Reuters sample test part, headline as reference (title hidden), N = 3, recall ==" && \
	  $(BINDIR)/newspipe-summarize eval --data $(SUMM_NEWS) --weights data/summarize.weights \
	    --reference title --no-title --measure r --split test --sentences 3; fi

bench-summarize: $(BINDIR)/newspipe-summarize
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench sh bench/summarize.sh
