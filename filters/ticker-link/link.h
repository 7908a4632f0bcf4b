/* Linking one record: finds explicit patterns and company names in its text fields,
 * resolves them to issuers and listings, applies the guards (weak names need support,
 * datelines and credit lines are skipped, the publisher is not a subject) and writes the
 * "tickers" array. */
#ifndef TL_LINK_H
#define TL_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "entities.h"
#include "listings.h"
#include "normalize.h"
#include "patterns.h"
#include "record.h"

#define TL_MAX_FIELDS  8
#define TL_MAX_PERSONS 32
#define TL_MAX_OTHERS  8

typedef struct tl_mention tl_mention;
typedef struct tl_agg tl_agg;
typedef struct tl_fullname tl_fullname;

typedef struct {
    const tl_table *table; /* borrowed */
    const char *fields[TL_MAX_FIELDS];
    int nfields;
    const char *date_fields[4];
    int ndate_fields;
    const char *source_field;
    int max_evidence; /* evidence items per listing */
    /* Per-record scratch, reused. */
    tl_toks toks;
    tl_patterns pats;
    tl_entities ents;
    tl_mention *m;
    size_t nm, mcap;
    tl_agg *agg;
    size_t nagg, aggcap;
    uint32_t *order;
    size_t ordercap;
    uint32_t *same; /* output entries by listing (emit.c) */
    size_t samecap;
    tl_fullname *fn; /* the article's full company names (choose.c) */
    size_t fncap;
    uint32_t *by_issuer; /* live mention indices sorted by issuer, then text order */
    size_t n_by_issuer, by_issuer_cap;
    uint64_t persons[TL_MAX_PERSONS]; /* words seen as surnames in this record */
    int npersons;
    uint64_t others[TL_MAX_OTHERS]; /* words the record gives another meaning (link.c) */
    int nothers;
    int bare_named; /* bare "(SYMBOL)" codes the name before them agreed with, so far */
    int business;   /* the record has a word of business news (TL_W_BUSINESS) */
    int32_t day;    /* the record's date (days since 1970) or INT32_MIN */
    np_buf out;
} tl_linker;

/* Sets defaults (fields title,body; dates published,date; source). */
void tl_linker_init(tl_linker *L, const tl_table *table);
void tl_linker_free(tl_linker *L);

/* Links one record and sets its "tickers" field. Returns NP_EMIT, NP_PASS (no text field),
 * NP_REJECT (a text field of the wrong type) or NP_FAIL (out of memory). */
np_verdict tl_link_record(tl_linker *L, np_record *rec);

/* The core, for tests: links texts[i] (field names L->fields[i], NULL when absent) and
 * writes the JSON array into L->out. day is the article's date (days since 1970) or
 * INT32_MIN; source the publisher name or NULL; entities JSON or NULL. Returns 0 or -1. */
int tl_link_texts(tl_linker *L, const char *const *texts, const size_t *lens, int32_t day,
                  const char *source, size_t source_len, const char *entities, size_t entities_len);

#endif
