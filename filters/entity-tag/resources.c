/* Gazetteer and cluster loading for the trainer (see resources.h). Names are tokenized with
 * the same tokenizer as the text they will be matched against. */
#include "resources.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"

static const char *const cat_names[ETAG_GAZ_NCAT] = {"org",    "country", "city",
                                                     "region", "first",   "misc"};

int etag_gaz_category(const char *name)
{
    for (int c = 0; c < ETAG_GAZ_NCAT; c++)
        if (strcmp(cat_names[c], name) == 0) return c;
    return strcmp(name, "orgname") == 0 ? ETAG_GAZ_ORGNAME : -1;
}

int etag_resources_add_gazetteer(etag_resource_builder *b, int cat, const char *path, char *err,
                                 size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    np_tokens toks = {0};
    np_buf scratch = {0};
    int rc = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (n == 0 || line[0] == '#') continue;
        if (np_tokenize(line, (size_t)n, &toks) < 0) {
            rc = -1;
            break;
        }
        if (toks.n == 0 || toks.n > ETAG_GAZ_MAXLEN) continue;
        uint64_t key = 0;
        for (size_t i = 0; i < toks.n; i++) {
            uint64_t w =
                etag_word_key(line + toks.t[i].start, toks.t[i].end - toks.t[i].start, &scratch);
            key = etag_gaz_chain(key, w);
            uint32_t bits = i + 1 == toks.n ? 1u << cat : ETAG_GAZ_PREFIX;
            if (etag_lexicon_or(&b->gaz, key, bits) < 0) {
                rc = -1;
                break;
            }
        }
        if (rc < 0) break;
        b->gaz_entries++;
    }
    if (rc < 0)
        snprintf(err, errlen, "%s: out of memory", path);
    else if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(line);
    np_tokens_free(&toks);
    np_buf_free(&scratch);
    fclose(f);
    return rc;
}

int etag_resources_add_clusters(etag_resource_builder *b, const char *path, char *err,
                                size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    np_buf scratch = {0};
    int rc = 0;
    unsigned long lineno = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (n == 0 || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            snprintf(err, errlen, "%s:%lu: expected word<TAB>class...", path, lineno);
            rc = -1;
            break;
        }
        /* up to three class ids (granularities up to 64, 256, 1024), packed */
        static const unsigned width[3] = {6, 8, 10}, shift[3] = {0, 6, 14};
        uint32_t v = 1u << 31;
        char *p = tab;
        for (int g = 0; g < 3 && p && *p == '\t'; g++) {
            char *end;
            unsigned long id = strtoul(p + 1, &end, 10);
            if (end == p + 1 || id >= (1ul << width[g])) {
                snprintf(err, errlen, "%s:%lu: bad class id", path, lineno);
                rc = -1;
                break;
            }
            v |= (uint32_t)id << shift[g];
            p = end;
        }
        if (rc < 0) break;
        if (etag_lexicon_set(&b->clusters, etag_word_key(line, (size_t)(tab - line), &scratch), v) <
            0) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = -1;
            break;
        }
    }
    free(line);
    np_buf_free(&scratch);
    fclose(f);
    return rc;
}

etag_resources etag_resources_view(const etag_resource_builder *b)
{
    etag_resources r = {etag_lexicon_view(&b->gaz), etag_lexicon_view(&b->clusters)};
    return r;
}

void etag_resources_builder_free(etag_resource_builder *b)
{
    etag_lexicon_builder_free(&b->gaz);
    etag_lexicon_builder_free(&b->clusters);
}
