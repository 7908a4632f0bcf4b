/* Rows in the table's own format (newspipe-listings(5)) for the importer (see
 * import_model.h): whole tables given with --tsv, and the curated rows of --aliases files
 * applied over the sources' rows (new listings, historical listings with validity dates,
 * aliases, issuer merges). Build-time code: clarity over speed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cli.h"
#include "import_model.h"
#include "../listings.h"

/* ---- plain TSV (newspipe-listings(5)) rows -------------------------------------------- */

typedef struct {
    char *f[TL_NCOLS];
    int line;
} trow;

/* Reads a TSV with a header line into rows of TL_NCOLS fields ("" when absent). The file's
 * validity is checked by loading it with the run-time loader first, so errors are
 * reported the same way. Returns the row count or -1. */
static int read_tsv(const char *path, char **textp, trow **rowsp, int need_name)
{
    if (need_name) {
        tl_table t;
        char err[512];
        const char *p = path;
        if (tl_table_load(&t, &p, 1, err, sizeof err)) {
            np_error("%s", err);
            return -1;
        }
        tl_table_free(&t);
    }
    np_buf b = {0};
    if (np_buf_read_file(&b, path) < 0) {
        np_error("%s: %s", path, strerror(errno));
        np_buf_free(&b);
        return -1;
    }
    trow *rows = NULL;
    int n = 0, cap = 0, col[TL_NCOLS], have_header = 0, line = 0;
    char *save = NULL;
    for (char *l = strtok_r(b.data, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t len = strlen(l);
        if (len && l[len - 1] == '\r') l[--len] = '\0';
        if (!len || l[0] == '#') continue;
        char *fs[64];
        int nf = 0;
        for (char *p = l;;) {
            if (nf == 64) break;
            fs[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (!have_header) {
            for (int c = 0; c < TL_NCOLS; c++) {
                col[c] = -1;
                for (int i = 0; i < nf; i++)
                    if (!strcmp(fs[i], tl_col_names[c])) col[c] = i;
            }
            if (col[TL_COL_ISSUER] < 0 && !need_name) {
                np_error("%s:%d: the curated file needs an issuer column", path, line);
                free(rows);
                np_buf_free(&b);
                return -1;
            }
            have_header = 1;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            trow *r = realloc(rows, (size_t)cap * sizeof *r);
            if (!r) {
                free(rows);
                np_buf_free(&b);
                return -1;
            }
            rows = r;
        }
        static char empty[1];
        for (int c = 0; c < TL_NCOLS; c++)
            rows[n].f[c] = col[c] >= 0 && col[c] < nf ? fs[col[c]] : empty;
        rows[n].line = line;
        if (!need_name && (!rows[n].f[TL_COL_ISSUER][0] ||
                           (!rows[n].f[TL_COL_SYMBOL][0]) != (!rows[n].f[TL_COL_MIC][0]))) {
            np_error("%s:%d: want an issuer, and a symbol and MIC together or neither", path, line);
            free(rows);
            np_buf_free(&b);
            return -1;
        }
        n++;
    }
    *textp = b.data;
    *rowsp = rows;
    return n;
}

static int apply_fields(tl_brow *r, const trow *t)
{
    if (t->f[TL_COL_RIC][0] && tl_set(&r->ric, t->f[TL_COL_RIC])) return -1;
    if (t->f[TL_COL_PRIMARY][0]) r->primary = t->f[TL_COL_PRIMARY][0] == '1';
    if (t->f[TL_COL_COUNTRY][0])
        snprintf(r->country, sizeof r->country, "%s", t->f[TL_COL_COUNTRY]);
    if (t->f[TL_COL_FROM][0]) snprintf(r->from, sizeof r->from, "%s", t->f[TL_COL_FROM]);
    if (t->f[TL_COL_TO][0]) snprintf(r->to, sizeof r->to, "%s", t->f[TL_COL_TO]);
    if (t->f[TL_COL_PRIOR][0]) r->prior = atoi(t->f[TL_COL_PRIOR]);
    if (t->f[TL_COL_NAME][0] && tl_set(&r->name, t->f[TL_COL_NAME])) return -1;
    for (int k = 0; t->f[TL_COL_TYPE][0] && k < TL_NSEC; k++)
        if (!strcmp(t->f[TL_COL_TYPE], tl_sec_names[k])) r->type = k;
    return 0;
}

int tl_add_tsv(tl_brows *rows, const char *path)
{
    char *text;
    trow *t;
    int n = read_tsv(path, &text, &t, 1);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        tl_brow *r = tl_brows_add(rows);
        if (!r) return -1;
        char id[96];
        snprintf(id, sizeof id, "%s:%s", t[i].f[TL_COL_MIC], t[i].f[TL_COL_SYMBOL]);
        r->issuer = tl_strdup(t[i].f[TL_COL_ISSUER][0] ? t[i].f[TL_COL_ISSUER] : id);
        r->symbol = tl_strdup(t[i].f[TL_COL_SYMBOL]);
        r->name = tl_strdup(t[i].f[TL_COL_NAME]);
        r->aliases = tl_strdup(t[i].f[TL_COL_ALIASES]);
        r->ric = tl_strdup("");
        r->domicile = tl_strdup(t[i].f[TL_COL_COUNTRY]);
        snprintf(r->mic, sizeof r->mic, "%s", t[i].f[TL_COL_MIC]);
        r->prior = 50;
        if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile ||
            apply_fields(r, &t[i]))
            return -1;
    }
    free(t);
    free(text);
    return 0;
}

/* ---- curated rows --------------------------------------------------------------------- */

/* A curated row moves listing r to issuer id, or dates it: the other current lines of r's
 * issuer on the same exchange under the same name are the same shares' further quotes
 * (FinanceDatabase's "UBSGEE" beside "UBSG") and follow it, with the row's start date; left
 * behind, they formed a second company with no dates, linked in news from before the listing
 * began, or stayed undated beside it when the sources had already put it on that issuer. */
static int follow_move(tl_brows *rows, const tl_brow *r, const char *id, const trow *c)
{
    char *old = tl_strdup(r->issuer), *nm = tl_strdup(r->name);
    int rc = old && nm ? 0 : -1;
    for (size_t k = 0; k < rows->n && rc == 0; k++) {
        tl_brow *x = &rows->r[k];
        if (x == r || x->dropped || x->to[0] || strcmp(x->issuer, old) || strcmp(x->mic, r->mic) ||
            strcasecmp(x->name, nm))
            continue;
        /* Within one issuer only a quote of the same code ("UBSGEE" of "UBSG"): another
         * code there is another line (DAI beside MBG, the code before a rename). */
        if (!strcmp(old, id) && strncmp(x->symbol, r->symbol, strlen(r->symbol))) continue;
        if (tl_set(&x->issuer, id)) rc = -1;
        if (c->f[TL_COL_FROM][0]) snprintf(x->from, sizeof x->from, "%s", c->f[TL_COL_FROM]);
        x->primary = 0;
    }
    free(old);
    free(nm);
    return rc;
}

int tl_apply_curated(tl_brows *rows, const char *path)
{
    char *text;
    trow *t;
    int n = read_tsv(path, &text, &t, 0);
    if (n < 0) return -1;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const trow *c = &t[i];
        const char *id = c->f[TL_COL_ISSUER];
        /* "@MIC:SYMBOL" names the issuer that has that listing, so the file need not spell
         * out CIKs and the like. */
        if (id[0] == '@') {
            const char *colon = strchr(id + 1, ':');
            const char *found = NULL;
            for (size_t k = 0; colon && k < rows->n && !found; k++) {
                tl_brow *x = &rows->r[k];
                if (!x->dropped && strlen(x->mic) == (size_t)(colon - id - 1) &&
                    !memcmp(x->mic, id + 1, (size_t)(colon - id - 1)) &&
                    !strcmp(x->symbol, colon + 1))
                    found = x->issuer;
            }
            if (!found) {
                /* The public files change; a curated row for a listing they no longer
                 * carry is skipped with a warning rather than failing the build. */
                np_error("%s:%d: warning: no listing %s; row skipped", path, c->line, id + 1);
                continue;
            }
            id = found;
        }
        if (!c->f[TL_COL_SYMBOL][0]) {
            /* Issuer-level: aliases, display name, prior, or a merge ("merge:OTHER-ID"
             * in the aliases column moves OTHER-ID's listings here). */
            int found = 0;
            for (size_t k = 0; k < rows->n; k++) {
                tl_brow *r = &rows->r[k];
                if (strcmp(r->issuer, id)) continue;
                if (!found && tl_add_aliases(r, c->f[TL_COL_ALIASES])) rc = -1;
                if (c->f[TL_COL_NAME][0] && tl_set(&r->name, c->f[TL_COL_NAME])) rc = -1;
                if (c->f[TL_COL_PRIOR][0]) r->prior = atoi(c->f[TL_COL_PRIOR]);
                if (c->f[TL_COL_COUNTRY][0] && tl_set(&r->domicile, c->f[TL_COL_COUNTRY])) rc = -1;
                found = 1;
            }
            if (!found) {
                np_error("%s:%d: no listing has issuer '%s' (give a symbol and MIC to add one)",
                         path, c->line, id);
                rc = -1;
            }
            continue;
        }
        /* A listing: a current one is matched by exchange and symbol (and moved to this
         * issuer); a historical one (valid_to given) only by issuer too. */
        tl_brow *r = NULL;
        int historical = c->f[TL_COL_TO][0] != '\0';
        for (size_t k = 0; k < rows->n && !r; k++) {
            tl_brow *x = &rows->r[k];
            if (x->dropped || strcmp(x->mic, c->f[TL_COL_MIC]) ||
                strcmp(x->symbol, c->f[TL_COL_SYMBOL]))
                continue;
            if (historical && strcmp(x->issuer, id)) continue;
            if (!historical && x->to[0]) continue;
            r = x;
        }
        const char *name = c->f[TL_COL_NAME];
        if (!name[0]) {
            for (size_t k = 0; k < rows->n; k++)
                if (!strcmp(rows->r[k].issuer, id)) {
                    name = rows->r[k].name;
                    break;
                }
            if (!name[0] && r) name = r->name;
        }
        if (!name[0]) {
            np_error("%s:%d: a new issuer '%s' needs a name", path, c->line, id);
            rc = -1;
            break;
        }
        if (!r) {
            r = tl_brows_add(rows);
            if (!r) {
                rc = -1;
                break;
            }
            r->symbol = tl_strdup(c->f[TL_COL_SYMBOL]);
            r->aliases = tl_strdup("");
            r->ric = tl_strdup("");
            r->domicile = tl_strdup("");
            r->name = tl_strdup(name);
            snprintf(r->mic, sizeof r->mic, "%s", c->f[TL_COL_MIC]);
            snprintf(r->country, sizeof r->country, "%s", tl_mic_country(c->f[TL_COL_MIC]));
            r->prior = 60;
            if (!r->symbol || !r->aliases || !r->ric || !r->domicile || !r->name) rc = -1;
        }
        if (!historical && r->issuer && (strcmp(r->issuer, id) || c->f[TL_COL_FROM][0]) &&
            follow_move(rows, r, id, c)) {
            rc = -1;
            break;
        }
        char *name_copy = tl_strdup(name);
        char *id_copy = tl_strdup(id);
        if (!name_copy || !id_copy || tl_set(&r->issuer, id_copy) || tl_set(&r->name, name_copy) ||
            apply_fields(r, c) || tl_add_aliases(r, c->f[TL_COL_ALIASES]))
            rc = -1;
        free(name_copy);
        free(id_copy);
    }
    free(t);
    free(text);
    return rc;
}
