/* Gazetteer and cluster loading for the trainer (see resources.h). Names are tokenized with
 * the same tokenizer as the text they will be matched against. */
#include "resources.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"
#include "utf8.h"

static const char *const cat_names[ETAG_GAZ_NCAT] = {
    "org", "country", "city", "region", "first", "misc", "wikiorg", "wikiloc", "person"};

int etag_gaz_category(const char *name)
{
    for (int c = 0; c < ETAG_GAZ_NCAT; c++)
        if (strcmp(cat_names[c], name) == 0) return c;
    if (strcmp(name, "orgname") == 0) return ETAG_GAZ_ORGNAME;
    if (strcmp(name, "acronym") == 0) return ETAG_GAZ_ACRONYM;
    if (strcmp(name, "coded") == 0) return ETAG_GAZ_CODED;
    return strcmp(name, "lower") == 0 ? ETAG_GAZ_LOWER : -1;
}

/* Decodes the HTML entities Wikipedia titles carry (&amp; &quot; &apos; &lt; &gt; &#N;
 * &#xN;) in s[0..n) in place; returns the new length. Unknown entities stay as they are. */
static size_t decode_entities(char *s, size_t n)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}, {"lt;", '<'}, {"gt;", '>'}};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            s[o++] = s[i++];
            continue;
        }
        size_t k = 0;
        for (; k < sizeof named / sizeof *named; k++) {
            size_t l = strlen(named[k].name);
            if (i + 1 + l <= n && memcmp(s + i + 1, named[k].name, l) == 0) {
                s[o++] = named[k].c;
                i += 1 + l;
                break;
            }
        }
        if (k < sizeof named / sizeof *named) continue;
        if (i + 2 < n && s[i + 1] == '#') {
            int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            size_t j = i + 2 + (size_t)hex;
            unsigned long cp = 0;
            size_t digits = 0;
            while (j < n && digits < 7 &&
                   ((s[j] >= '0' && s[j] <= '9') ||
                    (hex && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'f')))) {
                int d = s[j] <= '9' ? s[j] - '0' : (s[j] | 0x20) - 'a' + 10;
                cp = cp * (hex ? 16 : 10) + (unsigned long)d;
                j++;
                digits++;
            }
            if (digits && j < n && s[j] == ';' && cp >= 0x20 && cp <= 0x10FFFF &&
                (cp < 0xD800 || cp > 0xDFFF)) {
                char enc[4];
                size_t l = np_utf8_encode((uint32_t)cp, enc);
                if (l <= j + 1 - i) { /* never longer than the entity it replaces */
                    memcpy(s + o, enc, l);
                    o += l;
                    i = j + 1;
                    continue;
                }
            }
        }
        s[o++] = s[i++];
    }
    return o;
}

size_t etag_gaz_clean(char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark */
        memmove(s, s + 3, n - 3);
        n -= 3;
    }
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t')) lead++;
    memmove(s, s + lead, n - lead);
    n -= lead;
    if (n == 0 || s[0] == '#' || n > ETAG_GAZ_MAXBYTES || np_utf8_validate(s, n) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) return 0;
    /* Wikipedia pages that are not names of things */
    static const char *const not_names[] = {"Category:",  "List of ", "Lists of ", "Template:",
                                            "Wikipedia:", "Portal:",  "File:",     "Index of "};
    for (size_t k = 0; k < sizeof not_names / sizeof *not_names; k++) {
        size_t l = strlen(not_names[k]);
        if (n >= l && memcmp(s, not_names[k], l) == 0) return 0;
    }
    n = decode_entities(s, n);
    /* a qualifier in brackets at the end ("Mercury (planet)", "(disambiguation)") is not
     * part of the name as text writes it */
    if (n > 0 && s[n - 1] == ')') {
        size_t open = n - 1;
        while (open > 0 && s[open] != '(') open--;
        if (s[open] == '(' && open > 0 && s[open - 1] == ' ') {
            n = open - 1;
            while (n > 0 && s[n - 1] == ' ') n--;
        }
    }
    s[n] = '\0';
    return n;
}

/* Reads the list at path, calling add(b, ctx, key, last) for the chained key of each prefix
 * of each name (last: the whole name). Counts names in *names and skipped lines in
 * *skipped. Returns 0, or -1 with the reason in err. */
typedef int (*name_fn)(void *ctx, uint64_t key, int last);
static int read_list(const char *path, name_fn add, void *ctx, size_t *names, size_t *skipped,
                     char *err, size_t errlen)
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
    unsigned long lineno = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = etag_gaz_clean(line, (size_t)n);
        if (len == 0) {
            if (n > 0 && line[0] != '#' && line[0] != '\n') (*skipped)++;
            continue;
        }
        if (np_tokenize(line, len, &toks) < 0) {
            snprintf(err, errlen, "%s:%lu: out of memory", path, lineno);
            rc = -1;
            break;
        }
        if (toks.n == 0 || toks.n > ETAG_GAZ_MAXLEN) {
            (*skipped)++;
            continue;
        }
        uint64_t key = 0;
        for (size_t i = 0; i < toks.n && rc == 0; i++) {
            uint64_t w =
                etag_word_key(line + toks.t[i].start, toks.t[i].end - toks.t[i].start, &scratch);
            key = etag_gaz_chain(key, w);
            rc = add(ctx, key, i + 1 == toks.n);
        }
        if (rc < 0) {
            snprintf(err, errlen, "%s:%lu: %s", path, lineno,
                     rc == -2 ? "the gazetteers exceed their size budget (--gazetteer-budget)"
                              : "out of memory");
            break;
        }
        (*names)++;
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(line);
    np_tokens_free(&toks);
    np_buf_free(&scratch);
    fclose(f);
    return rc;
}

typedef struct {
    etag_resource_builder *b;
    uint32_t bits; /* category bit of a whole name */
} add_ctx;

/* Adds a name's key (last: the whole name, else a prefix) within the size budget: -2 when
 * over it. */
static int add_name_key(void *vctx, uint64_t key, int last)
{
    add_ctx *c = vctx;
    etag_resource_builder *b = c->b;
    if (b->max_keys && b->gaz.count >= b->max_keys) {
        etag_lexicon v = etag_lexicon_view(&b->gaz);
        if (!etag_lexicon_get(&v, key)) return -2;
    }
    return etag_lexicon_or(&b->gaz, key, last ? c->bits : ETAG_GAZ_PREFIX);
}

int etag_resources_add_gazetteer(etag_resource_builder *b, int cat, const char *path, char *err,
                                 size_t errlen)
{
    add_ctx c = {b, 1u << cat};
    return read_list(path, add_name_key, &c, &b->gaz_entries, &b->gaz_skipped, err, errlen);
}

int etag_resources_add_clusters(etag_resource_builder *b, const char *path, int fam, char *err,
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
        uint64_t key = etag_word_key(line, (size_t)(tab - line), &scratch);
        if (etag_lexicon_set(&b->clusters, fam ? key ^ ETAG_CLU2_SALT : key, v) < 0) {
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
