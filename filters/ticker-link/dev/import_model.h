/* The importer's working table: listing rows from the source files, before they are merged
 * and written as newspipe-listings(5). Build-time only, so plain heap strings. */
#ifndef TL_IMPORT_MODEL_H
#define TL_IMPORT_MODEL_H

#include <stddef.h>

#include "wordset.h"

typedef struct {
    char *issuer, *symbol, *ric, *name, *aliases; /* owned; aliases '|'-separated */
    char mic[5], country[3];
    char from[11], to[11];
    int primary; /* 1, 0, or -1 when not decided yet */
    int prior;
    int adr;  /* a depositary receipt or a foreign issuer's US line */
    int type; /* tl_sectype: what the security is */
    int dropped;
    int sp500;      /* boosted as an S&P 500 member (current or former): once */
    int inferred;   /* prior from indirect evidence (quotes abroad, a receipts' ISIN), not
                     * from a market cap: a measured size outranks it (import_variants.c) */
    char *domicile; /* issuer's country of domicile, ISO 3166 alpha-2 or "" (owned) */
} tl_brow;

typedef struct {
    tl_brow *r;
    size_t n, cap;
} tl_brows;

/* Issuers' priors by issuer id: the largest prior of each issuer's rows (the table's issuer
 * prior), sorted for lookups. The ids are borrowed from the rows, which must outlive it. */
typedef struct {
    const char *issuer; /* borrowed */
    int prior;
    int inferred; /* every row with that prior has an inferred one (tl_brow.inferred) */
} tl_prior;
typedef struct {
    tl_prior *p; /* owned */
    size_t n;
} tl_priors;
/* Builds p from the rows that are not dropped. Returns 0 or -1 (out of memory). */
int tl_priors_build(const tl_brows *rows, tl_priors *p);
/* The issuer's prior, or 0 when no row has that issuer. */
int tl_priors_get(const tl_priors *p, const char *issuer);
/* Whether the issuer's prior is an inferred one (0 when no row has that issuer). */
int tl_priors_inferred(const tl_priors *p, const char *issuer);
void tl_priors_free(tl_priors *p);

/* Appends a zeroed row (primary -1, prior 30) and returns it, or NULL. */
tl_brow *tl_brows_add(tl_brows *b);
void tl_brows_free(tl_brows *b);
/* Date d (YYYY-MM-DD) moved by delta days, into out (d itself when it is not a date). */
void tl_shift_day(const char *d, int delta, char out[11]);
/* strdup that never returns NULL for NULL input: returns "" copy. NULL only on OOM. */
char *tl_strdup(const char *s);
/* Replaces *dst by a copy of s. Returns 0 or -1. */
int tl_set(char **dst, const char *s);
/* Reads the file at path whole into *out (owned by the caller, NUL-terminated) and its
 * length. Returns 0, or -1 after printing the file and the problem. */
int tl_slurp(const char *path, char **out, size_t *len);
/* Appends the '|'-separated aliases a to the row's. Returns 0 or -1 (out of memory). */
int tl_add_aliases(tl_brow *r, const char *a);
/* The country (ISO 3166 alpha-2) of the exchange mic, or "" when the MIC is unknown. */
const char *tl_mic_country(const char *mic);

/* Appends the rows of a newspipe-listings(5) table (import_tsv.c). Returns 0, or -1 after
 * printing the file and the problem. */
int tl_add_tsv(tl_brows *rows, const char *path);
/* Applies a curated file's rows (newspipe-listings(5), CURATED FILE) over rows: new
 * listings, dated listings, aliases, issuer merges (import_tsv.c). Returns 0, or -1 after
 * printing the file, line and problem. */
int tl_apply_curated(tl_brows *rows, const char *path);

/* Dates from their CIK the SEC's exchange lines of US companies registered after the newest
 * symbol directory, whose symbol and issuer no directory has (import_cikdate.c), on the scale
 * the last tl_sec_cik_dates call calibrated (none: nothing is dated). Call it after
 * tl_group_issuers. Returns 0. */
int tl_cik_date_new_lines(tl_brows *rows);

/* Starts the day after the newest symbol directory the SEC's lines on the exchanges the
 * directories list (tl_symdir_lists) whose symbol no directory has (import_cikdate.c). Returns 0.
 */
int tl_date_new_symbols(tl_brows *rows);

/* Gives the rows of one company one issuer id (import_group.c): share classes on one
 * exchange, and the same company on several exchanges (cross-listings, ADRs), carry the same
 * normalized name; the SEC's issuer or the sources' countries decide which lines join.
 * Returns 0 or -1 (out of memory). */
int tl_group_issuers(tl_brows *rows);

/* Source readers. Each appends rows to out and returns 0, or -1 after printing the
 * file and the problem. */
int tl_read_sec(const char *path, tl_brows *out);
/* Start dates of the SEC rows from index first on (import_cikdate.c): an over-the-counter or
 * foreign issuer's line with no date is valid from the year its CIK was assigned, on a CIK ->
 * year scale calibrated on the rows the screener's IPO year dates. Returns 0 or -1 (OOM). */
int tl_sec_cik_dates(tl_brows *rows, size_t first);
/* Nasdaq screener JSON for one exchange (mic). Fills a side table used by tl_read_sec:
 * call it before tl_read_sec. */
int tl_read_screener(const char *path, const char *mic);
/* The prior an S&P 500 member's listings gain (a large company). */
#define TL_SP500_BOOST 15
int tl_read_sp500(const char *path, tl_brows *rows);
/* S&P 500 membership history (ticker,start_date,end_date): boosts the US equity listings
 * whose code was in the index while our dated sources show their company under it. Call it
 * after tl_symdir_rows (and tl_read_sp500, whose members are not boosted twice). */
int tl_read_sp500_history(const char *path, tl_brows *rows, const char *today_date);
/* FinanceDatabase equities. With date (the file's, YYYY-MM-DD; NULL to skip them), the
 * lines flagged delisted become listings valid to the day before it, unless their code is
 * listed in the file today (a reused code) or their name is one word: companies listed in
 * older news, since delisted (Credit Suisse Group). Their prior is below TL_PRIOR_LISTED_NAME, as
 * for the symbol directory's former listings: a one-word name needs support. */
int tl_read_intl(const char *path, const char *date, tl_brows *out);

/* Screener facts for a US symbol ("BRK-A" form): returns 0 and fills the outputs, or -1
 * when the symbol was not in any screener file. kind: 0 common stock, 1 ADR, 2 other
 * (warrant, unit, right, preferred, note). name is borrowed; ipoyear 0 when unknown. */
int tl_screener_lookup(const char *sym, const char **mic, const char **name, double *mcap,
                       int *kind, int *foreign, int *ipoyear);
/* The screener's country (ISO 3166 alpha-2) of a US symbol's issuer, or "". */
const char *tl_screener_country(const char *sym);
void tl_screener_free(void);

/* Nasdaq Trader symbol directory snapshot (nasdaqlisted.txt and otherlisted.txt in dir)
 * taken on date (YYYY-MM-DD): a side table like the screener's. Call it before tl_read_sec
 * (which types its rows by it) and tl_symdir_rows. Returns 0, or -1 after printing why. */
int tl_read_symdir(const char *dir, const char *date);
/* The security type (tl_sectype) the newest snapshot gives a US symbol ("BRK-A" form), or -1
 * when no snapshot has it. */
int tl_symdir_type(const char *sym);
/* The date (YYYY-MM-DD) of the oldest snapshot that has a US symbol, or NULL. Borrowed. */
const char *tl_symdir_first_date(const char *sym);
/* Whether the snapshots list every security of the exchange with this MIC (Nasdaq, NYSE, NYSE
 * American, NYSE Arca, Cboe BZX, IEX): a symbol they lack did not trade there on their day. */
int tl_symdir_lists(const char *mic);
/* The date of the newest snapshot read, or NULL when none was. Borrowed. */
const char *tl_symdir_last_date(void);
/* Appends the snapshots' exchange-traded funds and notes, and the common stocks and
 * depositary receipts no longer listed (absent from the rows already read, which are
 * today's): each valid to the day before the first snapshot, or today_date, that lacks it.
 * Returns 0 or -1 (out of memory). */
int tl_symdir_rows(tl_brows *rows, const char *today_date);
void tl_symdir_free(void);

/* Security type of a security name ("... ETF", "... Preferred Stock", "American Depositary
 * Shares"): a tl_sectype, TL_SEC_COMMON when nothing says otherwise. */
int tl_security_type(const char *name);

/* The word lists the short forms are weighed against (each may be NULL). */
typedef struct {
    const np_wordset *weak;         /* folded word hashes of common words, names and places */
    const np_wordset *places;       /* name keys of places of several words */
    const np_wordset *place_words;  /* word hashes of one-word places */
    const np_wordset *form_places;  /* word hashes of Wikipedia's one-word place titles */
    const np_wordset *form_phrases; /* name keys of its place titles of several words */
    const np_wordset *people;       /* word hashes of people's names */
} tl_form_lists;

/* Adds to each equity row the short news forms of its name ("Lufthansa" of "Deutsche
 * Lufthansa AG", "First Quantum" of "First Quantum Minerals Ltd") that no other issuer's
 * name or form shares (import_variants.c), weighed against the lists. Call it after the
 * issuers are grouped and before the weak words are marked. Returns 0 or -1 (out of
 * memory). */
int tl_name_variants(tl_brows *rows, const tl_form_lists *lists);

/* The security names of the US sources end in " - " and the security ("Apple Inc. - Common
 * Stock"), which their readers cut; but a country after the dash names the issuer ("Banco
 * Santander - Chile ADS" is the Chilean bank, not Banco Santander of Spain): that dash is
 * closed up here, in place ("Banco Santander-Chile ADS"), so the cut leaves it. */
void tl_keep_country_dash(char *name);
/* Drops a last word "Registered" in place: what a reader's cut of "Registered Ordinary Shares"
 * leaves ("UBS Group AG Registered"). It names the share; other sources name the company
 * without it ("UBS Group AG"), and the names must agree for the issuer's lines to meet. */
void tl_cut_registered(char *name);

/* Country name ("Hong Kong", "United States") to ISO 3166 alpha-2, or "". */
const char *tl_country_code(const char *name);

#endif
