/* The listings table in memory: issuers, their listings (symbol, MIC, RIC, validity), the
 * name index, and symbol and RIC lookups. Loaded from one or more newspipe-listings(5) TSV
 * files; every string points into the files' bytes, which the table owns. */
#ifndef TL_LISTINGS_H
#define TL_LISTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "matcher.h"

/* The columns of a listings table (newspipe-listings(5)), and their header names. */
enum {
    TL_COL_ISSUER,
    TL_COL_SYMBOL,
    TL_COL_MIC,
    TL_COL_RIC,
    TL_COL_PRIMARY,
    TL_COL_COUNTRY,
    TL_COL_FROM,
    TL_COL_TO,
    TL_COL_PRIOR,
    TL_COL_NAME,
    TL_COL_ALIASES,
    TL_COL_TYPE,
    TL_NCOLS
};
extern const char *const tl_col_names[TL_NCOLS];

/* Issuers with at least this prior (large caps) have their one-word names taken as strong. */
#define TL_PRIOR_STRONG_NAME 60
/* Issuers with at least this prior (listed on an exchange, not over the counter) have their
 * whole name taken as strong when it is one word. */
#define TL_PRIOR_LISTED_NAME 35
/* A listing a source says has ended, with no date for its start (FinanceDatabase's delisted
 * lines). Issuers with this prior or less (those, and over-the-counter lines and funds below
 * them) have their one-word name link only as written: not through other capitalized words
 * before a legal form ("Nortel Networks Corp" is not Nortel AS), nor on an ORG entity alone
 * (scan_names.c). */
#define TL_PRIOR_DELISTED 33

#define TL_DAY_MIN INT32_MIN
#define TL_DAY_MAX INT32_MAX

/* What a listing is (the type column). A company mention links its equity listings (common
 * shares and depositary receipts); the others only when the article names their code. */
typedef enum {
    TL_SEC_COMMON = 0, /* also an empty type column */
    TL_SEC_DEPOSITARY, /* ADR, ADS, GDR */
    TL_SEC_PREFERRED,
    TL_SEC_ETF,
    TL_SEC_ETN,
    TL_SEC_FUND,  /* closed-end funds, trusts, other pooled vehicles */
    TL_SEC_NOTE,  /* debt: notes, debentures, baby bonds */
    TL_SEC_OTHER, /* warrants, rights, units */
    TL_NSEC
} tl_sectype;
extern const char *const tl_sec_names[TL_NSEC];
#define TL_SEC_IS_EQUITY(t) ((t) <= TL_SEC_DEPOSITARY)

typedef struct {
    const char *symbol, *mic, *ric, *country; /* "" when unknown (ric, country) */
    int32_t from, to; /* validity in days since 1970-01-01, inclusive; open: TL_DAY_MIN/MAX */
    uint32_t issuer;
    uint8_t primary;
    uint8_t type; /* tl_sectype */
} tl_listing;

typedef struct {
    const char *id;        /* "cik:1577552", "XHKG:0700" */
    const char *name;      /* display name */
    const char *publisher; /* "Reuters" when the issuer owns that news service, else NULL */
    uint32_t first, count; /* its listings: lst[first .. first + count) */
    int prior;             /* 0..100: preference when a name is ambiguous */
} tl_issuer;

typedef struct {
    uint64_t h;
    uint32_t listing;
} tl_index_slot;

typedef struct {
    tl_issuer *iss;
    size_t n_iss;
    tl_listing *lst;
    size_t n_lst;
    tl_matcher names;
    tl_index_slot *sym; /* hash of canonical MIC + symbol, and of the RIC */
    size_t sym_mask;
    char **bufs;     /* file contents (NUL-split in place) and other strings, owned */
    size_t *buf_len; /* their sizes in bytes, terminating NUL included */
    size_t n_bufs;
    void *map; /* the cache file mapped read-only (strings and indexes point into it), or NULL */
    size_t map_len;
} tl_table;

/* Loads and indexes the files. On error returns -1 and writes "FILE:LINE: reason" into
 * err (the table is then empty but valid to free). Returns 0 on success. */
int tl_table_load(tl_table *t, const char *const *paths, size_t n, char *err, size_t errlen);
/* Same, from one in-memory text (copied); name is used in error messages. */
int tl_table_load_text(tl_table *t, const char *name, const char *text, size_t len, char *err,
                       size_t errlen);
/* Same, from texts already read (by tl_read_file: NUL after lens[i] bytes); the table takes
 * every texts[i], whatever the result (the array itself stays the caller's). */
int tl_table_load_owned(tl_table *t, const char *const *names, char **texts, const size_t *lens,
                        size_t n, char *err, size_t errlen);
void tl_table_free(tl_table *t);

/* Reads the regular file at path whole into *out (malloc'd, NUL-terminated, *len bytes
 * before the NUL). Returns 0, or -1 with "FILE: reason" in err. */
int tl_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen);

/* Calls fn for each listing with this symbol on this exchange (its canonical MIC), or with
 * this RIC when mic is NULL. Stops early when fn returns nonzero; returns that value. */
int tl_table_each_symbol(const tl_table *t, const char *mic, const char *sym, size_t n,
                         int (*fn)(void *arg, uint32_t listing), void *arg);
int tl_table_each_ric(const tl_table *t, const char *ric, size_t n,
                      int (*fn)(void *arg, uint32_t listing), void *arg);

/* "2013-10-01" -> days since 1970-01-01. Returns 0 or -1. */
int tl_parse_day(const char *s, size_t n, int32_t *day);

#endif
