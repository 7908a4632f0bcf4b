/* `newspipe-ticker-link import`: merges public listing sources and the curated alias file
 * into one newspipe-listings(5) table (see import.h). Steps: read the sources
 * (import_sources.c, import_intl.c, import_symdir.c, import_tsv.c); group share classes and
 * cross-listings of one issuer by identical normalized names (import_group.c); add the
 * names' short forms (import_variants.c) and mark the weak ones; apply the curated rows
 * (import_tsv.c: new listings, historical listings with validity dates, aliases, issuer
 * merges); choose a primary listing per issuer; write the table. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "buf.h"
#include "cli.h"
#include "exitcode.h"
#include "wordset.h"
#include "import_model.h"
#include "../listings.h"
#include "../names.h"
#include "../normalize.h"
#include "../words.h"

#define MAX_INPUTS 32

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: newspipe-ticker-link import [OPTION]... [-o FILE]\n"
                "Build a listings table (newspipe-listings(5)) from public source files.\n\n"
                "  --sec FILE          SEC company_tickers_exchange.json\n"
                "  --screener FILE:MIC Nasdaq screener JSON for one exchange (repeatable), read\n"
                "                      before --sec for exchange, security type and market cap\n"
                "  --symdir DIR:DATE   Nasdaq Trader symbol directory snapshot (nasdaqlisted.txt,\n"
                "                      otherlisted.txt) taken on DATE (repeatable, oldest first):\n"
                "                      security types, funds and notes, and the listings of\n"
                "                      companies no longer listed, with validity dates\n"
                "  --current DATE      the date of the current sources (--sec): a snapshot's\n"
                "                      company absent from them ends the day before\n"
                "  --sp500 FILE        S&P 500 constituents CSV (Symbol,Security,...,CIK)\n"
                "  --sp500-history FILE  S&P 500 membership intervals: former members' listings\n"
                "                      get the constituents' prior boost (needs --current)\n"
                "  --intl FILE         FinanceDatabase equities TSV (Yahoo symbols)\n"
                "  --intl-date DATE    the --intl file's date: its delisted lines become\n"
                "                      listings valid to the day before\n"
                "  --tsv FILE          a listings table in the newspipe-listings(5) format\n"
                "                      (repeatable; rows are taken as they are)\n"
                "  --aliases FILE      curated rows applied last (newspipe-listings(5), section\n"
                "                      CURATED FILE; repeatable, applied in order: the\n"
                "                      hand-written file, then learned pairs)\n"
                "  --weak-words FILE   words (one a line) that make a one-word name weak: linked\n"
                "                      only with supporting evidence (repeatable)\n"
                "  --place-words FILE  places (one a line): weak words too, and a large\n"
                "                      company's one-word form among them is a place form\n"
                "                      (\"^\": not supported by its own repetition; repeatable)\n"
                "  --name-words FILE   words (one a line) that make a company's whole one-word\n"
                "                      name weak, and nothing else (repeatable)\n"
                "  --form-places FILE  places (one a line) that make a smaller company's\n"
                "                      one-word short form a place form (\"^\") and its whole\n"
                "                      one-word name weak; a place of several words is no\n"
                "                      form or opening of a name (repeatable)\n"
                "  --people-words FILE people's names (one a line): a large company's first\n"
                "                      word among them is no form of its name (repeatable)\n"
                "  --note TEXT         a '#' comment line for the header (repeatable)\n"
                "  -o, --output FILE   write here, atomically (default standard output)\n"
                "  -h, --help          show this help\n");
}

/* ---- weak words ------------------------------------------------------------------------- */

/* Reads words (one per line) into h, folded, and the name keys of lines of several words
 * (places: "New Zealand") into phrases, or skips those lines when phrases is NULL; with places
 * (a file of places), its one-word lines into places too. */
static int read_words(const char *path, np_wordset *h, np_wordset *phrases, np_wordset *places)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        np_error("%s: %s", path, strerror(errno));
        return -1;
    }
    char line[512], fold[512];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        if (n && strchr(line, ' ')) {
            if (!phrases) continue;
            /* A place of several words ("New Zealand"): its name key. */
            tl_toks toks = {0};
            tl_name_key k[2];
            int nk = tl_name_keys(line, n, &toks, k);
            tl_toks_free(&toks);
            if (nk > 0 && np_wordset_add(phrases, k[0].key)) {
                fclose(f);
                return -1;
            }
            continue;
        }
        if (!n) continue;
        size_t m = tl_fold_word(line, n, fold, sizeof fold);
        if (m && (np_wordset_add(h, tl_word_hash(fold, m)) ||
                  (places && np_wordset_add(places, tl_word_hash(fold, m))))) {
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

/* Whether name key k (of the name s) is a rank, "No." and a number ("No.1 Co.,Ltd"): news
 * writes "the No.1 U.S. home improvement chain", not the company. */
static int rank_name(const tl_name_key *k, const char *s)
{
    if (k->nwords != 2 || k->words[0] != tl_word_hash("no", 2) || k->raw1[1] <= k->raw0[1])
        return 0;
    for (uint32_t c = k->raw0[1]; c < k->raw1[1]; c++)
        if (s[c] < '0' || s[c] > '9') return 0;
    return 1;
}

/* A one-word name that the registered name qualifies by a country in parentheses ("Veritas
 * (India) Limited", "Cosco (India) Limited"): the company of that word in that country, one
 * namesake among many, so the word alone is weak; the country before it supports it
 * ("India's Veritas"), as for any weak one-word name (choose.c). */
static int national_namesake(const tl_name_key *k, const char *name)
{
    if (k->nwords != 1) return 0;
    const char *p = name + k->raw1[0];
    while (*p == ' ') p++;
    if (*p != '(') return 0;
    const char *w = ++p;
    while (*p && *p != ')' && *p != ' ') p++;
    if (*p != ')' || p - w < 2 || p - w > 20) return 0;
    char fold[24];
    size_t n = tl_fold_word(w, (size_t)(p - w), fold, sizeof fold);
    return n > 0 && tl_word_nation(tl_word_hash(fold, n)) != NULL;
}

/* Names that are one common word or place ("Target", "Atlanta", "Next"), or a rank ("No.1"),
 * get a "~" alias, so they link only with support; a curated "+" alias of the same name still
 * wins. names_only: more words that weaken a whole one-word name only (--name-words), or
 * NULL. small_places: words that weaken a smaller company's whole one-word name
 * (--form-places: Wikipedia's place titles, also with a qualifier), or NULL: "Achilles'
 * heel", "The Sims", "Blade: Trinity", "Kingfisher lager" and Jeremy "Clarkson" are no
 * Achilles Corporation, Sims Ltd, Trinity Limited, Kingfisher plc or Clarkson PLC, whose
 * size no source gives. Not a large company's ("Oracle", "Corning": towns are named after
 * them). Measured: the dev folds, their gold and the seen sample the same; over the
 * unlabelled news of ../shared, 22 links fewer, 19 wrong by reading and 3 right (Pearson
 * twice, Kingfisher's chief executive); half 1 (not read while choosing) 11, 10 wrong.
 * place_phrases: Wikipedia's place titles of several words, which weaken a smaller company's
 * whole name ("Black Hills Corporation", "The Madison Square Garden Company", "Beijing
 * Capital International Airport Company Limited"), or NULL: news of the place names the
 * place; measured: the folds, their gold and the seen sample the same, the unlabelled news
 * 3 links fewer, each the place. */
static int mark_weak(tl_brows *rows, size_t from, const np_wordset *h, const np_wordset *names_only,
                     const np_wordset *small_places, const np_wordset *place_phrases)
{
    tl_toks toks = {0};
    tl_priors pr = {0};
    if ((small_places || place_phrases) && tl_priors_build(rows, &pr)) return -1;
    for (size_t i = from; i < rows->n; i++) {
        tl_brow *r = &rows->r[i];
        if (r->dropped) continue;
        char *names[64];
        int nn = 0;
        names[nn++] = r->name;
        char *copy = tl_strdup(r->aliases), *save = NULL;
        if (!copy) {
            tl_toks_free(&toks);
            tl_priors_free(&pr);
            return -1;
        }
        for (char *a = strtok_r(copy, "|", &save); a && nn < 64; a = strtok_r(NULL, "|", &save))
            if (a[0] != '~' && a[0] != '^' && a[0] != '+' && a[0] != '=' && a[0] != '!' &&
                a[0] != '*' && a[0] != '@')
                names[nn++] = a;
        for (int k = 0; k < nn; k++) {
            tl_name_key key[2];
            int nk = tl_name_keys(names[k], strlen(names[k]), &toks, key);
            if (nk <= 0) continue;
            int one = key[0].nwords == 1 &&
                      (np_wordset_has(h, key[0].words[0]) ||
                       (names_only && np_wordset_has(names_only, key[0].words[0])) ||
                       (small_places && np_wordset_has(small_places, key[0].words[0]) &&
                        tl_priors_get(&pr, r->issuer) < TL_PRIOR_STRONG_NAME));
            /* A name of several words that is a place's title ("Black Hills Corporation":
             * "the majestic Black Hills"). */
            int place = key[0].nwords > 1 && place_phrases &&
                        np_wordset_has(place_phrases, key[0].key) &&
                        tl_priors_get(&pr, r->issuer) < TL_PRIOR_STRONG_NAME;
            if (!one && !place && !rank_name(&key[0], names[k]) &&
                !national_namesake(&key[0], names[k]))
                continue;
            char buf[600];
            snprintf(buf, sizeof buf, "~%s", names[k]);
            if (tl_add_aliases(r, buf)) {
                free(copy);
                tl_toks_free(&toks);
                tl_priors_free(&pr);
                return -1;
            }
        }
        free(copy);
    }
    tl_toks_free(&toks);
    tl_priors_free(&pr);
    return 0;
}

/* ---- one listing, two rows -------------------------------------------------------------- */

static int cmp_row_listing(const void *a, const void *b, void *arg)
{
    const tl_brow *r = arg, *x = &r[*(const size_t *)a], *y = &r[*(const size_t *)b];
    int c = strcmp(x->mic, y->mic);
    return c ? c : strcmp(x->symbol, y->symbol);
}

/* Whether one of name's keys (full, short) is a key of s[0..n). */
static int same_key(const tl_name_key *a, int na, const char *s, size_t n, tl_toks *toks)
{
    tl_name_key b[2];
    int nb = tl_name_keys(s, n, toks, b);
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (a[i].key == b[j].key) return 1;
    return 0;
}

/* Whether name is the name or one of the aliases of a row of D's issuer (a '!' or '@' entry
 * is none): the aliases sit on one of the issuer's rows. */
static int names_agree(const char *name, const tl_brows *rows, const tl_brow *D, tl_toks *toks)
{
    tl_name_key a[2];
    int na = tl_name_keys(name, strlen(name), toks, a);
    if (na <= 0) return 0;
    for (size_t i = 0; i < rows->n; i++) {
        const tl_brow *r = &rows->r[i];
        if (r->dropped || strcmp(r->issuer, D->issuer)) continue;
        if (same_key(a, na, r->name, strlen(r->name), toks)) return 1;
        for (const char *q = r->aliases; q && *q;) {
            size_t len = strcspn(q, "|");
            const char *p = q;
            while (p < q + len && strchr("~^+=*", *p)) p++;
            if (p < q + len && *p != '!' && *p != '@' &&
                same_key(a, na, p, (size_t)(q + len - p), toks))
                return 1;
            q += len + (q[len] == '|');
        }
    }
    return 0;
}

/* A US line known only from the symbol directories has no start date: it held its symbol
 * when a snapshot was taken, from some day before. When another row holds the same symbol on
 * the same exchange on that snapshot's day with a start date (a curated row, the SEC line of
 * the company under its later name), the two are one listing, and that date is the line's
 * start too: "Twitter, Inc." of the 2016 directory is not valid in October 2013, before the
 * IPO its dated row gives. Run after the curated rows. Returns 0 or -1 (out of memory). */
static int date_directory_lines(tl_brows *rows)
{
    size_t *idx = malloc((rows->n ? rows->n : 1) * sizeof *idx), m = 0;
    tl_toks toks = {0};
    if (!idx) return -1;
    for (size_t i = 0; i < rows->n; i++)
        if (!rows->r[i].dropped && rows->r[i].symbol && rows->r[i].symbol[0]) idx[m++] = i;
    qsort_r(idx, m, sizeof *idx, cmp_row_listing, rows->r);
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && !cmp_row_listing(&idx[a], &idx[b], rows->r); b++) {
        }
        for (size_t u = a; u < b; u++) {
            tl_brow *U = &rows->r[idx[u]];
            const char *seen = U->from[0] ? NULL : tl_symdir_first_date(U->symbol);
            if (!seen) continue;
            const char *start = NULL;
            for (size_t d = a; d < b; d++) {
                const tl_brow *D = &rows->r[idx[d]];
                if (d == u || !D->from[0] || strcmp(D->from, seen) > 0 ||
                    (D->to[0] && strcmp(D->to, seen) < 0) || !names_agree(U->name, rows, D, &toks))
                    continue;
                if (!start || strcmp(D->from, start) < 0) start = D->from;
            }
            if (start) memcpy(U->from, start, sizeof U->from);
        }
    }
    free(idx);
    tl_toks_free(&toks);
    return 0;
}

/* ---- output --------------------------------------------------------------------------- */

static int cmp_issuer(const void *a, const void *b, void *arg)
{
    const tl_brows *rows = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(rows->r[x].issuer, rows->r[y].issuer);
    if (c) return c;
    /* An issuer's first row names it (the linker prints that name): an exchange line's
     * name ("Canon Inc."), not the SEC's OTC line's ("CANON INC"), when it has both. */
    int ox = !strcmp(rows->r[x].mic, "OTCM"), oy = !strcmp(rows->r[y].mic, "OTCM");
    if (ox != oy) return ox - oy;
    return (x > y) - (x < y);
}

static void put_clean(np_buf *o, const char *s)
{
    for (; *s; s++) np_buf_putc(o, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

/* A field of the table, without blanks at either end: sources pad names ("Shell plc " in
 * the screener), and the linker printed them so. */
static void put_field(np_buf *o, const char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    while (n && isspace((unsigned char)*s)) s++, n--;
    for (; n; s++, n--) np_buf_putc(o, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

/* Chooses one primary listing per issuer among its current rows, unless curated. */
static void choose_primary(tl_brows *rows, const size_t *idx, size_t a, size_t b)
{
    int set = 0;
    for (size_t k = a; k < b; k++) {
        tl_brow *r = &rows->r[idx[k]];
        if (r->primary >= 0 && !r->to[0]) set |= r->primary == 1;
    }
    size_t best = b;
    int best_rank = -1;
    for (size_t k = a; k < b; k++) {
        tl_brow *r = &rows->r[idx[k]];
        if (r->dropped || r->to[0]) continue;
        const char *dom = r->domicile[0] ? r->domicile : "";
        int rank = 0;
        if (strcmp(r->mic, "OTCM")) rank += 4;
        if (!r->adr) rank += 2;
        if (TL_SEC_IS_EQUITY(r->type)) rank += 16;
        /* FinanceDatabase lists some lines under their ISIN ("FR0000140022"): the
         * exchange's own symbol is the one news writes. */
        if (!(strlen(r->symbol) == 12 && r->symbol[0] >= 'A' && r->symbol[0] <= 'Z' &&
              r->symbol[1] >= 'A' && r->symbol[1] <= 'Z' && r->symbol[2] >= '0' &&
              r->symbol[2] <= '9'))
            rank += 1;
        if (dom[0] && !strcmp(dom, tl_mic_country(r->mic))) rank += 8;
        /* Ties: the line a Reuters code is known for (ING's "INGA", not its perpetuals'
         * "IGPA"; Volvo's B shares); else the first. Not a code without a dash: "-A" and
         * "-B" are share classes in Toronto, Stockholm and Copenhagen, and often the traded
         * one ("CTC-A", "IDUN-B"), as London's "BT-A" is BT's shares. */
        rank = rank * 2 + (r->ric[0] ? 1 : 0);
        if (rank > best_rank) {
            best = k;
            best_rank = rank;
        }
    }
    for (size_t k = a; k < b; k++) {
        tl_brow *r = &rows->r[idx[k]];
        if (r->primary < 0) r->primary = !set && k == best;
    }
}

static int write_table(tl_brows *rows, const char *const *notes, int nnotes, np_buf *o)
{
    size_t *idx = malloc((rows->n ? rows->n : 1) * sizeof *idx);
    if (!idx) return -1;
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (!rows->r[i].dropped) idx[n++] = i;
    qsort_r(idx, n, sizeof *idx, cmp_issuer, rows);
    np_buf_puts(o, "# newspipe-listings 1 (see newspipe-listings(5))\n");
    for (int i = 0; i < nnotes; i++) {
        np_buf_puts(o, "# ");
        put_clean(o, notes[i]);
        np_buf_putc(o, '\n');
    }
    for (int c = 0; c < TL_NCOLS; c++) {
        np_buf_puts(o, tl_col_names[c]);
        np_buf_putc(o, c + 1 < TL_NCOLS ? '\t' : '\n');
    }
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && !strcmp(rows->r[idx[b]].issuer, rows->r[idx[a]].issuer)) b++;
        choose_primary(rows, idx, a, b);
        int prior = 0;
        const char *dom = "";
        for (size_t k = a; k < b; k++) {
            if (rows->r[idx[k]].prior > prior) prior = rows->r[idx[k]].prior;
            if (!dom[0] && rows->r[idx[k]].domicile[0]) dom = rows->r[idx[k]].domicile;
        }
        /* Aliases of the whole issuer go on its first row, without repeats. */
        np_buf al = {0};
        for (size_t k = a; k < b; k++) {
            char *s = rows->r[idx[k]].aliases, *save = NULL;
            char *copy = tl_strdup(s);
            for (char *x = copy ? strtok_r(copy, "|", &save) : NULL; x;
                 x = strtok_r(NULL, "|", &save)) {
                int dup = 0;
                size_t xl = strlen(x);
                for (const char *p = al.data; p && *p;) {
                    const char *e = strchr(p, '|');
                    size_t pl = e ? (size_t)(e - p) : strlen(p);
                    if (pl == xl && !memcmp(p, x, xl)) dup = 1;
                    p = e ? e + 1 : p + pl;
                }
                if (!dup) {
                    if (al.len) np_buf_putc(&al, '|');
                    np_buf_puts(&al, x);
                }
            }
            free(copy);
        }
        for (size_t k = a; k < b; k++) {
            tl_brow *r = &rows->r[idx[k]];
            int dup = 0;
            for (size_t q = a; q < k; q++) {
                tl_brow *p = &rows->r[idx[q]];
                if (!strcmp(p->mic, r->mic) && !strcmp(p->symbol, r->symbol) &&
                    !strcmp(p->to, r->to))
                    dup = 1;
            }
            if (dup) continue;
            const char *f[TL_NCOLS];
            char pr[16], pri[16];
            snprintf(pr, sizeof pr, "%d", r->primary > 0);
            snprintf(pri, sizeof pri, "%d", prior);
            f[TL_COL_ISSUER] = r->issuer;
            f[TL_COL_SYMBOL] = r->symbol;
            f[TL_COL_MIC] = r->mic;
            f[TL_COL_RIC] = r->ric;
            f[TL_COL_PRIMARY] = pr;
            f[TL_COL_COUNTRY] = dom[0] ? dom : r->country;
            f[TL_COL_FROM] = r->from;
            f[TL_COL_TO] = r->to;
            f[TL_COL_PRIOR] = pri;
            f[TL_COL_NAME] = r->name;
            f[TL_COL_ALIASES] = k == a && al.data ? al.data : "";
            f[TL_COL_TYPE] = r->type > 0 && r->type < TL_NSEC ? tl_sec_names[r->type] : "";
            for (int c = 0; c < TL_NCOLS; c++) {
                put_field(o, f[c]);
                np_buf_putc(o, c + 1 < TL_NCOLS ? '\t' : '\n');
            }
        }
        np_buf_free(&al);
        a = b;
    }
    free(idx);
    return np_buf_reserve(o, 1);
}

/* What `import` was asked for: the sources and lists by option (borrowed from argv). */
typedef struct {
    const char *sec, *sp500, *sp500_history, *intl, *intl_date, *output, *current;
    const char *aliases[MAX_INPUTS], *screener[MAX_INPUTS], *tsv[MAX_INPUTS], *notes[MAX_INPUTS],
        *weak[MAX_INPUTS], *place[MAX_INPUTS], *nameword[MAX_INPUTS], *formplace[MAX_INPUTS],
        *people[MAX_INPUTS], *symdir[MAX_INPUTS];
    int naliases, nscreener, ntsv, nnotes, nweak, nplace, nname, nformplace, npeople, nsymdir;
} import_args;

/* Reads the options into *a. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, import_args *a)
{
    memset(a, 0, sizeof *a);
    /* Each option sets one value, or adds to a list of at most MAX_INPUTS (repeatable). */
    const struct {
        const char *name;
        const char **one, **list;
        int *n;
    } opts[] = {
        {"--sec", &a->sec, NULL, NULL},
        {"--sp500", &a->sp500, NULL, NULL},
        {"--sp500-history", &a->sp500_history, NULL, NULL},
        {"--intl", &a->intl, NULL, NULL},
        {"--intl-date", &a->intl_date, NULL, NULL},
        {"-o", &a->output, NULL, NULL},
        {"--output", &a->output, NULL, NULL},
        {"--current", &a->current, NULL, NULL},
        {"--aliases", NULL, a->aliases, &a->naliases},
        {"--screener", NULL, a->screener, &a->nscreener},
        {"--symdir", NULL, a->symdir, &a->nsymdir},
        {"--tsv", NULL, a->tsv, &a->ntsv},
        {"--note", NULL, a->notes, &a->nnotes},
        {"--weak-words", NULL, a->weak, &a->nweak},
        {"--place-words", NULL, a->place, &a->nplace},
        {"--name-words", NULL, a->nameword, &a->nname},
        {"--form-places", NULL, a->formplace, &a->nformplace},
        {"--people-words", NULL, a->people, &a->npeople},
    };
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return NP_EX_OK;
        }
        if (!v) {
            if (!strncmp(o, "-", 1))
                np_error("%s: missing argument", o);
            else
                np_error("unexpected argument '%s'", o);
            usage(stderr);
            return NP_EX_USAGE;
        }
        size_t k = 0;
        while (k < sizeof opts / sizeof *opts && strcmp(o, opts[k].name)) k++;
        if (k == sizeof opts / sizeof *opts) {
            np_error("unknown option '%s'", o);
            usage(stderr);
            return NP_EX_USAGE;
        }
        if (opts[k].one) {
            *opts[k].one = v;
        } else if (*opts[k].n == MAX_INPUTS) {
            np_error("%s: given more than %d times", o, MAX_INPUTS);
            return NP_EX_USAGE;
        } else {
            opts[k].list[(*opts[k].n)++] = v;
        }
        i++;
    }
    if (!a->sec && !a->intl && !a->ntsv && !a->naliases) {
        np_error("no source given");
        usage(stderr);
        return NP_EX_USAGE;
    }
    int32_t day;
    const char *dates[2][2] = {{"--intl-date", a->intl_date}, {"--current", a->current}};
    for (int k = 0; k < 2; k++) {
        const char *v = dates[k][1];
        if (v && (strlen(v) != 10 || tl_parse_day(v, 10, &day))) {
            np_error("%s %s: want YYYY-MM-DD", dates[k][0], v);
            usage(stderr);
            return NP_EX_USAGE;
        }
    }
    return -1;
}

/* Splits "PATH:SUFFIX" at its last colon into path (cap bytes). Returns the suffix, or NULL. */
static const char *split_colon(const char *arg, char *path, size_t cap)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || (size_t)(colon - arg) >= cap) return NULL;
    memcpy(path, arg, (size_t)(colon - arg));
    path[colon - arg] = '\0';
    return colon + 1;
}

/* Reads every source into rows, then dates and groups them. Returns the exit status. */
static int read_sources(const import_args *a, tl_brows *rows)
{
    char path[4096];
    for (int i = 0; i < a->nscreener; i++) {
        const char *mic = split_colon(a->screener[i], path, sizeof path);
        if (!mic || strlen(mic) != 4) {
            np_error("--screener %s: want FILE:MIC, e.g. nyse.json:XNYS", a->screener[i]);
            return NP_EX_USAGE;
        }
        if (tl_read_screener(path, mic)) return NP_EX_DATAERR;
    }
    for (int i = 0; i < a->nsymdir; i++) {
        const char *date = split_colon(a->symdir[i], path, sizeof path);
        if (!date) {
            np_error("--symdir %s: want DIR:YYYY-MM-DD", a->symdir[i]);
            return NP_EX_USAGE;
        }
        if (tl_read_symdir(path, date)) return NP_EX_DATAERR;
    }
    if ((a->nsymdir || a->sp500_history) && !a->current) {
        np_error("%s needs --current DATE (the date of the current sources)",
                 a->nsymdir ? "--symdir" : "--sp500-history");
        return NP_EX_USAGE;
    }
    if (a->sec && tl_read_sec(a->sec, rows)) return NP_EX_DATAERR;
    if (a->sp500 && tl_read_sp500(a->sp500, rows)) return NP_EX_DATAERR;
    if (a->intl && tl_read_intl(a->intl, a->intl_date, rows)) return NP_EX_DATAERR;
    for (int i = 0; i < a->ntsv; i++)
        if (tl_add_tsv(rows, a->tsv[i])) return NP_EX_CONFIG;
    if (a->nsymdir && tl_symdir_rows(rows, a->current)) return NP_EX_SOFTWARE;
    if (a->sp500_history && tl_read_sp500_history(a->sp500_history, rows, a->current))
        return NP_EX_DATAERR;
    if (tl_group_issuers(rows) || tl_cik_date_new_lines(rows) || tl_date_new_symbols(rows))
        return NP_EX_SOFTWARE;
    return NP_EX_OK;
}

/* The word lists that make names weak (see mark_weak), read once for both of its passes. */
typedef struct {
    np_wordset h, nw, fp, fph;
    int marking; /* any list given */
} weak_lists;

/* mark_weak over rows from index `from`, with the lists the options gave. */
static int mark_from(tl_brows *rows, size_t from, const import_args *a, weak_lists *w)
{
    return mark_weak(rows, from, &w->h, a->nname ? &w->nw : NULL, a->nformplace ? &w->fp : NULL,
                     a->nformplace || a->nplace ? &w->fph : NULL);
}

/* Reads the word lists, derives the sources' name variants and marks their weak names.
 * Returns the exit status. */
static int derive_names(const import_args *a, tl_brows *rows, weak_lists *w)
{
    np_wordset ph = {0}, pw = {0}, pn = {0};
    int rc = NP_EX_OK;
    for (int i = 0; i < a->nweak && rc == NP_EX_OK; i++)
        if (read_words(a->weak[i], &w->h, &ph, NULL)) rc = NP_EX_NOINPUT;
    /* The places of several words ("North West", a region of England) weaken a smaller
     * company's whole name as Wikipedia's place titles do (mark_weak: "The North West
     * Company Inc."). */
    for (int i = 0; i < a->nplace && rc == NP_EX_OK; i++)
        if (read_words(a->place[i], &w->h, &ph, &pw) ||
            read_words(a->place[i], &w->h, &w->fph, NULL))
            rc = NP_EX_NOINPUT;
    for (int i = 0; i < a->nname && rc == NP_EX_OK; i++)
        if (read_words(a->nameword[i], &w->nw, NULL, NULL)) rc = NP_EX_NOINPUT;
    for (int i = 0; i < a->nformplace && rc == NP_EX_OK; i++)
        if (read_words(a->formplace[i], &w->fp, &w->fph, NULL)) rc = NP_EX_NOINPUT;
    for (int i = 0; i < a->npeople && rc == NP_EX_OK; i++)
        if (read_words(a->people[i], &pn, NULL, NULL)) rc = NP_EX_NOINPUT;
    int words = a->nweak + a->nplace > 0;
    tl_form_lists lists = {words ? &w->h : NULL,           words ? &ph : NULL,
                           a->nplace ? &pw : NULL,         a->nformplace ? &w->fp : NULL,
                           a->nformplace ? &w->fph : NULL, a->npeople ? &pn : NULL};
    if (rc == NP_EX_OK && tl_name_variants(rows, &lists)) rc = NP_EX_SOFTWARE;
    np_wordset_free(&ph);
    np_wordset_free(&pw);
    np_wordset_free(&pn);
    w->marking = words || a->nname || a->nformplace;
    if (rc == NP_EX_OK && w->marking && mark_from(rows, 0, a, w)) rc = NP_EX_SOFTWARE;
    return rc;
}

/* Writes the table to -o FILE (atomically) or standard output. Returns the exit status. */
static int write_out(const import_args *a, tl_brows *rows)
{
    np_buf out = {0};
    int rc = write_table(rows, a->notes, a->nnotes, &out) ? NP_EX_SOFTWARE : NP_EX_OK;
    if (rc == NP_EX_OK) rc = np_write_result(a->output, out.data, out.len);
    np_buf_free(&out);
    return rc;
}

int tl_import_main(int argc, char **argv)
{
    import_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) return rc;
    tl_brows rows = {0};
    weak_lists w = {0};
    rc = read_sources(&a, &rows);
    if (rc == NP_EX_OK) rc = derive_names(&a, &rows, &w);
    size_t sourced = rows.n;
    for (int i = 0; i < a.naliases && rc == NP_EX_OK; i++)
        if (tl_apply_curated(&rows, a.aliases[i])) rc = NP_EX_CONFIG;
    /* The curated file's own listings (ones the sources lack) are weighed as the sources'
     * are: "Empire Co Ltd" is the word "empire", so "+Empire Co" makes only the name with
     * its legal form strong, not the television series. */
    if (rc == NP_EX_OK && w.marking && mark_from(&rows, sourced, &a, &w)) rc = NP_EX_SOFTWARE;
    np_wordset_free(&w.h);
    np_wordset_free(&w.nw);
    np_wordset_free(&w.fp);
    np_wordset_free(&w.fph);
    if (rc == NP_EX_OK && a.nsymdir && date_directory_lines(&rows)) rc = NP_EX_SOFTWARE;
    if (rc == NP_EX_OK) rc = write_out(&a, &rows);
    tl_brows_free(&rows);
    tl_screener_free();
    tl_symdir_free();
    return rc;
}
