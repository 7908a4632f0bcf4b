# newspipe-entity-tag: the shipped model, its evaluation and its benchmark.
#   make model              retrain data/entity-tag.model from ../shared (CoNLL-2003 train and
#                           three quarters of eng.testa) with the gazetteers, word classes and
#                           Viterbi decoding: the mean of ETAG_AVERAGE perceptrons per pass and
#                           jackknife fold; deterministic; not run by CI
#   make clusters           rebuild the word-class table gazetteers/clusters.txt
#                           from unlabeled text (Reuters sample + eng.train tokens); ~1 minute
#   make clusters-news      a second family's table from all the news text of ../shared/data
#                           (titles and bodies, never summaries) + eng.train, in build/; ~1 minute
#   make cv-entity-tag      the recipe's F1 over 5 document folds of eng.train, and the fold
#                           models' mean on eng.testa and wikigold (cheap settings; ~2 min CPU)
#   make eval-entity-tag    cv-entity-tag, then the shipped model end to end on the unseen
#                           quarter of eng.testa, wikigold and SEC-filings FIN3
#   make bench-entity-tag   tokens/s, articles/s, model load time and peak RSS
#   make jackknife-entity-tag  the shipped recipe on all of eng.testa, each quarter tagged by
#                           the recipe trained without it (~5 minutes of CPU); OLD_PROGRAM=PATH
#                           also compares another build by a paired bootstrap over documents
#   make folds-entity-tag   eng.train's document folds scored end to end through the filter
#                           (its corrections after the decoder count); OLD_PROGRAM=PATH also
#                           scores another build on the same fold models

ETAG_BIN := $(BINDIR)/newspipe-entity-tag
ETAG_NER := $(SHARED)/data/ner
ETAG_GAZ := gazetteers
ETAG_WIKI := $(SHARED)/data/ner/wiki-gazetteers
ETAG_EPOCHS ?= 8
ETAG_SEED ?= 1
ETAG_AVERAGE ?= 15
ETAG_MODEL ?= data/entity-tag.model
ETAG_CLUSTERS := $(wildcard $(ETAG_GAZ)/clusters.txt)
# The unlabelled news of ../shared/data (titles and bodies, never summaries).
ETAG_NEWS = $(SHARED)/data/corpora/reuters-fin-2013q4-sample/articles.ndjson \
	  $(SHARED)/data/summ/bbc_news_summary/docs.ndjson \
	  $(SHARED)/data/summ/cnndm_val_cnn1000/docs.ndjson \
	  $(SHARED)/data/summ/cnndm_train_kaggle100/docs.ndjson \
	  $(SHARED)/data/summ/xsum_test_helm1000/docs.ndjson
# The acronyms news uses as common nouns (not a feature: acronyms.c drops them), learned from
# ETAG_NEWS by etag-lists; another list can be given for measuring.
ETAG_ACRONYMS ?= $(OUT)/entity-tag/acronyms.txt
# The names news writes before Reuters codes (not a feature: mentions.c types them ORG where
# the model typed a person or an unknown place), learned from ETAG_NEWS by etag-lists.
ETAG_CODED ?= $(OUT)/entity-tag/coded-names.txt
# A second family of word classes, for measuring (not in the shipped recipe: see the README's
# twelfth round): make clusters-news, then make cv-entity-tag ETAG_CLUSTERS2=$(OUT)/entity-tag/clusters-news.txt
ETAG_CLUSTERS2 ?=

$(OBJ)/tests/unit/entity-tag/%.o: ALL_CFLAGS += -Ifilters/entity-tag/dev

.PHONY: model etag-lists cv-entity-tag clusters clusters-news eval-entity-tag bench-entity-tag \
	jackknife-entity-tag folds-entity-tag
BENCHES += bench-entity-tag
EVALS += eval-entity-tag

# The lists and word classes every model is trained with (the recipe's resources).
ETAG_RESOURCES = --gazetteer org=$(OUT)/entity-tag/companies.txt \
	  --gazetteer orgname=$(OUT)/entity-tag/company-names.txt \
	  --gazetteer country=$(ETAG_GAZ)/countries.txt \
	  --gazetteer country=$(ETAG_GAZ)/countries-extra.txt \
	  --gazetteer city=$(ETAG_GAZ)/cities.txt \
	  --gazetteer region=$(ETAG_GAZ)/regions.txt \
	  --gazetteer first=$(ETAG_GAZ)/first-names.txt \
	  --gazetteer wikiorg=$(ETAG_WIKI)/WikiOrganizations.lst \
	  --gazetteer wikiorg=$(ETAG_WIKI)/WikiOrganizationsRedirects.lst \
	  --gazetteer wikiloc=$(ETAG_WIKI)/WikiLocations.lst \
	  --gazetteer wikiloc=$(ETAG_WIKI)/WikiLocationsRedirects.lst \
	  --gazetteer person=$(OUT)/entity-tag/people-names.txt \
	  --gazetteer lower=$(OUT)/entity-tag/lower-words.txt \
	  --gazetteer acronym=$(ETAG_ACRONYMS) \
	  --gazetteer coded=$(ETAG_CODED) \
	  $(if $(ETAG_CLUSTERS),--clusters $(ETAG_CLUSTERS)) \
	  $(if $(ETAG_CLUSTERS2),--clusters $(ETAG_CLUSTERS2))

# The recipe: the resources and the decoder (see cv-entity-tag for how each was chosen).
ETAG_RECIPE = $(ETAG_RESOURCES) --decoder viterbi --passes 1

etag-lists: $(ETAG_BIN)
	@test -f $(ETAG_NER)/conll2003/eng.train || { echo "model: $(ETAG_NER) absent"; exit 1; }
	@mkdir -p $(OUT)/entity-tag
	sh $(ETAG_GAZ)/companies.sh $(SHARED) > $(OUT)/entity-tag/companies.txt
	sh $(ETAG_GAZ)/companies.sh --as-listed $(SHARED) > $(OUT)/entity-tag/company-names.txt
	sh $(ETAG_GAZ)/lower-words.sh $(ETAG_NER)/conll2003/eng.train \
	  > $(OUT)/entity-tag/lower-words.txt
	sh $(ETAG_GAZ)/people.sh $(ETAG_GAZ)/people-names.txt $(ETAG_NER)/conll2003/eng.train \
	  > $(OUT)/entity-tag/people-names.txt
	$(ETAG_BIN) acronyms --out $(OUT)/entity-tag/acronyms.txt $(ETAG_NEWS)
	$(ETAG_BIN) coded-names --out $(OUT)/entity-tag/coded-names.txt $(ETAG_NEWS)

# The shipped model learns eng.train and three quarters of eng.testa (documents d with
# d % 4 != 0); the fourth quarter (54 documents) stays unseen, for the progress lines and the
# quality gate (tests/quality/entity-tag.t).
ETAG_SPLIT := sh filters/entity-tag/dev/conll-docs.sh
model: etag-lists
	$(ETAG_SPLIT) --not 4 0 $(ETAG_NER)/conll2003/eng.testa > $(OUT)/entity-tag/testa-train.conll
	$(ETAG_SPLIT) 4 0 $(ETAG_NER)/conll2003/eng.testa > $(OUT)/entity-tag/testa-gate.conll
	cat $(ETAG_NER)/conll2003/eng.train $(OUT)/entity-tag/testa-train.conll \
	  > $(OUT)/entity-tag/train+dev.conll
	$(ETAG_BIN) train --train $(OUT)/entity-tag/train+dev.conll \
	  --dev $(OUT)/entity-tag/testa-gate.conll --out $(ETAG_MODEL) \
	  --epochs $(ETAG_EPOCHS) --seed $(ETAG_SEED) --average $(ETAG_AVERAGE) \
	  $(ETAG_RECIPE)

# Cross-validation over eng.train documents (document d in fold d % ETAG_CV_FOLDS), with
# cheap settings (one perceptron, not ETAG_AVERAGE); each fold model also tags eng.testa and
# wikigold (their figure: the mean over fold models). ETAG_CV_FLAGS adds training options
# (a variant under test). About 5 minutes of CPU: run it under nice.
ETAG_CV_FOLDS ?= 5
ETAG_CV_EPOCHS ?= 8
ETAG_CV_FLAGS ?=
cv-entity-tag: etag-lists
	$(ETAG_BIN) train --train $(ETAG_NER)/conll2003/eng.train --cv $(ETAG_CV_FOLDS) \
	  --cv-eval $(ETAG_NER)/conll2003/eng.testa --cv-eval $(ETAG_NER)/wikigold/wikigold.conll.txt \
	  --epochs $(ETAG_CV_EPOCHS) --seed $(ETAG_SEED) $(ETAG_RECIPE) $(ETAG_CV_FLAGS)

jackknife-entity-tag: etag-lists
	SHARED=$(SHARED) ETAG_BIN=$(ETAG_BIN) BENCH_DIR=$(OUT)/bench sh bench/entity-tag-jackknife.sh

folds-entity-tag: etag-lists
	SHARED=$(SHARED) ETAG_BIN=$(ETAG_BIN) ETAG_SEED=$(ETAG_SEED) BENCH_DIR=$(OUT)/bench \
	  sh bench/entity-tag-folds.sh

clusters: $(ETAG_BIN)
	@test -f $(ETAG_NER)/conll2003/eng.train || { echo "clusters: $(ETAG_NER) absent"; exit 1; }
	$(ETAG_BIN) clusters --out $(ETAG_GAZ)/clusters.txt \
	  --conll $(ETAG_NER)/conll2003/eng.train \
	  $(SHARED)/data/corpora/reuters-fin-2013q4-sample/articles.ndjson

clusters-news: $(ETAG_BIN)
	@test -f $(ETAG_NER)/conll2003/eng.train || { echo "clusters-news: $(ETAG_NER) absent"; exit 1; }
	@mkdir -p $(OUT)/entity-tag
	$(ETAG_BIN) clusters --out $(OUT)/entity-tag/clusters-news.txt \
	  --conll $(ETAG_NER)/conll2003/eng.train $(ETAG_NEWS)

eval-entity-tag: $(ETAG_BIN)
	@if [ -f $(ETAG_NER)/conll2003/eng.testa ]; then \
	  echo "== cross-validation of the recipe (one perceptron, $(ETAG_CV_EPOCHS) epochs):"; \
	  $(MAKE) -s --no-print-directory cv-entity-tag | grep '^cv ' || exit 1; \
	  $(ETAG_SPLIT) 4 0 $(ETAG_NER)/conll2003/eng.testa > $(OUT)/entity-tag/testa-gate.conll; \
	  echo "== $(ETAG_MODEL) on the quarter of eng.testa it never saw (testa-gate), and out of domain:"; \
	  $(ETAG_BIN) eval --model $(ETAG_MODEL) $(OUT)/entity-tag/testa-gate.conll \
	    $(ETAG_NER)/wikigold/wikigold.conll.txt $(ETAG_NER)/sec-filings/FIN3.txt || exit 1; \
	  echo "== $(ETAG_MODEL) on the whole of eng.testa (three quarters seen in training):"; \
	  $(ETAG_BIN) eval --model $(ETAG_MODEL) $(ETAG_NER)/conll2003/eng.testa | grep overall; \
	else echo "eval-entity-tag: skipped ($(ETAG_NER) absent)"; fi
	NP_BIN=$(BINDIR) OUT=$(OUT) ETAG_MODEL=$(ETAG_MODEL) sh bench/entity-tag-listed.sh

bench-entity-tag: $(ETAG_BIN) $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench ETAG_MODEL=$(ETAG_MODEL) \
	  sh bench/entity-tag.sh
