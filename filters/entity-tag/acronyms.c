/* Acronyms an article uses as common nouns (see acronyms.h). */
#include "acronyms.h"

#include <string.h>

#include "feature.h"
#include "labels.h"

#define LONG_MAX_PARTS 12 /* words (hyphenated parts apart) a long form may have */

/* The number of capitals when token t is an acronym: two to six ASCII capitals and nothing
 * else but, in the plural, a final lower-case "s" (*plural set to whether it has one; "IPOs",
 * not "UBS"). 0 otherwise. */
static size_t acronym(const char *s, const np_token *t, int *plural)
{
    size_t a = t->start, b = t->end, n = 0;
    while (a + n < b && s[a + n] >= 'A' && s[a + n] <= 'Z') n++;
    *plural = a + n + 1 == b && s[a + n] == 's';
    if (n < 2 || n > ETAG_ACR_MAX || (a + n != b && !*plural)) return 0;
    return n;
}

/* Whether c is one of the characters of set (never the text's NUL). */
static int one_of(char c, const char *set)
{
    return c != '\0' && strchr(set, c) != NULL;
}

static int find(const etag_acronyms *set, const char *w, size_t n)
{
    for (int i = 0; i < set->n; i++)
        if (set->len[i] == n && memcmp(set->w[i], w, n) == 0) return i;
    return -1;
}

static void remember(etag_acronyms *set, const char *w, size_t n, int how)
{
    int i = find(set, w, n);
    if (i < 0) {
        if (set->n == ETAG_ACR_KEEP) return;
        i = set->n++;
        memcpy(set->w[i], w, n);
        set->len[i] = (unsigned char)n;
        set->how[i] = 0;
    }
    set->how[i] |= (unsigned char)how;
}

static int word_is(const char *s, const np_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && memcmp(s + t->start, w, n) == 0;
}

static int function_word(const char *s, const np_token *t)
{
    static const char *const words[] = {"of",   "in", "on",    "at",   "that",  "which",
                                        "for",  "to", "by",    "is",   "was",   "with",
                                        "from", "as", "would", "will", "could", NULL};
    for (int i = 0; words[i]; i++)
        if (word_is(s, t, words[i])) return 1;
    return 0;
}

/* A word a long form may skip when its initials are taken ("earnings before interest and
 * tax (EBIT)", "real estate investment trust": none). */
static int stop_part(const char *p, size_t n)
{
    static const char *const words[] = {"of", "and", "the", "for", "on",
                                        "in", "to",  "a",   "an",  NULL};
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], p, n) == 0) return 1;
    return 0;
}

/* Whether token tk[i] opens a sentence: the text's first, or after a full stop, "!", "?" or
 * a quotation mark. */
static int sentence_start(const char *s, const np_token *tk, size_t i)
{
    if (i == 0) return 1;
    const np_token *p = &tk[i - 1];
    size_t n = p->end - p->start;
    return p->kind == NP_TOK_PUNCT && ((n == 1 && one_of(s[p->start], ".!?\"")) ||
                                       (n == 3 && (!memcmp(s + p->start, "\xe2\x80\x9c", 3) ||
                                                   !memcmp(s + p->start, "\xe2\x80\x9d", 3))));
}

/* How the words before token tk[open] ("(") spell acr[0..n): the fewest words (hyphenated
 * parts each a word: "sport-utility vehicle (SUV)") whose initials, or the initials of those
 * that are no stop word, are the acronym's letters: ETAG_ACR_LOWER when they are all
 * lower-case words ("initial public offering (IPO)"), ETAG_ACR_NAMED when not ("European
 * Central Bank (ECB)"); 0 when no words spell it. */
static int long_form(const char *s, const np_token *tk, size_t open, const char *acr, size_t n)
{
    const char *part[LONG_MAX_PARTS];
    size_t plen[LONG_MAX_PARTS], ptok[LONG_MAX_PARTS], np = 0;
    for (size_t i = open; i > 0 && np < LONG_MAX_PARTS; i--) {
        const np_token *t = &tk[i - 1];
        size_t tl = t->end - t->start;
        if (t->kind == NP_TOK_PUNCT && ((tl == 1 && s[t->start] == '\'') ||
                                        (tl == 3 && !memcmp(s + t->start, "\xe2\x80\x99", 3))))
            continue; /* "purchasing managers' index (PMI)" */
        if (t->kind != NP_TOK_WORD) break;
        size_t b = t->end; /* the word's parts, last first */
        for (size_t a = t->end; a-- > t->start && np < LONG_MAX_PARTS;)
            if (a == t->start || s[a - 1] == '-') {
                if (a < b) {
                    part[np] = s + a;
                    ptok[np] = i - 1;
                    plen[np++] = b - a;
                }
                if (a > t->start) b = a - 1; /* the hyphen */
            }
    }
    for (size_t k = 1; k <= np; k++) { /* the last k parts: part[k-1] .. part[0] */
        if (stop_part(part[k - 1], plen[k - 1])) continue;
        char all[LONG_MAX_PARTS] = {0}, content[LONG_MAX_PARTS] = {0};
        size_t na = 0, nc = 0;
        int lower = 1;
        for (size_t j = k; j-- > 0;) {
            char c = part[j][0];
            all[na++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            if (stop_part(part[j], plen[j])) continue;
            content[nc++] = all[na - 1];
            lower &= (c >= 'a' && c <= 'z') ||
                     (j == k - 1 && part[j] == s + tk[ptok[j]].start &&
                      sentence_start(s, tk, ptok[j])); /* "Foreign direct investment (FDI)" */
        }
        if ((na == n && memcmp(all, acr, n) == 0) || (nc == n && memcmp(content, acr, n) == 0))
            return lower ? ETAG_ACR_LOWER : ETAG_ACR_NAMED;
    }
    return 0;
}

/* Whether token t is a content word of three lower-case letters or more: the words that
 * spell an acronym out without parentheses. Not a function word (function_word's and more),
 * whose initial an accidental run of words would take as often as a noun's ("has purchased"
 * is no HP). */
static int content_word(const char *s, const np_token *t)
{
    static const char *const words[] = {
        "the",   "and",   "are",   "were",  "been",  "has",    "have", "had",  "its",   "this",
        "these", "those", "there", "their", "after", "before", "such", "some", "all",   "not",
        "any",   "our",   "your",  "his",   "her",   "than",   "then", "into", "over",  "under",
        "about", "more",  "most",  "very",  "just",  "also",   "but",  "out",  "off",   "per",
        "via",   "each",  "every", "other", "own",   "same",   "both", "few",  "many",  "much",
        "can",   "may",   "might", "must",  "shall", "should", "does", "did",  "being", "what",
        "who",   "whom",  "whose", "when",  "where", "why",    "how",  "said", "says",  "say",
        "while", "they",  "them",  "she",   "him",   "you",    "one",  "two",  "three", NULL};
    size_t n = t->end - t->start;
    if (t->kind != NP_TOK_WORD || n < 3 || s[t->start] < 'a' || s[t->start] > 'z') return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[t->start + i] >= 'a' && s[t->start + i] <= 'z') || s[t->start + i] == '-'))
            return 0;
    if (function_word(s, t)) return 0;
    for (int i = 0; words[i]; i++)
        if (word_is(s, t, words[i])) return 0;
    return 1;
}

/* Whether fields f[0..fi] up to token ti of f[fi] have n consecutive content words whose
 * initials are acr[0..n) ("wholesale price index" for WPI). The initials are compared first:
 * a word is read as a content word only where they agree. */
static int spelt_before(const etag_mention_field *f, int fi, size_t ti, const char *acr, size_t n)
{
    for (int k = 0; k <= fi; k++) {
        const char *s = f[k].text;
        const np_token *tk = f[k].tk;
        size_t end = k == fi ? ti : f[k].ntok;
        for (size_t j = 0; j + n <= end; j++) {
            size_t m = 0;
            while (m < n && s[tk[j + m].start] == acr[m] + 32) m++;
            if (m < n) continue;
            while (m > 0 && content_word(s, &tk[j + m - 1])) m--;
            if (m == 0) return 1;
        }
    }
    return 0;
}

/* Marks ETAG_ACR_SPELT each acronym of three capitals or more of the fields that the article
 * spells out before its first use (spelt_before); each acronym is looked for once, at that
 * use. */
static void spelt(const etag_mention_field *f, int nfields, etag_acronyms *set)
{
    for (int fi = 0; fi < nfields; fi++)
        for (size_t i = 0; i < f[fi].ntok; i++) {
            int plural = 0;
            size_t n = acronym(f[fi].text, &f[fi].tk[i], &plural);
            if (n < 3) continue;
            const char *w = f[fi].text + f[fi].tk[i].start;
            int k = find(set, w, n);
            if ((k >= 0 && (set->how[k] & (ETAG_ACR_TRIED | ETAG_ACR_LOWER))) ||
                (k < 0 && set->n == ETAG_ACR_KEEP))
                continue; /* once each, and no more than the set holds */
            remember(set, w, n,
                     ETAG_ACR_TRIED | (spelt_before(f, fi, i, w, n) ? ETAG_ACR_SPELT : 0));
        }
}

/* Adds to set the acronyms of field f. */
static void collect(const etag_mention_field *f, etag_acronyms *set)
{
    const char *s = f->text;
    const np_token *tk = f->tk;
    for (size_t i = 0; i < f->ntok; i++) {
        int plural = 0;
        size_t n = acronym(s, &tk[i], &plural);
        if (!n) continue;
        const char *w = s + tk[i].start;
        if (plural) { /* "IPOs", not "the SAEs" (members), "the NCAAs" (a tournament) */
            if (i == 0 || !(word_is(s, &tk[i - 1], "the") || word_is(s, &tk[i - 1], "The")))
                remember(set, w, n, ETAG_ACR_USED);
            continue;
        }
        int how =
            i > 0 && word_is(s, &tk[i - 1], "(") && i + 1 < f->ntok && word_is(s, &tk[i + 1], ")")
                ? long_form(s, tk, i - 1, w, n)
                : 0;
        if (how) {
            remember(set, w, n, how); /* "initial public offering (IPO)" */
            continue;
        }
        if (i > 0 && (word_is(s, &tk[i - 1], "a") || word_is(s, &tk[i - 1], "an") ||
                      word_is(s, &tk[i - 1], "A") || word_is(s, &tk[i - 1], "An"))) {
            const np_token *t = i + 1 < f->ntok ? &tk[i + 1] : NULL;
            if (!t || function_word(s, t) ||
                (t->end - t->start == 1 && one_of(s[t->start], ".,;:)")))
                remember(set, w, n, ETAG_ACR_USED); /* "an IPO of", "a REIT." */
        }
    }
}

void etag_acronyms_collect(const etag_mention_field *f, int nfields, etag_acronyms *out)
{
    out->n = 0;
    for (int i = 0; i < nfields; i++) collect(&f[i], out);
    spelt(f, nfields, out);
}

/* Whether span sp of field f is a one-token ORG, PER or LOC of an acronym the article spells
 * out in lower case, or uses as a common noun, or that is in the model's list and the article
 * does not spell out in capitals; and no company a Reuters code follows. One that is not
 * spelled out in lower case must also be no organisation or place of the model's lists ("a
 * BMW as well", the car; "a UK investment"). */
static int common(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                  const etag_span *sp, const etag_acronyms *set)
{
    const uint32_t names = (1u << ETAG_GAZ_ORG) | (1u << ETAG_GAZ_WORG) | (1u << ETAG_GAZ_COUNTRY) |
                           (1u << ETAG_GAZ_CITY) | (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_WLOC) |
                           (1u << ETAG_GAZ_ORGNAME);
    if (sp->n != 1 || sp->cut || sp->coded) return 0;
    if (sp->type != ETAG_ORG && sp->type != ETAG_PER && sp->type != ETAG_LOC) return 0;
    const np_token *t = &f->tk[sp->first];
    const char *w = f->text + t->start;
    int plural;
    size_t n = acronym(f->text, t, &plural);
    if (!n) return 0;
    int i = find(set, w, n);
    int how = i < 0 ? 0 : set->how[i];
    if (how & ETAG_ACR_LOWER) return 1;
    uint32_t v = etag_gaz_word(gaz, w, n, scratch);
    if (v & names) return 0;
    return (how & ETAG_ACR_USED) ||
           (!(how & ETAG_ACR_NAMED) && (how & ETAG_ACR_SPELT || (v & (1u << ETAG_GAZ_ACRONYM))));
}

void etag_common_acronyms(const etag_lexicon *gaz, np_buf *scratch, etag_mention_field *f,
                          int nfields)
{
    etag_acronyms set;
    etag_acronyms_collect(f, nfields, &set);
    for (int i = 0; i < nfields; i++) {
        size_t keep = 0;
        for (size_t k = 0; k < f[i].n; k++)
            if (!common(gaz, scratch, &f[i], &f[i].spans[k], &set))
                f[i].spans[keep++] = f[i].spans[k];
        f[i].n = keep;
    }
}
