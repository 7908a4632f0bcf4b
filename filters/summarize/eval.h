/* Development evaluation: ROUGE of the summarizer and of the lead baseline on the
 * development set's tuning or test part, with a paired bootstrap interval for the
 * difference (`newspipe-summarize eval`). The trainer uses the same scoring. */
#ifndef SUMM_EVAL_H
#define SUMM_EVAL_H

#include <stddef.h>

#include "dataset.h"
#include "model.h"
#include "score.h"

#include "rouge.h"

/* Summarizes each article i with use[i] set, with nsent sentences (0: as many as its
 * reference has), and scores it against the reference into out[i]. Returns 0 or -1 (out of
 * memory). */
int summ_eval_articles(const summ_dataset *ds, const unsigned char *use, const summ_model *m,
                       summ_method method, size_t nsent, summ_rouge *out);

/* Mean over the articles with use[i] set of (R-1 + R-2 + R-L) / 3, taking F1 (measure 'f'),
 * recall ('r') or precision ('p'). */
double summ_eval_mean(const summ_dataset *ds, const unsigned char *use, const summ_rouge *r,
                      int measure);

/* The `eval` subcommand; argv[0] is "eval". Returns an exit code. */
int summ_eval_main(int argc, char **argv);

#endif
