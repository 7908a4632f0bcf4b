# newspipe-ticker-link: the listings table, its evaluation and its benchmark.
#   make listings            rebuild data/listings.tsv from ../shared/data/tickers and the
#                            curated data/aliases.tsv (a few seconds; commit the result)
#   make eval-ticker-link    recall against Reuters RICs (explicit and name-only) and
#                            precision/recall on the hand-labelled gold file
#   make bench-ticker-link   articles/s on the Reuters sample against newspipe-cat, and the
#                            listings load time

TL_BIN := $(BINDIR)/newspipe-ticker-link
TL_SRC := $(SHARED)/data/tickers
TL_OUT := $(OUT)/ticker-link
TL_GAZ := filters/entity-tag/gazetteers

$(OBJ)/tests/unit/ticker-link/%.o: ALL_CFLAGS += -Ifilters/ticker-link -Itests/unit

.PHONY: listings eval-ticker-link bench-ticker-link
EVALS += eval-ticker-link
BENCHES += bench-ticker-link

# One-word company names that are also common English words (lower-case at least three
# times in the CoNLL-2003 training text), countries, regions, cities or first names are
# weak: linked only with supporting evidence. The word list is built, not committed.
$(TL_OUT)/weak-words.txt: $(wildcard $(TL_GAZ)/*.txt)
	@mkdir -p $(dir $@)
	@test -f $(SHARED)/data/ner/conll2003/eng.train || { echo "listings: ../shared absent"; exit 1; }
	{ awk 'NF >= 4 && $$1 ~ /^[a-z]+$$/ { c[$$1]++ } END { for (w in c) if (c[w] >= 3) print w }' \
	    $(SHARED)/data/ner/conll2003/eng.train; \
	  cat $(TL_GAZ)/countries.txt $(TL_GAZ)/countries-extra.txt $(TL_GAZ)/regions.txt \
	    $(TL_GAZ)/cities.txt $(TL_GAZ)/first-names.txt; } | LC_ALL=C sort -u > $@

listings: $(TL_BIN) $(TL_OUT)/weak-words.txt
	$(TL_BIN) import \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nasdaq_full_tickers.json:XNAS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nyse_full_tickers.json:XNYS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/amex_full_tickers.json:XASE \
	  --sec $(TL_SRC)/sec-edgar/company_tickers_exchange.json \
	  --sp500 $(TL_SRC)/sp500/constituents.csv \
	  --intl $(TL_SRC)/intl-financedatabase/equities_intl.tsv \
	  --weak-words $(TL_OUT)/weak-words.txt \
	  --aliases data/aliases.tsv \
	  --note "rebuilt by: make listings (newspipe-ticker-link import ...; see mk/ticker-link.mk)" \
	  --note "sources: SEC company_tickers_exchange.json (copy of 2025-12-14, public domain);" \
	  --note "  S&P 500 constituents (2026-08-08, PDDL); Nasdaq screener (2026-08-22, for exchange," \
	  --note "  security type and market cap only); FinanceDatabase equities (2026-08-16, MIT);" \
	  --note "  data/aliases.tsv (curated for newspipe: aliases, 2006-2013 listings and RICs)" \
	  -o data/listings.tsv

eval-ticker-link: $(TL_BIN)
	@if [ -d $(SHARED)/data/corpora/reuters-fin-2013q4-sample ]; then \
	  python3 tests/ticker-link/eval.py --bin $(TL_BIN) --shared $(SHARED) \
	    --listings data/listings.tsv --gold tests/ticker-link/gold.tsv; \
	else echo "eval-ticker-link: ../shared absent, skipped"; fi

bench-ticker-link: $(TL_BIN) $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench RUNS=3 sh tests/ticker-link/bench.sh
