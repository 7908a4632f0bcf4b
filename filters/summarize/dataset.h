/* The development set for training and evaluation: NDJSON articles with "title", "body" and
 * "reference" (the reference summary's sentences, an array of strings), as in
 * ../shared/data/summ/bbc_news_summary/docs.ndjson, and its fixed tuning/test split. */
#ifndef SUMM_DATASET_H
#define SUMM_DATASET_H

#include <stddef.h>

typedef struct {
    char *id, *title, *body; /* NUL-terminated, owned by the dataset */
    size_t title_len, body_len;
    char **ref; /* reference sentences */
    size_t *ref_len;
    size_t nref;
} summ_article;

typedef struct {
    summ_article *a;
    size_t n, cap;
} summ_dataset;

/* Loads every line of path that has a string "body" and a reference in field ref_field: an
 * array of strings (the summary's sentences) or one string ("title" and "id" optional;
 * empty bodies and references are skipped). Returns 0, or -1 with a message in err. */
int summ_dataset_load(summ_dataset *ds, const char *path, const char *ref_field, char *err,
                      size_t errlen);
void summ_dataset_free(summ_dataset *ds);

/* The split: an article is in the test part when the number that ends its id
 * ("business/003") is divisible by 3, else in the tuning part (ids without a number: tuning). */
int summ_article_is_test(const summ_article *a);

#endif
