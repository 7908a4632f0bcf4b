/* The trainer's corpus: development sets (one file per publisher or collection) analysed once,
 * so that models and length settings can be tried on them many times over.
 *
 * Each article is analysed as the filter analyses it; its candidate sentences (features
 * included) and term vectors are kept, with ROUGE token ids for every candidate and reference
 * sentence and the oracle labels (oracle.h). Choosing a summary for a kept article runs the
 * filter's own summ_choose() over the kept candidates, so the trainer scores exactly what the
 * filter would output. */
#ifndef SUMM_CORPUS_H
#define SUMM_CORPUS_H

#include <stddef.h>

#include "../analyse.h"
#include "dataset.h"
#include "../model.h"
#include "rouge.h"
#include "../score.h"

#define SUMM_MAX_SETS 16
/* The oracle chooses at most this many sentences per article. */
#define SUMM_ORACLE_MAX 5

enum { SUMM_PART_TUNE = 1, SUMM_PART_TEST = 2 };

typedef struct {
    const summ_article *a;
    int set;          /* index of its set */
    int fold;         /* cross-validation fold, or -1 in the test part */
    size_t c0, nc;    /* its candidates: cand[c0 .. c0 + nc), labels and token ids alike */
    size_t t0;        /* its term entries start at terms[t0] */
    size_t nslots;    /* distinct terms in the article */
    size_t r0, nr;    /* its reference sentences: ref[r0 .. r0 + nr) */
    double ref_words; /* words in the reference (whitespace-separated) */
} summ_item;

typedef struct {
    summ_dataset set[SUMM_MAX_SETS];
    char name[SUMM_MAX_SETS][64]; /* the set's folder name ("cnndm_val_cnn1000") */
    size_t nsets;
    summ_item *item;
    size_t nitem, capitem;
    summ_cand *cand; /* every kept candidate, features included */
    float *hard;     /* per candidate: 1 when the greedy oracle chose it */
    float *soft;     /* per candidate: its soft label */
    size_t ncand, capcand;
    summ_term *terms;
    size_t nterms, capterms;
    summ_ids *ctok; /* per candidate: ROUGE token ids */
    summ_ids *rtok; /* per reference sentence */
    size_t nref, capref;
    size_t maxslots;
    summ_vocab *voc;
    /* scratch for choosing and scoring */
    summ_scorer *sc;
    double *acc;
    summ_seq *seq;
    size_t capseq;
} summ_corpus;

/* Loads the sets at paths[0..n) (NDJSON with "body" and "reference") and analyses the
 * articles of the parts wanted (SUMM_PART_* bits): a part not wanted is not even analysed.
 * Returns 0, or the exit status with a message in err (summ_dataset_load's, or 64 for too
 * many sets, 70 out of memory). */
int summ_corpus_load(summ_corpus *c, const char *const *paths, size_t n, int parts, char *err,
                     size_t errlen);

/* Chooses item i's summary as the filter would (method, model and limits) into ch. Returns 0,
 * or -1 when out of memory. */
int summ_corpus_choose(summ_corpus *c, size_t i, const summ_model *m, summ_method method,
                       const summ_limits *lim, summ_choice *ch);

/* ROUGE of the choice ch for item i against its reference; *words gets the summary's length
 * in words. Returns 0, or -1 when out of memory. */
int summ_corpus_rouge(summ_corpus *c, size_t i, const summ_choice *ch, summ_rouge *out,
                      double *words);

void summ_corpus_free(summ_corpus *c);

#endif
