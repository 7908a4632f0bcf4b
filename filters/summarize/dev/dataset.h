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
 * empty bodies and references are skipped). Returns 0, or the exit status with a message in
 * err: 66 it cannot be opened, 65 its gzip data is damaged or it has no such article, 74 a read
 * error, 70 out of memory. */
int summ_dataset_load(summ_dataset *ds, const char *path, const char *ref_field, char *err,
                      size_t errlen);
void summ_dataset_free(summ_dataset *ds);

/* The split, fixed before any model was chosen: h = np_hash64(id, seed SUMM_SPLIT_SEED) (the
 * body when there is no id); the article is in the sealed test part when h % 3 == 0, else in
 * the tuning part, in cross-validation fold (h / 3) % SUMM_FOLDS. By document, the same on
 * every machine, independent of the file's order. */
#define SUMM_SPLIT_SEED 0x73756d6d61727931ULL /* "summary1" */
#define SUMM_FOLDS      5
int summ_article_is_test(const summ_article *a);
/* The tuning article's fold, 0 .. SUMM_FOLDS - 1 (meaningless for a test article). */
int summ_article_fold(const summ_article *a);

#endif
