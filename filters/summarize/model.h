/* The summarizer's fitted weights: one weight per feature and the redundancy penalty, kept
 * as a small text file (data/summarize.weights) that `newspipe-summarize train` writes. */
#ifndef SUMM_MODEL_H
#define SUMM_MODEL_H

#include <stddef.h>

#include "analyse.h"

typedef struct {
    double w[SUMM_NFEAT]; /* score of a sentence: w . x */
    double mmr;           /* minus mmr x the highest cosine similarity to a chosen sentence */
    size_t words;         /* the default length: about this many words (0: no word target) */
    size_t sentences;     /* and at most this many sentences (0: no limit) */
} summ_model;

/* Reads path into *m. Every feature must have a weight. Returns 0, or -1 with a message in
 * err (e.g. "summarize.weights:3: unknown feature \"foo\""). */
int summ_model_load(summ_model *m, const char *path, char *err, size_t errlen);

/* Writes *m to path atomically, with comment lines (each prefixed "# ") first. Returns 0, or
 * with errno set the exit code: NP_EX_SOFTWARE (out of memory), NP_EX_CANTCREAT (cannot
 * create the file), NP_EX_IOERR (writing it failed; path untouched, no temporary left). */
int summ_model_save(const summ_model *m, const char *path, const char *comment);

#endif
