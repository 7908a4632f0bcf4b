# newspipe-ticker-link: the listings table, its evaluation and its benchmark.
#   make listings            rebuild data/listings.tsv from ../shared/data/tickers, the
#                            curated data/aliases.tsv and the pairs learnt from the corpora
#                            (a few seconds; commit the result)
#   make eval-ticker-link    recall against Reuters RICs (explicit and name-only) and
#                            precision/recall on the hand-labelled gold file, alone and
#                            after newspipe-entity-tag; then the company-disjoint held-out
#                            evaluation (bench/ticker-link-heldout.py), source by source
#   make bench-ticker-link   articles/s on the Reuters sample against newspipe-cat, and the
#                            listings load time

TL_BIN := $(BINDIR)/newspipe-ticker-link
TL_SRC := $(SHARED)/data/tickers
TL_OUT := $(OUT)/ticker-link
TL_GAZ := gazetteers

.PHONY: listings eval-ticker-link bench-ticker-link folds-ticker-link
EVALS += eval-ticker-link
BENCHES += bench-ticker-link

# One-word company names that are also common English words (lower-case at least three
# times in the CoNLL-2003 training text plus the BBC news articles of the summarize data
# set, 2004-2005, not the Reuters evaluation sample), countries, regions, cities or first
# names, days of the week and months (written capitalized, so never counted lower-case:
# "Sunday Co"), and surnames (the last word of a person's name of two words or more at least
# five times in the CoNLL-2003 training text: "Williams") are weak: linked only with
# supporting evidence. A city or first name that is the title of an English Wikipedia
# article on an organisation (or a redirect to one), and of none on a place, is not: the
# word names the company first ("Renault", "Carrefour", "Toyota"; Wikipedia's lists of
# ../shared/data/ner/wiki-gazetteers). The word list is built, not committed.
TL_WIKI := $(SHARED)/data/ner/wiki-gazetteers
# Its places (countries, regions, cities that are no organisation's name) also go to
# place-words.txt: a large company's one-word form among them is a place form ("^Devon" of
# Devon Energy), and so is such a word left of a name without "Group" ("^Leeds").
# name-words.txt: the one-word titles of Wikipedia's location articles that are no
# organisation's ("Nile", "Daytona", "Tredegar"), about 106,000; they weaken a company's
# whole one-word name only ("Nile Limited"), not its forms, whose words they would make
# common ("Stora Enso" of Stora Enso Oyj: two places).
# form-places.txt: those titles and the one-word heads of titles with a qualifier
# ("Anfield, Liverpool", "Eton (town)"), no organisation's, about 127,000: a smaller
# company's one-word short form among them is a place form ("^Anfield" of Anfield Energy);
# and the titles of several words, no organisation's (about 158,000), which no form or
# opening of a name may be ("Baltic Sea" of Baltic Sea Properties).
# dict-words.txt: the lower-case words of an English spelling dictionary (SCOWL's
# american-english, Debian's wamerican, which `make deps` installs), no organisation's
# one-word Wikipedia title, about 63,000, given as --form-places too: a smaller company's
# one-word name that is an English word ("Trident", "Unison", "Chorus", "Firefly") needs
# support, and its one-word short form is a place form ("^Chrome" of Chrome Holding): the
# word is mostly the thing ("Trident, the UK's nuclear missile submarine fleet", "the union
# Unison", "Cleanup crews").
TL_DICT := /usr/share/dict/american-english
TL_WW := $(TL_OUT)/weak-words.txt
$(TL_WW) $(TL_OUT)/place-words.txt $(TL_OUT)/name-words.txt $(TL_OUT)/form-places.txt $(TL_OUT)/dict-words.txt &: $(wildcard $(TL_GAZ)/*.txt) mk/ticker-link.mk
	@mkdir -p $(TL_OUT)
	@test -f $(SHARED)/data/summ/bbc_news_summary/docs.ndjson -a -f $(SHARED)/data/ner/conll2003/eng.train \
	  -a -f $(TL_WIKI)/WikiOrganizations.lst || { echo "listings: ../shared absent"; exit 1; }
	@test -f $(TL_DICT) || { echo "listings: $(TL_DICT) absent (make deps installs wamerican)"; exit 1; }
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } NF == 1 { print tolower($$0) }' $(TL_WIKI)/WikiOrganizations.lst \
	  $(TL_WIKI)/WikiOrganizationsRedirects.lst | LC_ALL=C sort -u > $(TL_WW).org1
	grep -x '[a-z]*' $(TL_DICT) | LC_ALL=C sort -u | LC_ALL=C comm -23 - $(TL_WW).org1 > $(TL_OUT)/dict-words.txt
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } NF == 1 { print }' $(TL_WIKI)/WikiLocations.lst \
	  $(TL_WIKI)/WikiLocationsRedirects.lst | LC_ALL=C sort -u > $(TL_WW).loc
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } NF == 1 { print }' $(TL_WIKI)/WikiOrganizations.lst \
	  $(TL_WIKI)/WikiOrganizationsRedirects.lst | LC_ALL=C sort -u | LC_ALL=C comm -23 - $(TL_WW).loc > $(TL_WW).org
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } NF == 1 { print }' $(TL_WIKI)/WikiOrganizations.lst \
	  $(TL_WIKI)/WikiOrganizationsRedirects.lst | LC_ALL=C sort -u | \
	  LC_ALL=C comm -13 - $(TL_WW).loc > $(TL_OUT)/name-words.txt
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } NF == 1 || !/[,()]/ { print; next } \
	  /^[^ ,()]+(, .+| \(.+\))$$/ { sub(/(, .+| \(.+\))$$/, ""); print }' $(TL_WIKI)/WikiLocations.lst \
	  $(TL_WIKI)/WikiLocationsRedirects.lst | LC_ALL=C sort -u > $(TL_WW).loc1
	awk 'FNR == 1 { sub(/^\xef\xbb\xbf/, "") } { print }' $(TL_WIKI)/WikiOrganizations.lst \
	  $(TL_WIKI)/WikiOrganizationsRedirects.lst | LC_ALL=C sort -u | \
	  LC_ALL=C comm -13 - $(TL_WW).loc1 > $(TL_OUT)/form-places.txt
	{ cat $(TL_GAZ)/countries.txt $(TL_GAZ)/countries-extra.txt $(TL_GAZ)/regions.txt; \
	  LC_ALL=C sort -u $(TL_GAZ)/cities.txt | LC_ALL=C comm -23 - $(TL_WW).org; } | LC_ALL=C sort -u > $(TL_OUT)/place-words.txt
	{ { awk 'NF >= 4 { print $$1 }' $(SHARED)/data/ner/conll2003/eng.train; \
	    awk '{ gsub(/\\[nrtu"\\\/]/, " "); gsub(/[^A-Za-z]+/, "\n"); print }' \
	      $(SHARED)/data/summ/bbc_news_summary/docs.ndjson; } | \
	    awk '/^[a-z]+$$/ { c[$$0]++ } END { for (w in c) if (c[w] >= 3) print w }'; \
	  awk 'NF >= 4 && $$4 ~ /PER$$/ { n++; w = $$1; next } { if (n >= 2) c[w]++; n = 0 } \
	    END { for (w in c) if (c[w] >= 5) print w }' $(SHARED)/data/ner/conll2003/eng.train; \
	  printf '%s\n' monday tuesday wednesday thursday friday saturday sunday january \
	    february march april may june july august september october november december; \
	  cat $(TL_GAZ)/countries.txt $(TL_GAZ)/countries-extra.txt $(TL_GAZ)/regions.txt; \
	  cat $(TL_GAZ)/cities.txt $(TL_GAZ)/first-names.txt | LC_ALL=C sort -u | LC_ALL=C comm -23 - $(TL_WW).org; \
	} | LC_ALL=C sort -u > $(TL_WW)
	rm -f $(TL_WW).loc $(TL_WW).loc1 $(TL_WW).org $(TL_WW).org1

# The public sources, for `make listings` and for the held-out evaluation's tables.
TL_SOURCES_TODAY = \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nasdaq_full_tickers.json:XNAS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nyse_full_tickers.json:XNYS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/amex_full_tickers.json:XASE \
	  --sec $(TL_SRC)/sec-edgar/company_tickers_exchange.json \
	  --sp500 $(TL_SRC)/sp500/constituents.csv \
	  --intl $(TL_SRC)/intl-financedatabase/equities_intl.tsv \
	  --weak-words $(TL_OUT)/weak-words.txt --place-words $(TL_OUT)/place-words.txt \
	  --name-words $(TL_OUT)/name-words.txt --form-places $(TL_OUT)/form-places.txt \
	  --form-places $(TL_OUT)/dict-words.txt --people-words $(TL_GAZ)/people-names.txt
TL_SOURCES = \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nasdaq_full_tickers.json:XNAS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/nyse_full_tickers.json:XNYS \
	  --screener $(TL_SRC)/us-listings-nasdaq-screener/amex_full_tickers.json:XASE \
	  --symdir $(TL_SRC)/nasdaq-symdir-2014:2014-10-10 \
	  --symdir $(TL_SRC)/nasdaq-symdir-2016:2016-08-15 \
	  --current 2025-12-14 \
	  --sec $(TL_SRC)/sec-edgar/company_tickers_exchange.json \
	  --sp500 $(TL_SRC)/sp500/constituents.csv \
	  --sp500-history $(TL_SRC)/sp500-history/sp500_ticker_start_end.csv \
	  --intl $(TL_SRC)/intl-financedatabase/equities_intl.tsv --intl-date 2026-08-16 \
	  --weak-words $(TL_OUT)/weak-words.txt --place-words $(TL_OUT)/place-words.txt \
	  --name-words $(TL_OUT)/name-words.txt --form-places $(TL_OUT)/form-places.txt \
	  --form-places $(TL_OUT)/dict-words.txt --people-words $(TL_GAZ)/people-names.txt
# The news corpora whose explicit codes `learn` reads.
TL_CORPORA = $(wildcard $(SHARED)/data/corpora/*/articles.ndjson)

# Twice: the sources and curated aliases, then with the name -> listing pairs learnt from
# the corpora's explicit codes through that first table.
listings: $(TL_BIN) $(TL_OUT)/weak-words.txt $(TL_OUT)/place-words.txt $(TL_OUT)/name-words.txt $(TL_OUT)/form-places.txt $(TL_OUT)/dict-words.txt
	$(TL_BIN) import $(TL_SOURCES) --aliases data/aliases.tsv -o $(TL_OUT)/base.tsv
	$(TL_BIN) learn --listings $(TL_OUT)/base.tsv -o $(TL_OUT)/learned.tsv $(TL_CORPORA)
	$(TL_BIN) import $(TL_SOURCES) --aliases data/aliases.tsv --aliases $(TL_OUT)/learned.tsv \
	  --note "rebuilt by: make listings (newspipe-ticker-link import ...; see mk/ticker-link.mk)" \
	  --note "sources: SEC company_tickers_exchange.json (copy of 2025-12-14, public domain);" \
	  --note "  S&P 500 constituents (2026-08-08, PDDL); S&P 500 membership intervals 1996-2025" \
	  --note "  (fja05680/sp500 of 2025-11-16, MIT: a former member's listing gets the members' prior);" \
	  --note "  Nasdaq screener (2026-08-22, for exchange," \
	  --note "  security type, market cap and IPO year only); FinanceDatabase equities (2026-08-16, MIT;" \
	  --note "  its delisted lines, but reused codes, valid to 2026-08-15);" \
	  --note "  Nasdaq Trader symbol directory snapshots of 2014-10-10 and 2016-08-15 (funds, notes," \
	  --note "  security types, and companies listed then but not in the current files, valid to" \
	  --note "  the day before the next source that lacks them);" \
	  --note "  data/aliases.tsv (curated for newspipe: aliases, 2006-2013 listings and RICs);" \
	  --note "  learned pairs: names written before explicit codes in ../shared/data/corpora (Reuters" \
	  --note "  2013-10-01..2013-11-20), seen >= 2 times and >= 0.75 of the name's pairs (learn);" \
	  --note "  \"~\" on common-word names: lower-case words of CoNLL-2003 train and BBC News 2004-2005;" \
	  --note "  places (\"^\" on a large company's one-word form and a name without Group): the country," \
	  --note "  region and city gazetteers;" \
	  --note "  \"~\" on one-word names that are Wikipedia location titles and no organisation's;" \
	  --note "  \"~\" on a smaller company's one-word name that is an English word (SCOWL american-english)" \
	  -o data/listings.tsv

# The held-out evaluation's tables (bench/ticker-link-heldout.py): the same sources, the
# curated file without the rows that name a company of the sealed test part, and pairs
# learnt with the test part's codes excluded. Built up one source at a time: "today" (the
# current files and the curated rows: the table as it was before the symbol directory),
# "srcs" (all public sources, nothing curated), "curated" (and the curated rows), "dev"
# (and the learned pairs: the table as `make listings` builds it).
TL_HO := $(TL_OUT)/heldout
$(TL_HO)/test-codes.txt $(TL_HO)/aliases-dev.tsv: bench/ticker-link-heldout.py data/aliases.tsv
	@mkdir -p $(TL_HO)
	python3 bench/ticker-link-heldout.py split --shared $(SHARED) --aliases data/aliases.tsv \
	  --codes $(TL_HO)/test-codes.txt --aliases-out $(TL_HO)/aliases-dev.tsv
$(TL_HO)/dev.tsv: $(TL_BIN) $(TL_OUT)/weak-words.txt $(TL_OUT)/place-words.txt $(TL_OUT)/name-words.txt $(TL_OUT)/form-places.txt $(TL_OUT)/dict-words.txt $(TL_HO)/test-codes.txt $(TL_HO)/aliases-dev.tsv
	$(TL_BIN) import $(TL_SOURCES_TODAY) --aliases $(TL_HO)/aliases-dev.tsv -o $(TL_HO)/today.tsv
	$(TL_BIN) import $(TL_SOURCES) -o $(TL_HO)/srcs.tsv
	$(TL_BIN) import $(TL_SOURCES) --aliases $(TL_HO)/aliases-dev.tsv -o $(TL_HO)/curated.tsv
	$(TL_BIN) learn --listings $(TL_HO)/curated.tsv --exclude $(TL_HO)/test-codes.txt \
	  -o $(TL_HO)/learned.tsv $(TL_CORPORA)
	$(TL_BIN) import $(TL_SOURCES) --aliases $(TL_HO)/aliases-dev.tsv \
	  --aliases $(TL_HO)/learned.tsv -o $@
# The quality gate (tests/quality/ticker-link.t) reads the dev table; built before the tests
# when ../shared is there.
TL_HO_DEV := $(if $(and $(wildcard $(SHARED)/data/corpora/reuters-fin-2013q4-sample/articles.ndjson),$(wildcard $(SHARED)/data/ner/conll2003/eng.train),$(wildcard $(SHARED)/data/summ/bbc_news_summary/docs.ndjson),$(wildcard $(TL_WIKI)/WikiOrganizations.lst)),$(TL_HO)/dev.tsv)
check: $(TL_HO_DEV)

# Twice: the dictionary alone, then as in pipelines/news.yaml, after newspipe-entity-tag;
# then the company-disjoint held-out evaluation, table by table (what each source adds).
eval-ticker-link: $(TL_BIN) $(BINDIR)/newspipe-entity-tag $(TL_HO_DEV)
	@if [ -d $(SHARED)/data/corpora/reuters-fin-2013q4-sample ]; then \
	  echo "== ticker-link alone"; \
	  python3 bench/ticker-link-eval.py --bin $(TL_BIN) --shared $(SHARED) \
	    --listings data/listings.tsv --gold tests/ticker-link/gold.tsv && \
	  echo "== after newspipe-entity-tag (ORG, PER, LOC entities)" && \
	  python3 bench/ticker-link-eval.py --bin $(TL_BIN) --shared $(SHARED) \
	    --listings data/listings.tsv --gold tests/ticker-link/gold.tsv \
	    --pre "$(BINDIR)/newspipe-entity-tag --types ORG,PER,LOC" && \
	  for t in today srcs curated dev; do echo "== held out by company: $$t table ($(TL_HO)/$$t.tsv)"; \
	    python3 bench/ticker-link-heldout.py score --bin $(TL_BIN) --shared $(SHARED) \
	      --listings $(TL_HO)/$$t.tsv --gold tests/ticker-link/gold.tsv --sources $(TL_HO)/srcs.tsv || exit 1; done; \
	else echo "eval-ticker-link: ../shared absent, skipped"; fi

# Pseudo-unseen folds of the dev companies (bench/ticker-link-folds.py): for choosing recall
# rules without the sealed test part; each fold's companies are left out of curation and
# learning, its misses classified by cause (build/ticker-link/folds/misses.tsv).
folds-ticker-link: $(TL_BIN) $(TL_OUT)/weak-words.txt $(TL_OUT)/place-words.txt $(TL_OUT)/name-words.txt $(TL_OUT)/form-places.txt $(TL_OUT)/dict-words.txt $(TL_HO)/dev.tsv
	python3 bench/ticker-link-folds.py --bin $(TL_BIN) $(TL_FOLDS_FLAGS) --shared $(SHARED) --aliases data/aliases.tsv \
	  --gold tests/ticker-link/gold.tsv --dev-table $(TL_HO)/dev.tsv --work $(TL_OUT)/folds --misses $(TL_OUT)/folds/misses.tsv -- $(TL_SOURCES)

bench-ticker-link: $(TL_BIN) $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) NP_TOP=$(CURDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench RUNS=3 sh bench/ticker-link.sh
