/* Article analysis: candidate sentences, tf-idf term vectors over the article's sentences,
 * and the scorer's features. One pass to collect terms, one to weigh them, two for
 * directed centrality; every buffer is reused from article to article. */
#include "analyse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

const char *const summ_feature_names[SUMM_NFEAT] = {
    "bias",     "first",    "second",    "inv_pos",   "rel_pos",   "para_start", "cent_fwd",
    "cent_bwd", "cent_rel", "title_cos", "title_hit", "log_words", "short",      "long",
    "rel_len",  "quote",    "heading",   "question",  "freq_mean", "number",     "third",
    "log_pos",  "pos4",     "pos5",      "pos6",      "pos7_10",   "pos11_15",   "pos16_25",
    "pos26",    "log_wpos", "w1_9",      "w10_19",    "w30_44",    "w45_59",     "w60",
    "rel_long", "caption",
};

/* Below this many words a heading line is no summary material. */
#define WEAK_WORDS 8
/* Words are hashed on at most this many bytes. */
#define WORD_MAX 48

/* ---- words and terms --------------------------------------------------------------------- */

/* Function words that carry no topic (lower case). */
static const char *const stop_list[] = {
    "a",       "about",    "above",   "after",   "again",   "against",    "ago",       "all",
    "also",    "am",       "an",      "and",     "any",     "are",        "as",        "at",
    "be",      "because",  "been",    "before",  "being",   "below",      "between",   "both",
    "but",     "by",       "can",     "could",   "did",     "do",         "does",      "doing",
    "down",    "during",   "each",    "even",    "ever",    "few",        "for",       "from",
    "further", "had",      "has",     "have",    "having",  "he",         "her",       "here",
    "hers",    "herself",  "him",     "himself", "his",     "how",        "however",   "i",
    "if",      "in",       "into",    "is",      "it",      "its",        "itself",    "just",
    "last",    "least",    "less",    "like",    "made",    "make",       "many",      "may",
    "me",      "might",    "more",    "most",    "much",    "must",       "my",        "myself",
    "new",     "no",       "nor",     "not",     "now",     "of",         "off",       "on",
    "once",    "one",      "only",    "or",      "other",   "our",        "ours",      "ourselves",
    "out",     "over",     "own",     "per",     "said",    "same",       "says",      "say",
    "she",     "should",   "since",   "so",      "some",    "still",      "such",      "than",
    "that",    "the",      "their",   "theirs",  "them",    "themselves", "then",      "there",
    "these",   "they",     "this",    "those",   "through", "to",         "too",       "told",
    "under",   "until",    "up",      "upon",    "us",      "very",       "was",       "we",
    "were",    "what",     "when",    "where",   "whether", "which",      "while",     "who",
    "whom",    "whose",    "why",     "will",    "with",    "within",     "without",   "would",
    "year",    "years",    "yet",     "you",     "your",    "yours",      "also",      "according",
    "around",  "among",    "another", "away",    "back",    "well",       "way",       "two",
    "three",   "first",    "next",    "week",    "monday",  "tuesday",    "wednesday", "thursday",
    "friday",  "saturday", "sunday",  "percent", "reuters", "mr",         "mrs",       "ms",
    "would",   "get",      "got",     "s",       "t",       "re",         "ve",        "ll",
    "d",       NULL,
};

#define STOP_SLOTS 1024 /* power of two, > 2x the list */
static uint64_t stop_set[STOP_SLOTS];
static int stop_ready;

static uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 0x100000001b3ULL;
    h = np_mix64(h);
    return h ? h : 1; /* 0 marks an empty slot */
}

static void stop_init(void)
{
    for (int i = 0; stop_list[i]; i++) {
        uint64_t h = word_hash(stop_list[i], strlen(stop_list[i]));
        size_t b = h & (STOP_SLOTS - 1);
        while (stop_set[b] && stop_set[b] != h) b = (b + 1) & (STOP_SLOTS - 1);
        stop_set[b] = h;
    }
    stop_ready = 1;
}

static int is_stop(uint64_t h)
{
    size_t b = h & (STOP_SLOTS - 1);
    while (stop_set[b]) {
        if (stop_set[b] == h) return 1;
        b = (b + 1) & (STOP_SLOTS - 1);
    }
    return 0;
}

/* Byte length of the word character at s[i] (letters, digits, letters of other scripts), or
 * 0 for a separator (space, punctuation, symbols, general punctuation U+2000..U+2BFF). */
static size_t word_char(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > n) len = n - i;
    if (c == 0xC2 || c == 0xE2) return 0;
    if (c == 0xE3 && i + 1 < n && s[i + 1] == 0x80) return 0; /* CJK punctuation */
    if (c == 0xEF && i + 1 < n && (s[i + 1] == 0xBB || s[i + 1] == 0xBC)) return 0;
    if (c < 0xC0) return 1; /* a stray continuation byte: part of the word */
    return len;
}

/* Harman's S-stemmer: plural endings only, cheap enough for the record path. */
static size_t s_stem(char *w, size_t n)
{
    if (n > 3 && w[n - 1] == 's') {
        if (w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 4] != 'e' && w[n - 4] != 'a') {
            w[n - 3] = 'y';
            return n - 2;
        }
        if (w[n - 2] == 'e' && w[n - 3] != 'a' && w[n - 3] != 'e' && w[n - 3] != 'o') return n - 1;
        if (w[n - 2] != 'u' && w[n - 2] != 's') return n - 1;
    }
    return n;
}

/* Calls fn(d, hash, arg) for each term of s[a..b); counts words and numbers. */
typedef int (*term_fn)(summ_doc *d, uint64_t h, void *arg);

static int scan_terms(summ_doc *d, const unsigned char *s, size_t a, size_t b, term_fn fn,
                      void *arg, uint32_t *words, int *number)
{
    char w[WORD_MAX];
    size_t i = a, len;
    while (i < b) {
        if (!(len = word_char(s, b, i))) {
            i++;
            continue;
        }
        size_t k = 0;
        int ascii = 1, digit = s[i] >= '0' && s[i] <= '9';
        while (i < b && (len = word_char(s, b, i)) > 0) {
            for (size_t j = 0; j < len && k < WORD_MAX; j++) {
                unsigned char c = s[i + j];
                if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
                if (c >= 0x80) ascii = 0;
                w[k++] = (char)c;
            }
            i += len;
        }
        (*words)++;
        if (digit) *number = 1;
        if (k < 2) continue;
        if (ascii && !digit) k = s_stem(w, k);
        uint64_t h = word_hash(w, k);
        if (is_stop(h)) continue;
        if (fn(d, h, arg) < 0) return -1;
    }
    return 0;
}

/* Whitespace-separated words of s[a..b) (ASCII white space; the splitter trimmed the ends). */
static uint32_t count_wwords(const unsigned char *s, size_t a, size_t b)
{
    uint32_t n = 0;
    int in = 0;
    for (size_t i = a; i < b; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* ---- the term table ----------------------------------------------------------------------- */

/* Per-slot arrays grow together. */
static int slots_reserve(summ_doc *d, size_t need)
{
    if (need <= d->capslots) return 0;
    size_t c = d->capslots ? d->capslots * 2 : 256;
    while (c < need) c *= 2;
    uint64_t *key = realloc(d->key, c * sizeof *key);
    if (!key) return -1;
    d->key = key;
    uint32_t *sf = realloc(d->sf, c * sizeof *sf);
    if (!sf) return -1;
    d->sf = sf;
    uint32_t *last = realloc(d->last, c * sizeof *last);
    if (!last) return -1;
    d->last = last;
    double *acc = realloc(d->acc, c * sizeof *acc);
    if (!acc) return -1;
    d->acc = acc;
    uint32_t *bucket = realloc(d->bucket, c * sizeof *bucket);
    if (!bucket) return -1;
    d->bucket = bucket;
    d->capslots = c;
    return 0;
}

static void index_clear(summ_doc *d)
{
    for (size_t s = 0; s < d->nslots; s++) d->index[d->bucket[s]] = 0;
    d->nslots = 0;
}

static int index_grow(summ_doc *d)
{
    size_t ni = d->nindex ? d->nindex * 2 : 1024;
    uint32_t *idx = calloc(ni, sizeof *idx);
    if (!idx) return -1;
    for (size_t s = 0; s < d->nslots; s++) {
        size_t b = d->key[s] & (ni - 1);
        while (idx[b]) b = (b + 1) & (ni - 1);
        idx[b] = (uint32_t)s + 1;
        d->bucket[s] = (uint32_t)b;
    }
    free(d->index);
    d->index = idx;
    d->nindex = ni;
    return 0;
}

/* The slot of hash h: found, or added when add is set (else -1). -2 when out of memory. */
static long slot_of(summ_doc *d, uint64_t h, int add)
{
    if (d->nslots * 2 >= d->nindex && index_grow(d) < 0) return -2;
    size_t b = h & (d->nindex - 1);
    while (d->index[b]) {
        uint32_t s = d->index[b] - 1;
        if (d->key[s] == h) return s;
        b = (b + 1) & (d->nindex - 1);
    }
    if (!add) return -1;
    if (slots_reserve(d, d->nslots + 1) < 0) return -2;
    size_t s = d->nslots++;
    d->key[s] = h;
    d->sf[s] = 0;
    d->last[s] = 0;
    d->acc[s] = 0;
    d->index[b] = (uint32_t)s + 1;
    d->bucket[s] = (uint32_t)b;
    return (long)s;
}

/* Adds a term occurrence to the candidate being built (the last one). */
static int add_term(summ_doc *d, uint64_t h, void *arg)
{
    (void)arg;
    long s = slot_of(d, h, 1);
    if (s < 0) return -1;
    uint32_t c = (uint32_t)d->ncand; /* the candidate's number + 1 */
    if (d->last[s] == c) {
        /* seen in this sentence: the entry is among this candidate's terms; acc holds its
         * position there while the candidate is being built */
        d->terms[(size_t)d->acc[s]].w += 1;
        return 0;
    }
    if (np_array_reserve((void **)&d->terms, &d->capterms, d->nterms + 1, sizeof *d->terms) < 0)
        return -1;
    d->last[s] = c;
    d->sf[s]++;
    d->acc[s] = (double)d->nterms;
    d->terms[d->nterms++] = (summ_term){(uint32_t)s, 1};
    return 0;
}

/* Collects the title's terms that occur in the article (distinct). */
static int add_title_term(summ_doc *d, uint64_t h, void *arg)
{
    (void)arg;
    long s = slot_of(d, h, 0);
    if (s == -2) return -1;
    if (s < 0 || d->ntitle >= 64) return 0;
    for (size_t i = 0; i < d->ntitle; i++)
        if (d->title[i] == (uint32_t)s) return 0;
    if (np_array_reserve((void **)&d->title, &d->captitle, d->ntitle + 1, sizeof *d->title) < 0)
        return -1;
    d->title[d->ntitle++] = (uint32_t)s;
    return 0;
}

/* ---- analysis ---------------------------------------------------------------------------- */

static int opens_with_quote(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == '"' || s[0] == '\'')) return 1;
    return n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x98);
}

/* A picture caption: opens with a short label and a colon ("Pictured: ...", "Tragic end:
 * ..."; one to three words, the first capitalized, then ": " and a capital), or names the
 * picture ("(pictured)", "(left)", "(right)", "(above)", "(below)", "(file photo)"). */
static int looks_like_caption(const unsigned char *s, size_t n)
{
    if (n >= 4 && s[0] >= 'A' && s[0] <= 'Z') {
        int words = 1;
        for (size_t i = 1; i + 2 < n && i < 40; i++) {
            if (s[i] == ' ') {
                if (++words > 3) break;
            } else if (s[i] == ':') {
                if (s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z') return 1;
                break;
            } else if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && s[i] != '-' &&
                       s[i] != '\'') {
                break;
            }
        }
    }
    static const char *const marks[] = {"(pictured", "(left",   "(right", "(above", "(below",
                                        "(centre",   "(center", "(file",  NULL};
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '(') continue;
        for (int k = 0; marks[k]; k++) {
            size_t len = strlen(marks[k]);
            if (i + len <= n && memcmp(s + i, marks[k], len) == 0) return 1;
        }
    }
    return 0;
}

static int ends_with_question(const unsigned char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] >= 0x80)) n--;
    return n && (s[n - 1] == '?' || s[n - 1] == '!');
}

void summ_doc_scatter(summ_doc *d, size_t c)
{
    for (uint32_t t = d->cand[c].t0; t < d->cand[c].t1; t++)
        d->acc[d->terms[t].slot] = d->terms[t].w;
}

void summ_doc_unscatter(summ_doc *d, size_t c)
{
    for (uint32_t t = d->cand[c].t0; t < d->cand[c].t1; t++) d->acc[d->terms[t].slot] = 0;
}

double summ_doc_dot(const summ_doc *d, size_t c)
{
    double dot = 0;
    for (uint32_t t = d->cand[c].t0; t < d->cand[c].t1; t++)
        dot += d->terms[t].w * d->acc[d->terms[t].slot];
    return dot;
}

/* The article's candidate sentences (not credit lines or notes; a dateline cut off) and their
 * raw term counts, position-free flags and word counts. Returns 0, or -1 when out of memory. */
static int collect_candidates(summ_doc *d, const unsigned char *s, const char *text)
{
    for (size_t i = 0; i < d->sents.n && d->ncand < SUMM_MAX_CAND; i++) {
        const np_sentence *x = &d->sents.s[i];
        if (x->flags & (NP_SENT_CREDIT | NP_SENT_NOTE)) continue;
        if (np_array_reserve((void **)&d->cand, &d->capcand, d->ncand + 1, sizeof *d->cand) < 0)
            return -1;
        summ_cand *c = &d->cand[d->ncand++];
        memset(c, 0, sizeof *c);
        c->sent = (uint32_t)i;
        c->start = x->start;
        c->end = x->end;
        c->cp_start = x->cp_start;
        c->cp_end = x->cp_end;
        if (x->flags & NP_SENT_DATELINE) {
            size_t dl = np_dateline_len(text + x->start, x->end - x->start);
            if (dl && dl < x->end - x->start) {
                for (size_t k = x->start; k < x->start + dl; k++)
                    c->cp_start += (s[k] & 0xC0) != 0x80;
                c->start += (uint32_t)dl;
            }
        }
        c->t0 = (uint32_t)d->nterms;
        int number = 0;
        if (scan_terms(d, s, c->start, c->end, add_term, NULL, &c->words, &number) < 0) return -1;
        c->t1 = (uint32_t)d->nterms;
        c->wwords = count_wwords(s, c->start, c->end);
        if ((x->flags & NP_SENT_HEADING) && c->words < WEAK_WORDS) c->flags |= SUMM_C_WEAK;
        c->x[SUMM_F_NUMBER] = (float)number;
        c->x[SUMM_F_PARA_START] = (x->flags & NP_SENT_PARA_START) ? 1.0f : 0.0f;
        c->x[SUMM_F_HEADING] = (x->flags & NP_SENT_HEADING) ? 1.0f : 0.0f;
    }
    return 0;
}

/* Scales each candidate's term counts to tf-idf over the article's candidates (sentence
 * frequency as document frequency), each vector to length 1, and notes the mean frequency of
 * its terms. Returns the candidates' total word count. */
static double weigh_terms(summ_doc *d)
{
    size_t nc = d->ncand;
    uint32_t maxsf = 0;
    for (size_t sl = 0; sl < d->nslots; sl++) {
        if (d->sf[sl] > maxsf) maxsf = d->sf[sl];
        d->acc[sl] = 0;
    }
    double total_words = 0;
    for (size_t i = 0; i < nc; i++) {
        summ_cand *c = &d->cand[i];
        double norm = 0, fsum = 0;
        for (uint32_t t = c->t0; t < c->t1; t++) {
            uint32_t sf = d->sf[d->terms[t].slot];
            double idf = log((1.0 + (double)nc) / (1.0 + sf)) + 1.0;
            double w = d->terms[t].w * idf;
            d->terms[t].w = (float)w;
            norm += w * w;
            fsum += (double)sf / maxsf;
        }
        norm = sqrt(norm);
        for (uint32_t t = c->t0; t < c->t1; t++)
            d->terms[t].w = norm > 0 ? (float)(d->terms[t].w / norm) : 0.0f;
        c->x[SUMM_F_FREQ_MEAN] = c->t1 > c->t0 ? (float)(fsum / (c->t1 - c->t0)) : 0.0f;
        total_words += c->words;
    }
    return total_words;
}

/* Directed centrality: the sum of cosines to later (then earlier) sentences is the dot
 * product with the running sum of their unit vectors. Returns the largest of the two sums. */
static double centrality(summ_doc *d)
{
    size_t nc = d->ncand;
    double maxcent = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < nc; k++) {
            size_t i = pass == 0 ? nc - 1 - k : k;
            summ_cand *c = &d->cand[i];
            double dot = 0;
            for (uint32_t t = c->t0; t < c->t1; t++)
                dot += d->terms[t].w * d->acc[d->terms[t].slot];
            c->x[pass == 0 ? SUMM_F_CENT_FWD : SUMM_F_CENT_BWD] = (float)dot;
            for (uint32_t t = c->t0; t < c->t1; t++) d->acc[d->terms[t].slot] += d->terms[t].w;
        }
        for (size_t i = 0; i < nc; i++)
            for (uint32_t t = d->cand[i].t0; t < d->cand[i].t1; t++) d->acc[d->terms[t].slot] = 0;
    }
    for (size_t i = 0; i < nc; i++) {
        double cent = d->cand[i].x[SUMM_F_CENT_FWD] + d->cand[i].x[SUMM_F_CENT_BWD];
        if (cent > maxcent) maxcent = cent;
    }
    return maxcent;
}

/* The title as a tf-idf vector over the same terms (binary tf): each candidate's cosine to it
 * and the share of its terms the candidate has. Returns 0, or -1 when out of memory. */
static int title_similarity(summ_doc *d, const char *title, size_t tn)
{
    size_t nc = d->ncand;
    uint32_t tw = 0;
    int tnum = 0;
    if (scan_terms(d, (const unsigned char *)title, 0, tn, add_title_term, NULL, &tw, &tnum) < 0)
        return -1;
    double norm = 0;
    for (size_t k = 0; k < d->ntitle; k++) {
        double idf = log((1.0 + (double)nc) / (1.0 + d->sf[d->title[k]])) + 1.0;
        d->acc[d->title[k]] = idf;
        norm += idf * idf;
    }
    norm = sqrt(norm);
    for (size_t k = 0; k < d->ntitle; k++) d->acc[d->title[k]] /= norm > 0 ? norm : 1;
    for (size_t i = 0; i < nc; i++) {
        summ_cand *c = &d->cand[i];
        double dot = 0;
        unsigned hits = 0;
        for (uint32_t t = c->t0; t < c->t1; t++) {
            double a = d->acc[d->terms[t].slot];
            dot += d->terms[t].w * a;
            hits += a > 0;
        }
        c->x[SUMM_F_TITLE_COS] = (float)dot;
        c->x[SUMM_F_TITLE_HIT] = d->ntitle ? (float)hits / (float)d->ntitle : 0.0f;
    }
    for (size_t k = 0; k < d->ntitle; k++) d->acc[d->title[k]] = 0;
    return 0;
}

/* The position, length, quote, question and caption features of each candidate. */
static void surface_features(summ_doc *d, const unsigned char *s, double total_words,
                             double maxcent)
{
    size_t nc = d->ncand;
    double mean_words = total_words / (double)nc;
    uint32_t wpos = 0;
    for (size_t i = 0; i < nc; i++) {
        summ_cand *c = &d->cand[i];
        const unsigned char *p = s + c->start;
        size_t len = c->end - c->start;
        c->x[SUMM_F_BIAS] = 1;
        c->x[SUMM_F_FIRST] = i == 0;
        c->x[SUMM_F_SECOND] = i == 1;
        c->x[SUMM_F_THIRD] = i == 2;
        c->x[SUMM_F_LOG_POS] = (float)log1p((double)i);
        c->x[SUMM_F_INV_POS] = 1.0f / (float)(i + 1);
        c->x[SUMM_F_REL_POS] = (float)i / (float)nc;
        c->x[SUMM_F_CENT_REL] =
            maxcent > 0 ? (float)((c->x[SUMM_F_CENT_FWD] + c->x[SUMM_F_CENT_BWD]) / maxcent) : 0;
        c->x[SUMM_F_CENT_FWD] = nc > 1 ? c->x[SUMM_F_CENT_FWD] / (float)(nc - 1) : 0;
        c->x[SUMM_F_CENT_BWD] = nc > 1 ? c->x[SUMM_F_CENT_BWD] / (float)(nc - 1) : 0;
        c->x[SUMM_F_LOG_WORDS] = (float)log1p((double)c->words);
        c->x[SUMM_F_SHORT] = c->words < 8;
        c->x[SUMM_F_LONG] = c->words > 40;
        c->x[SUMM_F_REL_LEN] = mean_words > 0 ? (float)(c->words / mean_words) : 0;
        c->x[SUMM_F_QUOTE] = (float)opens_with_quote(p, len);
        c->x[SUMM_F_QUESTION] = (float)ends_with_question(p, len);
        c->x[SUMM_F_POS4] = i == 3;
        c->x[SUMM_F_POS5] = i == 4;
        c->x[SUMM_F_POS6] = i == 5;
        c->x[SUMM_F_POS7_10] = i >= 6 && i < 10;
        c->x[SUMM_F_POS11_15] = i >= 10 && i < 15;
        c->x[SUMM_F_POS16_25] = i >= 15 && i < 25;
        c->x[SUMM_F_POS26] = i >= 25;
        c->x[SUMM_F_LOG_WPOS] = (float)log1p((double)wpos);
        wpos += c->wwords;
        uint32_t w = c->wwords;
        c->x[SUMM_F_W1_9] = w < 10;
        c->x[SUMM_F_W10_19] = w >= 10 && w < 20;
        c->x[SUMM_F_W30_44] = w >= 30 && w < 45;
        c->x[SUMM_F_W45_59] = w >= 45 && w < 60;
        c->x[SUMM_F_W60] = w >= 60;
        c->x[SUMM_F_REL_LONG] = c->x[SUMM_F_REL_LEN] > 2;
        c->x[SUMM_F_CAPTION] = (float)looks_like_caption(p, len);
    }
}

int summ_doc_analyse(summ_doc *d, const char *text, size_t n, const char *title, size_t tn)
{
    const unsigned char *s = (const unsigned char *)text;
    if (!stop_ready) stop_init();
    if (d->nindex == 0 && index_grow(d) < 0) return -1;
    index_clear(d);
    d->ncand = d->nterms = d->ntitle = 0;
    if (np_split_sentences(text, n, &d->sents) < 0) return -1;
    if (collect_candidates(d, s, text) < 0) return -1;
    if (d->ncand == 0) return 0;
    double total_words = weigh_terms(d);
    double maxcent = centrality(d);
    if (title && tn && title_similarity(d, title, tn) < 0) return -1;
    surface_features(d, s, total_words, maxcent);
    return 0;
}

void summ_doc_free(summ_doc *d)
{
    np_sentences_free(&d->sents);
    free(d->cand);
    free(d->terms);
    free(d->key);
    free(d->sf);
    free(d->last);
    free(d->acc);
    free(d->bucket);
    free(d->index);
    free(d->title);
    memset(d, 0, sizeof *d);
}
