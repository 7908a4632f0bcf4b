/* Weights file: "# comment" lines, then "version 2", "mmr X", "words N", "sentences N" and one
 * "w NAME X" per feature.
 * Names rather than positions, so a file from another build fails loudly instead of being
 * read with shifted meanings. */
#include "model.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "buf.h"
#include "cli.h"
#include "exitcode.h"

/* Splits line (changed) at spaces and tabs into at most max words; returns their count, or
 * max + 1 when there are more. */
static int split_words(char *line, char **w, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(line, " \t\r\n", &save); p; p = strtok_r(NULL, " \t\r\n", &save)) {
        if (n == max) return max + 1;
        w[n++] = p;
    }
    return n;
}

/* Reads one line's words into m; have[] and *seen track what was given. Returns 0, or -1 with
 * the reason in why. */
enum { SEEN_VERSION = 1, SEEN_MMR = 2, SEEN_WORDS = 4, SEEN_SENTENCES = 8 };
static int read_line(summ_model *m, char **w, int n, int *have, int *seen, char *why, size_t len)
{
    static const struct {
        const char *key;
        int bit;
    } keys[] = {{"version", SEEN_VERSION},
                {"mmr", SEEN_MMR},
                {"words", SEEN_WORDS},
                {"sentences", SEEN_SENTENCES}};
    uint64_t u;
    double v;
    if (!strcmp(w[0], "w")) {
        if (n != 3) return snprintf(why, len, "expected \"w NAME NUMBER\""), -1;
        int k = 0;
        while (k < SUMM_NFEAT && strcmp(summ_feature_names[k], w[1]) != 0) k++;
        if (k == SUMM_NFEAT) return snprintf(why, len, "unknown feature \"%s\"", w[1]), -1;
        if (have[k]) return snprintf(why, len, "feature \"%s\" given twice", w[1]), -1;
        if (np_parse_double(w[2], -1e6, 1e6, &v) < 0)
            return snprintf(why, len, "weight '%s' is not a finite number", w[2]), -1;
        m->w[k] = v;
        have[k] = 1;
        return 0;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strcmp(keys[i].key, w[0]) != 0) continue;
        if (n != 2) return snprintf(why, len, "expected \"%s\" and one number", w[0]), -1;
        if (*seen & keys[i].bit) return snprintf(why, len, "\"%s\" given twice", w[0]), -1;
        *seen |= keys[i].bit;
        if (keys[i].bit == SEEN_MMR) {
            if (np_parse_double(w[1], 0, 1e6, &v) < 0)
                return snprintf(why, len, "mmr '%s' is not a finite number >= 0", w[1]), -1;
            m->mmr = v;
            return 0;
        }
        if (np_parse_uint(w[1], 0, 100000, &u) < 0)
            return snprintf(why, len, "%s '%s' is not a whole number up to 100000", w[0], w[1]), -1;
        if (keys[i].bit == SEEN_VERSION && u != 2)
            return snprintf(why, len, "unsupported version %s", w[1]), -1;
        if (keys[i].bit == SEEN_WORDS) m->words = (size_t)u;
        if (keys[i].bit == SEEN_SENTENCES) m->sentences = (size_t)u;
        return 0;
    }
    return snprintf(why, len, "cannot read this line"), -1;
}

int summ_model_load(summ_model *m, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[512], why[256];
    int have[SUMM_NFEAT] = {0}, seen = 0, rc = 0;
    unsigned lineno = 0;
    memset(m, 0, sizeof *m);
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%u: line too long", path, lineno);
            rc = -1;
            break;
        }
        char *p = line + strspn(line, " \t");
        if (*p == '#') continue;
        char *w[4];
        int n = split_words(p, w, 3);
        if (n == 0) continue;
        if (n > 3 || read_line(m, w, n, have, &seen, why, sizeof why) < 0) {
            snprintf(err, errlen, "%s:%u: %s", path, lineno, n > 3 ? "cannot read this line" : why);
            rc = -1;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    fclose(f);
    if (rc) return rc;
    if (seen != (SEEN_VERSION | SEEN_MMR | SEEN_WORDS | SEEN_SENTENCES)) {
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
