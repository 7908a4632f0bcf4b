/* Text to entities: tokenizes each field, marks sentence starts, runs the model over all
 * fields as one document (title first, so the body sees how names were tagged in it), adds
 * rule entities where the model found none, and gives code-point offsets. */
#ifndef ETAG_TAGGER_H
#define ETAG_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "spans.h"
#include "decode.h"
#include "docmap.h"
#include "model.h"
#include "tokenize.h"

#define ETAG_MAX_FIELDS 16

typedef struct {
    uint32_t start, end;   /* code points, end exclusive */
    uint32_t bstart, bend; /* bytes */
    uint8_t type;          /* ETAG_PER .. ETAG_DATE */
    uint8_t field;         /* index into the caller's field list */
} etag_entity;

/* Reusable state (zero-initialize; free with etag_tagger_free). The model is borrowed. */
typedef struct {
    const etag_model *model;
    unsigned types;    /* bit per type to report */
    int no_listed_org; /* keep the model's type for listed company names (see tagger.c) */
    etag_decoder dec;
    np_tokens toks[ETAG_MAX_FIELDS];
    etag_tok *view;
    etag_span *spans;
    size_t cap;
    etag_entity *ents;
    size_t nents, cap_ents;
    np_buf scratch;    /* lower-cased words for gazetteer lookups */
    etag_docmap names; /* the article's name words (mentions.c) */
} etag_tagger;

/* Tags texts[f][0..lens[f]) for f < nfields (a NULL text is an absent field). Results are in
 * t->ents[0..t->nents), sorted by field index then start. Returns 0, or -1 when out of
 * memory or a text exceeds 4 GiB. */
int etag_tagger_run(etag_tagger *t, const char *const *texts, const size_t *lens, int nfields);
void etag_tagger_free(etag_tagger *t);

/* Sentence starts for run-time text: the first token, a token after a line break, or a
 * capitalized token (or an opening quote or digit) after ". ! ?" and closing quotes. */
void etag_mark_sentences(const char *s, const np_token *tk, size_t n, etag_tok *out);

#endif
