/* Grouping the importer's rows into issuers (see import_model.h, tl_group_issuers): share
 * classes, cross-listings and depositary receipts of one company carry one normalized name,
 * and the sources' countries and the SEC's issuers decide which lines are one company. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_model.h"
#include "../listings.h"
#include "../names.h"

typedef struct {
    uint64_t key;
    size_t row;
    int nwords;
} keyed;

/* A company known only from an old symbol-directory snapshot (tl_symdir_rows: its own
 * issuer id, with the snapshot's date, and an end date). */
static int is_snapshot_row(const tl_brow *r)
{
    return strchr(r->issuer, '@') != NULL && r->to[0];
}

/* Whether an SEC issuer's OTC symbol continues a symbol the company had on an exchange:
 * the same symbol (Netlist, NLST), the symbol with a suffix (TPI Composites' TPICQ after
 * TPIC), or a foreign issuer's OTC symbol, five letters ending in F or Y (China Life's
 * CILJF after LFC). "FIRST BANCSHARES INC", FBSI, is not The First Bancshares' FBMS. */
static int continues_symbol(const char *otc, const char *old)
{
    size_t n = strlen(otc), m = strlen(old);
    if (m && !strncmp(otc, old, m)) return 1;
    return n == 5 && (otc[4] == 'F' || otc[4] == 'Y');
}

/* Whether two names have the same letters and digits, case and punctuation aside: one
 * company's name as two sources write it ("Gap, Inc. (The)", "Gap Inc. (The)"), legal form
 * and all, unlike a namesake's ("Broadcom Corporation", "Broadcom Inc."). */
static int same_letters(const char *a, const char *b)
{
    for (;;) {
        while (*a && !isalnum((unsigned char)*a)) a++;
        while (*b && !isalnum((unsigned char)*b)) b++;
        if (!*a || !*b) return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
}

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Whether a row's source places its issuer in its exchange's country: a home listing. */
static int at_home(const tl_brow *r)
{
    return r->domicile[0] && !strcmp(r->domicile, tl_mic_country(r->mic));
}

static int rename_issuer(tl_brows *rows, const char *from, const char *to)
{
    if (!strcmp(from, to)) return 0;
    char *f = tl_strdup(from);
    if (!f) return -1;
    for (size_t i = 0; i < rows->n; i++)
        if (!strcmp(rows->r[i].issuer, f) && tl_set(&rows->r[i].issuer, to)) {
            free(f);
            return -1;
        }
    free(f);
    return 0;
}

/* The SEC issuer gathers the group. An SEC issuer whose country is known takes only listings
 * in that country (and Hong Kong for a Chinese one): the same name on another country's
 * exchange is a separately listed company (a national subsidiary with its own shareholders,
 * or an unrelated firm), which the rows of each country form. Unless the listing's own source
 * places its issuer in that country (Banco Santander's London line, domiciled in Spain) or
 * gives it the very name the SEC's line has, legal form and all ("Rio Tinto plc" in London,
 * where the screener's country for the ADR is Australia): a cross-listing, not a rival. */
static int join_sec(tl_brows *rows, const keyed *k, size_t i, size_t j)
{
    size_t target = k[i].row;
    for (size_t a = i; a < j; a++)
        if (!strncmp(rows->r[k[a].row].issuer, "cik:", 4)) {
            target = k[a].row;
            break;
        }
    char *to = tl_strdup(rows->r[target].issuer);
    if (!to) return -1;
    const tl_brow *tr = &rows->r[target];
    const char *home = tr->domicile;
    for (size_t a = i; a < j; a++) {
        const tl_brow *ra = &rows->r[k[a].row];
        const char *c = tl_mic_country(ra->mic);
        int joins = !home[0] || !strncmp(ra->issuer, "cik:", 4) || !strcmp(c, home) ||
                    !strcmp(c, "US") || (!strcmp(home, "CN") && !strcmp(c, "HK")) ||
                    !strcmp(ra->domicile, home) || !strcasecmp(ra->name, tr->name);
        if (!joins) {
            /* The first row of this country in the group gathers the others. */
            const char *own = NULL;
            for (size_t b = i; b < a && !own; b++) {
                const tl_brow *rb = &rows->r[k[b].row];
                if (strncmp(rb->issuer, "cik:", 4) && !strcmp(tl_mic_country(rb->mic), c) &&
                    strcmp(rb->issuer, to))
                    own = rb->issuer;
            }
            if (own && rename_issuer(rows, ra->issuer, own)) {
                free(to);
                return -1;
            }
            continue;
        }
        if (rename_issuer(rows, ra->issuer, to)) {
            free(to);
            return -1;
        }
    }
    free(to);
    return 0;
}

/* Whether two countries are one home for a company's lines: Hong Kong's and the mainland's
 * are (H shares, red chips). */
static int same_home(const char *a, const char *b)
{
    if (!strcmp(a, b)) return 1;
    return (!strcmp(a, "CN") && !strcmp(b, "HK")) || (!strcmp(a, "HK") && !strcmp(b, "CN"));
}

/* The last line of k[i..j) at home in country c, or SIZE_MAX. */
static size_t home_line(const tl_brows *rows, const keyed *k, size_t i, size_t j, const char *c)
{
    size_t h = SIZE_MAX;
    for (size_t a = i; a < j; a++)
        if (at_home(&rows->r[k[a].row]) && same_home(rows->r[k[a].row].domicile, c)) h = k[a].row;
    return h;
}

/* Without an SEC issuer the sources' countries decide. The company's country is the one
 * the group's lines give most: a line abroad that names its issuer's country counts twice
 * (a cross-listing says whose it is), a line at home once. A line at home in another
 * country is that country's company, whatever name the source gives it, with the other
 * lines at home there: "Siemens Aktiengesellschaft" on the NSE and the BSE is Siemens Ltd of
 * India, a listed subsidiary, and Sampo Oyj of Helsinki no Sampo Corporation of Taipei
 * (two companies of one name: the article must say which).
 * Every other line joins the company's home line (the last one; else the first line). */
static int join_by_home(tl_brows *rows, const keyed *k, size_t i, size_t j)
{
    const char *best = "";
    int best_n = 0;
    for (size_t a = i; a < j; a++) {
        const tl_brow *ra = &rows->r[k[a].row];
        if (!ra->domicile[0]) continue;
        int n = 0;
        for (size_t b = i; b < j; b++) {
            const tl_brow *rb = &rows->r[k[b].row];
            if (rb->domicile[0] && same_home(rb->domicile, ra->domicile)) n += at_home(rb) ? 1 : 2;
        }
        if (n >= best_n && home_line(rows, k, i, j, ra->domicile) != SIZE_MAX) {
            best = ra->domicile;
            best_n = n;
        }
    }
    size_t target = best[0] ? home_line(rows, k, i, j, best) : k[i].row;
    char *to = tl_strdup(rows->r[target].issuer);
    if (!to) return -1;
    for (size_t a = i; a < j; a++) {
        const tl_brow *ra = &rows->r[k[a].row];
        size_t h = SIZE_MAX;
        if (best[0] && at_home(ra) && !same_home(ra->domicile, best) &&
            strcmp(tl_mic_country(ra->mic), "US"))
            h = home_line(rows, k, i, j, ra->domicile);
        char *dest = h == SIZE_MAX ? to : tl_strdup(rows->r[h].issuer);
        int rc = !dest || rename_issuer(rows, ra->issuer, dest);
        /* The company's very name on another country's home line is the source's mislabel
         * of a subsidiary (Siemens Ltd as "Siemens Aktiengesellschaft"): it links by its
         * codes, never by the name, which stays the company's alone. */
        if (!rc && h != SIZE_MAX && !strcasecmp(ra->name, rows->r[target].name)) {
            char buf[600];
            snprintf(buf, sizeof buf, "!%s", ra->name);
            rc = tl_add_aliases(&rows->r[k[a].row], buf);
        }
        if (dest != to) free(dest);
        if (rc) {
            free(to);
            return -1;
        }
    }
    free(to);
    return 0;
}

/* Share classes on one exchange, and the same company on several exchanges (cross
 * listings, ADRs), carry the same normalized name: give them one issuer id. Only names
 * that no other issuer of the same source shares, so "China Life Insurance" joins its
 * Hong Kong, Shanghai and New York lines but two unrelated "Capital Corp"s stay apart. */
int tl_group_issuers(tl_brows *rows)
{
    keyed *k = malloc((rows->n ? rows->n : 1) * sizeof *k);
    if (!k) return -1;
    tl_toks toks = {0};
    size_t nk = 0;
    for (size_t i = 0; i < rows->n; i++) {
        tl_brow *r = &rows->r[i];
        /* Over-the-counter lines are left alone (shells and unrelated firms share big
         * names there), but an SEC issuer's own OTC line may gather its old exchange
         * listing below. */
        if (r->dropped || (!strcmp(r->mic, "OTCM") && strncmp(r->issuer, "cik:", 4))) continue;
        tl_name_key key[2];
        int n = tl_name_keys(r->name, strlen(r->name), &toks, key);
        if (n <= 0) continue;
        k[nk++] = (keyed){key[0].key, i, key[0].nwords};
    }
    tl_toks_free(&toks);
    qsort(k, nk, sizeof *k, cmp_keyed);
    /* An SEC issuer's OTC lines stay in a group only beside a company known from an old
     * snapshot of the same name: the company that left its exchange (China Life's NYSE
     * ADR, LFC until 2014, and its OTC line CILJF today). Elsewhere they are dropped from
     * the grouping, as all OTC lines were. */
    size_t kept = 0;
    for (size_t i = 0; i < nk;) {
        size_t j = i;
        while (j < nk && k[j].key == k[i].key) j++;
        for (size_t a = i; a < j; a++) {
            const tl_brow *ra = &rows->r[k[a].row];
            int keep = strcmp(ra->mic, "OTCM") != 0;
            for (size_t b = i; b < j && !keep; b++) {
                const tl_brow *rb = &rows->r[k[b].row];
                keep = is_snapshot_row(rb) && continues_symbol(ra->symbol, rb->symbol);
            }
            /* A snapshot's company that shares an exchange with today's line of the name
             * under another symbol stays apart (a former symbol, or a namesake: the
             * snapshot cannot tell), and no longer keeps the rest of the group from
             * joining (Mitsubishi UFJ's Tokyo line and its SEC issuer, beside its NYSE
             * receipt of 2016, MTU). */
            for (size_t b = i; b < j && keep && is_snapshot_row(ra); b++) {
                const tl_brow *rb = &rows->r[k[b].row];
                if (!is_snapshot_row(rb) && strcmp(rb->issuer, ra->issuer) &&
                    !strcmp(rb->mic, ra->mic) && !same_letters(rb->name, ra->name) &&
                    TL_SEC_IS_EQUITY(ra->type) && TL_SEC_IS_EQUITY(rb->type))
                    keep = 0;
            }
            if (keep) k[kept++] = k[a];
        }
        i = j;
    }
    nk = kept;
    for (size_t i = 0; i < nk;) {
        size_t j = i;
        while (j < nk && k[j].key == k[i].key) j++;
        /* Distinct issuers and exchanges in the group. */
        int ok = k[i].nwords >= 2 || j - i <= 6;
        size_t n_cik = 0, n_iss = 0;
        for (size_t a = i; a < j && ok; a++) {
            const tl_brow *ra = &rows->r[k[a].row];
            int seen = 0;
            for (size_t b = i; b < a; b++)
                if (!strcmp(rows->r[k[b].row].issuer, ra->issuer)) seen = 1;
            if (!seen) {
                n_iss++;
                if (!strncmp(ra->issuer, "cik:", 4)) n_cik++;
                /* Two different issuers listed on the same exchange under one name: an
                 * ambiguous name, not a cross-listing. */
                for (size_t b = i; b < a; b++) {
                    const tl_brow *rb = &rows->r[k[b].row];
                    /* A preferred or a note line of the name ("HSBC Holdings, plc.
                     * Perpetual Sub Cap Secs") is the company's debt, not a rival. */
                    if (strcmp(rb->issuer, ra->issuer) && !strcmp(rb->mic, ra->mic) &&
                        !same_letters(rb->name, ra->name) && TL_SEC_IS_EQUITY(ra->type) &&
                        TL_SEC_IS_EQUITY(rb->type))
                        ok = 0;
                }
            }
        }
        if (ok && n_iss > 1 && n_cik <= 1) {
            int rc = n_cik ? join_sec(rows, k, i, j) : join_by_home(rows, k, i, j);
            if (rc) {
                free(k);
                return -1;
            }
        }
        i = j;
    }
    free(k);
    return 0;
}
