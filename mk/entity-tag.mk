# newspipe-entity-tag: the shipped model, its evaluation and its benchmark.
#   make model              retrain data/entity-tag.model from ../shared (CoNLL-2003 train,
#                           eng.testa as dev) with the gazetteers and word classes: the mean
#                           of ETAG_AVERAGE perceptrons per pass and jackknife fold; about 6
#                           minutes of CPU; deterministic; not run by CI
#   make clusters           rebuild the word-class table filters/entity-tag/gazetteers/clusters.txt
#                           from unlabeled text (Reuters sample + eng.train tokens); ~1 minute
#   make eval-entity-tag    end-to-end F1 on eng.testa, wikigold and SEC-filings FIN3
#   make bench-entity-tag   tokens/s, articles/s, model load time and peak RSS

ETAG_BIN := $(BINDIR)/newspipe-entity-tag
ETAG_NER := $(SHARED)/data/ner
ETAG_GAZ := filters/entity-tag/gazetteers
ETAG_EPOCHS ?= 8
ETAG_SEED ?= 1
ETAG_AVERAGE ?= 15
ETAG_MODEL ?= data/entity-tag.model
ETAG_CLUSTERS := $(wildcard $(ETAG_GAZ)/clusters.txt)

$(OBJ)/tests/unit/entity-tag/%.o: ALL_CFLAGS += -Ifilters/entity-tag

.PHONY: model clusters eval-entity-tag bench-entity-tag
BENCHES += bench-entity-tag
EVALS += eval-entity-tag

model: $(ETAG_BIN)
	@test -f $(ETAG_NER)/conll2003/eng.train || { echo "model: $(ETAG_NER) absent"; exit 1; }
	@mkdir -p $(OUT)/entity-tag
	sh $(ETAG_GAZ)/companies.sh $(SHARED) > $(OUT)/entity-tag/companies.txt
	sh $(ETAG_GAZ)/companies.sh --as-listed $(SHARED) > $(OUT)/entity-tag/company-names.txt
	$(ETAG_BIN) train --train $(ETAG_NER)/conll2003/eng.train \
	  --dev $(ETAG_NER)/conll2003/eng.testa --out $(ETAG_MODEL) \
	  --epochs $(ETAG_EPOCHS) --seed $(ETAG_SEED) --average $(ETAG_AVERAGE) \
	  --gazetteer org=$(OUT)/entity-tag/companies.txt \
	  --gazetteer orgname=$(OUT)/entity-tag/company-names.txt \
	  --gazetteer country=$(ETAG_GAZ)/countries.txt \
	  --gazetteer country=$(ETAG_GAZ)/countries-extra.txt \
	  --gazetteer city=$(ETAG_GAZ)/cities.txt \
	  --gazetteer region=$(ETAG_GAZ)/regions.txt \
	  --gazetteer first=$(ETAG_GAZ)/first-names.txt \
	  $(if $(ETAG_CLUSTERS),--clusters $(ETAG_CLUSTERS))

clusters: $(ETAG_BIN)
	@test -f $(ETAG_NER)/conll2003/eng.train || { echo "clusters: $(ETAG_NER) absent"; exit 1; }
	$(ETAG_BIN) clusters --out $(ETAG_GAZ)/clusters.txt \
	  --conll $(ETAG_NER)/conll2003/eng.train \
	  $(SHARED)/data/corpora/reuters-fin-2013q4-sample/articles.ndjson

eval-entity-tag: $(ETAG_BIN)
	@if [ -f $(ETAG_NER)/conll2003/eng.testa ]; then \
	  $(ETAG_BIN) eval --model $(ETAG_MODEL) $(ETAG_NER)/conll2003/eng.testa \
	    $(ETAG_NER)/wikigold/wikigold.conll.txt $(ETAG_NER)/sec-filings/FIN3.txt; \
	else echo "eval-entity-tag: skipped ($(ETAG_NER) absent)"; fi
	NP_BIN=$(BINDIR) OUT=$(OUT) ETAG_MODEL=$(ETAG_MODEL) sh bench/entity-tag-listed.sh

bench-entity-tag: $(ETAG_BIN) $(BINDIR)/newspipe-cat
	NP_BIN=$(BINDIR) SHARED=$(SHARED) BENCH_DIR=$(OUT)/bench ETAG_MODEL=$(ETAG_MODEL) \
	  sh bench/entity-tag.sh
