/* Short mentions typed by the article's own full names (see mentions.h). Three linear passes
 * over the spans: the ORG names, then the people's and places', mark their words (and the
 * coded names whole) in a per-article map; the third retypes. */
#include "mentions.h"

#include <string.h>

#include "feature.h"
#include "hash.h"
#include "labels.h"
#include "published.h"
#include "wordlist.h"

/* What the article's names say of a word: counters of etag_docmap_entry.cnt used as flags. */
enum {
    W_SURNAME,   /* ends a PER of two tokens or more that opens on a person's name word */
    W_OPENS_ORG, /* opens an ORG (any length) */
    W_NO_SHORT,  /* ends a PER of two tokens or more, or is a one-token LOC: no ORG short form */
    W_SHORT_ORG, /* opens an ORG of two tokens or more (not "The") */
    W_CODED,     /* of a whole name: an ORG a Reuters code follows somewhere in the article */
    W_PLACE,     /* a one-token LOC the article qualifies by its region or country */
    W_LISTED,    /* of a whole name: a company the article gives shares or shareholders */
};

static uint64_t word_key(const etag_mention_field *f, uint32_t i)
{
    return np_hash64(f->text + f->tk[i].start, f->tk[i].end - f->tk[i].start, 0x6d656e74u);
}

/* The key of a span's whole text (another seed than a word's: the two never meet). */
static uint64_t name_key(const etag_mention_field *f, const etag_span *sp)
{
    uint32_t a = f->tk[sp->first].start, b = f->tk[sp->first + sp->n - 1].end - sp->cut;
    return np_hash64(f->text + a, b - a, 0x636f646564u);
}

static etag_docmap_entry *mark(etag_docmap *m, uint64_t key, int what)
{
    etag_docmap_entry *e = etag_docmap_get(m, key);
    if (e) e->cnt[what] = 1;
    return e;
}

static int has(etag_docmap *m, uint64_t key, int what)
{
    const etag_docmap_entry *e = etag_docmap_find(m, key);
    return e && e->cnt[what];
}

/* Whether a parenthesis opened before byte `at` is still open there: *pos and *open carry
 * the scan from one span to the next, so a field is read once. */
static int in_parens(const char *s, uint32_t at, uint32_t *pos, int *open)
{
    for (; *pos < at; (*pos)++) {
        if (s[*pos] == '(')
            *open = 1;
        else if (s[*pos] == ')')
            *open = 0;
    }
    return *open;
}

/* Whether a capitalized word follows byte `end` after one or two spaces. */
static int capital_follows(const char *s, size_t len, size_t end)
{
    size_t i = end;
    while (i < len && i < end + 2 && s[i] == ' ') i++;
    return i > end && i < len && s[i] >= 'A' && s[i] <= 'Z';
}

static int is_the(const etag_mention_field *f, uint32_t i)
{
    return f->tk[i].end - f->tk[i].start == 3 && memcmp(f->text + f->tk[i].start, "The", 3) == 0;
}

/* Whether token i is a first name or a part of people's names in the model's lists. */
static int name_word(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                     uint32_t i)
{
    const np_token *w = &f->tk[i];
    uint32_t v = etag_gaz_word(gaz, f->text + w->start, w->end - w->start, scratch);
    return (v & ((1u << ETAG_GAZ_FIRST) | (1u << ETAG_GAZ_PERSON))) != 0;
}

/* The gazetteer value (ETAG_GAZ_* bits) of the span's words as one entry, or 0. */
static uint32_t span_value(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                           const etag_span *sp)
{
    return etag_gaz_tokens(gaz, f->text, f->tk, sp->first, sp->n, scratch);
}

#define PLACES ((1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) | (1u << ETAG_GAZ_REGION))

/* Whether the span's words are a country, city or region of the model's lists. */
static int place(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                 const etag_span *sp)
{
    return (span_value(gaz, scratch, f, sp) & PLACES) != 0;
}

/* Whether token i follows a person's title ("Mr Meles" is the man, whatever "Meles Zenawi
 * Foundation" the article names). */
static int after_title(const etag_mention_field *f, uint32_t i)
{
    return i > 0 &&
           etag_person_title(f->text + f->tk[i - 1].start, f->tk[i - 1].end - f->tk[i - 1].start);
}

/* Whether spans[i] of field f is a place the article qualifies by its region or country, as
 * news writes a small place ("in Cushing, Oklahoma, the delivery point", "Ferguson,
 * Missouri."): a one-token LOC, capitalized (not a dateline's capitals), ", ", then a LOC that
 * is a country or region of the model's lists, then a comma, stop, colon, semicolon, closing
 * parenthesis or possessive: not a headline's "Dongfeng, France - sources" or "Dongfeng,
 * France weigh stake", where the comma joins two names (with a lower-case word after too,
 * "Ferguson, Missouri police", the football club of "Chelsea v Birmingham" in a BBC story
 * was retyped, and no other span more). */
static int qualified_place(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                           size_t i)
{
    const etag_span *sp = &f->spans[i];
    if (sp->type != ETAG_LOC || sp->n != 1 || sp->cut || i + 1 >= f->n) return 0;
    const np_token *w = &f->tk[sp->first];
    const char *s = f->text;
    if (s[w->start] < 'A' || s[w->start] > 'Z' || w->end - w->start < 2 || s[w->start + 1] < 'a' ||
        s[w->start + 1] > 'z')
        return 0;
    const etag_span *q = &f->spans[i + 1];
    if (q->type != ETAG_LOC || q->cut || f->tk[q->first].start != w->end + 2 || s[w->end] != ',' ||
        s[w->end + 1] != ' ' || !(span_value(gaz, scratch, f, q) & PLACES))
        return 0;
    size_t e = f->tk[q->first + q->n - 1].end;
    if (e >= f->len) return 0;
    char c = s[e];
    if (c == ',' || c == '.' || c == ';' || c == ':' || c == ')') return 1;
    return etag_possessive_at(s, f->len, e) != 0;
}

/* Whether s[at..) begins with word w (its first letter in either case) and a non-letter
 * after it. */
static int word_at(const char *s, size_t len, size_t at, const char *w)
{
    size_t n = strlen(w);
    if (at + n > len || (s[at] | 0x20) != (w[0] | 0x20) || memcmp(s + at + 1, w + 1, n - 1) != 0)
        return 0;
    return at + n == len || !((s[at + n] | 0x20) >= 'a' && (s[at + n] | 0x20) <= 'z');
}

/* Words that say a share price moved or stood, after "shares" or "stock": "Alitalia shares
 * fell", "BT stock was up". Not any word: "shares" is a verb as often ("Jeb Bush shares
 * Cruz's preference", "Bruni shares in his book"). */
static const char *const price_words[] = {
    "added",   "are",     "climbed", "closed",  "dropped", "edged",  "ended",   "extended",
    "fell",    "gained",  "had",     "have",    "hit",     "jumped", "lost",    "opened",
    "plunged", "rallied", "rose",    "sank",    "shed",    "slid",   "slipped", "slumped",
    "soared",  "surged",  "traded",  "tumbled", "was",     "were",
};

static int price_word_at(const char *s, size_t len, size_t at)
{
    if (at < len && (s[at] == ',' || s[at] == '.' || s[at] == ':')) return 1;
    for (size_t k = 0; k < sizeof price_words / sizeof *price_words; k++)
        if (word_at(s, len, at, price_words[k])) return 1;
    return 0;
}

/* Whether s[at..) is a company's officer and the officer's name: "chief executive",
 * "CEO", "chairman" or "chairwoman", a space and a capital ("Marsh chief executive Michael
 * Cherkasky", "Monte Paschi Chief Executive Fabrizio Viola", "Villa chairman Doug Ellis");
 * a person has none. Not the bare title: "named Bailey CEO as Ahrendts quits". */
static int officer_at(const char *s, size_t len, size_t at)
{
    static const char *const titles[] = {"chief executive", "CEO", "chairman", "chairwoman"};
    for (size_t k = 0; k < sizeof titles / sizeof *titles; k++) {
        size_t n = strlen(titles[k]);
        if (!word_at(s, len, at, titles[k]) &&
            !(k == 0 && at + n <= len && memcmp(s + at, "Chief Executive", n) == 0))
            continue;
        return at + n + 1 < len && s[at + n] == ' ' && s[at + n + 1] >= 'A' && s[at + n + 1] <= 'Z';
    }
    return 0;
}

/* What news writes only of a company's name: after it, "shareholders" ("Alitalia
 * shareholders", "Alitalia's shareholders": a person has none) or "shares" or "stock" and a
 * word of a price's move ("Alitalia shares fell", "BT stock was up"); before it, "shares of" or
 * "shares in" when no possessive follows the name ("Shares in Icahn's investment firm" are the
 * firm's). possessive: whether "'s" may come between the name and "shares" or "stock"; a
 * person holds "Icahn's shares" (and the model types such a person ORG at times), so a PER or
 * ORG is asked without it. Returns 2 for "shares in" (a market's place too: "Teva shares in Tel
 * Aviv"), 1 for the others, 0 for none. */
static int shares_cue(const etag_mention_field *f, const etag_span *sp, int possessive)
{
    const char *s = f->text;
    size_t a = f->tk[sp->first].start, e = f->tk[sp->first + sp->n - 1].end - sp->cut;
    size_t p = etag_possessive_at(s, f->len, e), i = e + p;
    if (i < f->len && s[i] == ' ') {
        i++;
        if (word_at(s, f->len, i, "shareholders")) return 1;
        if (officer_at(s, f->len, i)) return 1;
        if (!p || possessive) {
            if (word_at(s, f->len, i, "shares") && i + 7 < f->len && s[i + 6] == ' ' &&
                price_word_at(s, f->len, i + 7))
                return 1;
            if (word_at(s, f->len, i, "stock") && i + 6 < f->len && s[i + 5] == ' ' &&
                price_word_at(s, f->len, i + 6))
                return 1;
            if (word_at(s, f->len, i, "shares") && i + 6 < f->len &&
                price_word_at(s, f->len, i + 6))
                return 1; /* "shares," "shares." */
        }
    }
    if (p || a < 10) return 0;
    if (word_at(s, f->len, a - 10, "shares of")) return 1;
    return word_at(s, f->len, a - 10, "shares in") ? 2 : 0;
}

/* Whether span sp names a company by what the article writes around it (shares_cue): an ORG,
 * a PER not after "Mr" and the like, or a LOC the lists do not know as a country, city or
 * region ("China shares", "Tokyo shares" are markets'), nor after "shares in" as a Wikipedia
 * location title that is no organisation's ("shares in Tel Aviv"); not a MISC ("Japanese
 * shares"). */
static int listed_by_shares(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                            const etag_span *sp)
{
    if (sp->type == ETAG_ORG) return shares_cue(f, sp, 0);
    if (sp->type == ETAG_PER) return !after_title(f, sp->first) && shares_cue(f, sp, 0);
    if (sp->type != ETAG_LOC) return 0;
    int cue = shares_cue(f, sp, 1);
    if (!cue) return 0;
    uint32_t v = span_value(gaz, scratch, f, sp);
    if (v & PLACES) return 0;
    return cue == 1 || !(v & (1u << ETAG_GAZ_WLOC)) ||
           (v & ((1u << ETAG_GAZ_ORG) | (1u << ETAG_GAZ_WORG) | (1u << ETAG_GAZ_ORGNAME)));
}

/* Whether the model typed a name news writes before Reuters codes (category coded) a person of
 * two words or more, not after "Mr" ("Fannie Mae", "JP Morgan"), or a place the lists do not
 * know as a country, city or region ("JPMorgan"). A one-word person stays: "Ford ( F.N )" is
 * no reason to take President Ford for the carmaker; a MISC stays: "Airbus" is the aircraft
 * too, which CoNLL-2003 tags MISC. */
static int coded_name(const etag_lexicon *gaz, np_buf *scratch, const etag_mention_field *f,
                      const etag_span *sp)
{
    if (sp->cut || sp->coded) return 0;
    if (sp->type == ETAG_PER ? sp->n < 2 || after_title(f, sp->first) : sp->type != ETAG_LOC)
        return 0;
    uint32_t v = span_value(gaz, scratch, f, sp);
    return (v & (1u << ETAG_GAZ_CODED)) && !(sp->type == ETAG_LOC && (v & PLACES));
}

int etag_short_mentions(const etag_lexicon *gaz, np_buf *scratch, etag_docmap *words,
                        const etag_mention_field *f, int nfields)
{
    etag_docmap_reset(words);
    /* the ORG names first: whether a PER's first word opens one decides its surname */
    for (int k = 0; k < nfields; k++)
        for (size_t i = 0; i < f[k].n; i++) {
            etag_span *sp = &f[k].spans[i];
            if (coded_name(gaz, scratch, &f[k], sp)) sp->type = ETAG_ORG;
            if (!sp->cut && listed_by_shares(gaz, scratch, &f[k], sp)) {
                sp->type = ETAG_ORG;
                if (!mark(words, name_key(&f[k], sp), W_LISTED)) return -1;
            }
            if (sp->type != ETAG_ORG) continue;
            if (sp->coded && !mark(words, name_key(&f[k], sp), W_CODED)) return -1;
            uint64_t key = word_key(&f[k], sp->first);
            if (!mark(words, key, W_OPENS_ORG)) return -1;
            if (sp->n >= 2 && !is_the(&f[k], sp->first) && !mark(words, key, W_SHORT_ORG))
                return -1;
        }
    for (int k = 0; k < nfields; k++) {
        uint32_t pos = 0;
        int open = 0;
        for (size_t i = 0; i < f[k].n; i++) {
            const etag_span *sp = &f[k].spans[i];
            int person = sp->type == ETAG_PER && sp->n >= 2;
            if (!person && !(sp->type == ETAG_LOC && sp->n == 1)) continue;
            if (person && in_parens(f[k].text, f[k].tk[sp->first].start, &pos, &open)) continue;
            uint64_t key = word_key(&f[k], sp->first + sp->n - 1);
            if (!mark(words, key, W_NO_SHORT)) return -1;
            if (!person) {
                if (qualified_place(gaz, scratch, &f[k], i) && !mark(words, key, W_PLACE))
                    return -1;
                continue;
            }
            uint64_t first = word_key(&f[k], sp->first);
            if (!has(words, first, W_OPENS_ORG) && name_word(gaz, scratch, &f[k], sp->first) &&
                !mark(words, key, W_SURNAME))
                return -1;
        }
    }
    for (int k = 0; k < nfields; k++)
        for (size_t i = 0; i < f[k].n; i++) {
            etag_span *sp = &f[k].spans[i];
            if (sp->n == 1 && (sp->type == ETAG_PER || sp->type == ETAG_ORG) && !sp->coded) {
                uint64_t key = word_key(&f[k], sp->first);
                if (has(words, key, W_PLACE) && !has(words, key, W_SURNAME)) {
                    sp->type = ETAG_LOC; /* "Ferguson" beside "Ferguson, Missouri" */
                    continue;
                }
            }
            if (sp->type == ETAG_ORG) continue;
            if (has(words, name_key(&f[k], sp), W_CODED) &&
                (sp->type != ETAG_LOC || !place(gaz, scratch, &f[k], sp))) {
                sp->type = ETAG_ORG;
                continue;
            }
            if ((sp->type == ETAG_PER ? !after_title(&f[k], sp->first)
                                      : sp->type == ETAG_LOC && !place(gaz, scratch, &f[k], sp)) &&
                has(words, name_key(&f[k], sp), W_LISTED)) {
                sp->type = ETAG_ORG; /* "Alitalia" LOC beside "Alitalia shareholders" */
                continue;
            }
            if (sp->n != 1) continue;
            uint64_t key = word_key(&f[k], sp->first);
            if (sp->type == ETAG_PER) {
                if (has(words, key, W_SHORT_ORG) && !has(words, key, W_NO_SHORT) &&
                    !after_title(&f[k], sp->first))
                    sp->type = ETAG_ORG;
            } else if ((sp->type == ETAG_LOC || sp->type == ETAG_MISC) &&
                       has(words, key, W_SURNAME) &&
                       !capital_follows(f[k].text, f[k].len, f[k].tk[sp->first].end - sp->cut)) {
                sp->type = ETAG_PER;
            }
        }
    return 0;
}

/* Whether token i of f opens a sentence: the field's first token, the first of a line, or
 * after a sentence's end or a dateline's dash. */
static int sentence_opener(const etag_mention_field *f, uint32_t i)
{
    if (i == 0 || (f->tk[i].flags & NP_TOK_NEWLINE_BEFORE)) return 1;
    const np_token *p = &f->tk[i - 1];
    if (p->end - p->start != 1) return 0;
    char c = f->text[p->start];
    return c == '.' || c == '!' || c == '?' || c == '-' || c == ':';
}

/* One pass of etag_company_repeats over field g whose spans are src[0..nsrc): the untagged
 * repeats of the marked names, of up to maxn tokens. With out, writes src's spans and the
 * repeats' in order to out; out may be src less the number of repeats (the spans moved up by
 * it), as every write lands at or before the next span still to read. Returns the number of
 * repeats. Linear: each token is looked at once, with up to maxn keys. */
static size_t repeats_pass(etag_docmap *words, const etag_mention_field *g, const etag_span *src,
                           size_t nsrc, uint32_t maxn, etag_span *out)
{
    size_t si = 0, w = 0, added = 0;
    uint32_t last_end = 0; /* one past the last token of the last span written */
    for (uint32_t i = 0; i < g->ntok; i++) {
        while (si < nsrc && src[si].first <= i) {
            etag_span sp = src[si++];
            if (out) out[w] = sp;
            w++;
            last_end = sp.first + sp.n;
        }
        if (i < last_end || sentence_opener(g, i)) continue;
        if (w > 0 && i == last_end) continue; /* right after a name: "St. Louis Fed" */
        uint32_t next = si < nsrc ? src[si].first : (uint32_t)g->ntok;
        uint32_t lim = 1; /* untagged tokens on the line, up to the longest name */
        while (lim < maxn && i + lim < next && !(g->tk[i + lim].flags & NP_TOK_NEWLINE_BEFORE))
            lim++;
        for (uint32_t m = lim; m >= 1; m--) {
            etag_span c = {i, m, ETAG_ORG, 0, 0};
            uint64_t key = name_key(g, &c);
            if (!has(words, key, W_CODED) && !has(words, key, W_LISTED)) continue;
            if (out) out[w] = c;
            w++;
            added++;
            last_end = i + m;
            i += m - 1;
            break;
        }
    }
    return added;
}

void etag_company_repeats(etag_docmap *words, etag_mention_field *f, int nfields)
{
    uint32_t maxn = 0;
    for (int k = 0; k < nfields; k++)
        for (size_t i = 0; i < f[k].n; i++) {
            const etag_span *sp = &f[k].spans[i];
            if (sp->type != ETAG_ORG || sp->cut || sp->n > 4 || sp->n <= maxn) continue;
            uint64_t key = name_key(&f[k], sp);
            if (has(words, key, W_CODED) || has(words, key, W_LISTED)) maxn = sp->n;
        }
    if (!maxn) return;
    for (int k = 0; k < nfields; k++) {
        etag_mention_field *g = &f[k];
        size_t m = repeats_pass(words, g, g->spans, g->n, maxn, NULL);
        if (!m || g->n + m > g->ntok) continue; /* the second cannot happen: a token a span */
        memmove(g->spans + m, g->spans, g->n * sizeof *g->spans);
        repeats_pass(words, g, g->spans + m, g->n, maxn, g->spans);
        g->n += m;
    }
}
