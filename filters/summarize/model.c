/* Weights file: "# comment" lines, then "version 2", "mmr X", "words N", "sentences N" and one
 * "w NAME X" per feature.
 * Names rather than positions, so a file from another build fails loudly instead of being
 * read with shifted meanings. */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "buf.h"
#include "exitcode.h"

int summ_model_load(summ_model *m, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[512];
    int have[SUMM_NFEAT] = {0}, version = 0, have_mmr = 0, have_len = 0, rc = 0;
    unsigned lineno = 0;
    memset(m, 0, sizeof *m);
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char name[64];
        double v;
        unsigned long u;
        char *p = line + strspn(line, " \t");
        if (*p == '#' || *p == '\n' || *p == '\0') continue;
        if (sscanf(p, "version %d", &version) == 1) {
            if (version != 2) {
                snprintf(err, errlen, "%s:%u: unsupported version %d", path, lineno, version);
                rc = -1;
            }
        } else if (sscanf(p, "mmr %lf", &v) == 1) {
            m->mmr = v;
            have_mmr = 1;
        } else if (sscanf(p, "words %lu", &u) == 1 && u <= 100000) {
            m->words = u;
            have_len |= 1;
        } else if (sscanf(p, "sentences %lu", &u) == 1 && u <= 100000) {
            m->sentences = u;
            have_len |= 2;
        } else if (sscanf(p, "w %63s %lf", name, &v) == 2) {
            int k = 0;
            while (k < SUMM_NFEAT && strcmp(summ_feature_names[k], name) != 0) k++;
            if (k == SUMM_NFEAT) {
                snprintf(err, errlen, "%s:%u: unknown feature \"%s\"", path, lineno, name);
                rc = -1;
            } else {
                m->w[k] = v;
                have[k] = 1;
            }
        } else {
            snprintf(err, errlen, "%s:%u: cannot read this line", path, lineno);
            rc = -1;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    fclose(f);
    if (rc) return rc;
    if (version != 2 || !have_mmr || have_len != 3) {
        snprintf(err, errlen,
                 "%s: not a summarize weights file (no version 2, mmr, words or sentences line)",
                 path);
        return -1;
    }
    for (int k = 0; k < SUMM_NFEAT; k++)
        if (!have[k]) {
            snprintf(err, errlen, "%s: no weight for feature \"%s\"", path, summ_feature_names[k]);
            return -1;
        }
    return 0;
}

int summ_model_save(const summ_model *m, const char *path, const char *comment)
{
    np_buf b = {0};
    int rc = 0;
    const char *c = comment;
    while (c && *c) {
        size_t n = strcspn(c, "\n");
        rc |= np_buf_puts(&b, "# ");
        rc |= np_buf_append(&b, c, n);
        rc |= np_buf_putc(&b, '\n');
        c += n + (c[n] == '\n');
    }
    rc |= np_buf_printf(&b, "version 2\nmmr %.9g\nwords %zu\nsentences %zu\n", m->mmr, m->words,
                        m->sentences);
    for (int k = 0; k < SUMM_NFEAT; k++)
        rc |= np_buf_printf(&b, "w %s %.9g\n", summ_feature_names[k], m->w[k]);
    if (rc) {
        np_buf_free(&b);
        errno = ENOMEM;
        return NP_EX_SOFTWARE;
    }
    rc = np_atomic_write_file(path, b.data, b.len);
    int saved = errno;
    np_buf_free(&b);
    errno = saved;
    return rc;
}
