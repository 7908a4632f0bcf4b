/* Static feature extraction (see feature.h). One pass over the document computes per-token
 * hashes (word, lower-cased word, shapes, gazetteer and cluster values); a second pass emits
 * each token's features from its own and its neighbours' values. Everything is linear in the
 * document's bytes; long tokens are hashed whole but their shapes are capped. */
#include "feature.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

enum {
    T_BIAS = 1,
    T_W,
    T_L,
    T_LM1,
    T_LP1,
    T_LM2,
    T_LP2,
    T_PRE,
    T_SUF,
    T_SH,
    T_SHM1,
    T_SHP1,
    T_SSH3,
    T_BI_M1,
    T_BI_P1,
    T_START_CAP,
    T_CAPS_SENT,
    T_GAZ,
    T_GAZM1,
    T_GAZP1,
    T_CLU,
    T_CLUM1,
    T_CLUP1,
    T_LOWER_SEEN,
    T_LM1_SSH,
    T_SSH_LP1,
    T_CAPM1_CAP_CAPP1,
    T_START_W,
    T_LEN,
    T_GAZ_CAP,
    T_LONE_CAPS,
    T_CLU_CAP,
    T_WM1,
    T_WP1,
    T_SSH_M2P2,
    T_LM1_CLU,
    T_CLU_LP1,
    T_TOPIC_GAZ,
    T_TOPIC_CAP,
    T_CLU2, /* the second family's, in the same order as T_CLU.. */
    T_CLU2M1,
    T_CLU2P1,
    T_CLU2_CAP,
    T_LM1_CLU2,
    T_CLU2_LP1,
    T_AGG_M1, /* a word before the same word elsewhere in the document */
    T_AGG_P1, /* a word after it */
};

#define SEED_WORD  0x5EEDF00DULL
#define SEED_SHAPE 0x5EEDBEEFULL
#define BOS_KEY    0xB05B05B05ULL
#define EOS_KEY    0xE05E05E05ULL

/* Appends a feature to x[k] (bounded by ETAG_MAXFEAT). */
#define P(v)                                                                                       \
    do {                                                                                           \
        if (k < ETAG_MAXFEAT) x[k++] = (v);                                                        \
    } while (0)

/* Decodes one code point at s[*i] (invalid bytes count as U+FFFD of one byte). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (need == 1 || *i + need > n) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t cp = c & (0x3F >> (need - 1));
    for (size_t k = 1; k < need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[*i + k] & 0x3F);
    }
    *i += need;
    return cp;
}

/* 1 upper-case letter, 2 lower-case letter, 3 other letter, 4 digit, 0 anything else. */
static int char_class(uint32_t c)
{
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') return 1;
        if (c >= 'a' && c <= 'z') return 2;
        if (c >= '0' && c <= '9') return 4;
        return 0;
    }
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA ? 2 : 0; /* Latin-1 symbols */
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return 1;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7) return 2;
    if (c >= 0x100 && c <= 0x17F) return (c & 1) ? 2 : 1;
    if (c >= 0x391 && c <= 0x3A9) return 1;
    if (c >= 0x3B1 && c <= 0x3C9) return 2;
    if (c >= 0x400 && c <= 0x42F) return 1;
    if (c >= 0x430 && c <= 0x45F) return 2;
    if (c >= 0x2000 && c <= 0x2BFF) return 0; /* punctuation and symbols */
    if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xFE00 && c <= 0xFE0F) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || c == 0xFFFD ||
        (c >= 0xE0000 && c <= 0xE01EF))
        return 0; /* emoji, variation selectors, CJK and full-width punctuation */
    if (c >= 0x300 && c <= 0x36F) return 0;
    return 3;
}

static uint32_t lower_cp(uint32_t c)
{
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F && !(c & 1)) return c + 1;
    if (c >= 0x391 && c <= 0x3A9) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c == 0x2019) return '\''; /* curly apostrophe: "’s" is "'s" */
    return c;
}

static void put_cp(np_buf *b, uint32_t c)
{
    char tmp[4];
    size_t k;
    if (c < 0x80) {
        tmp[0] = (char)c;
        k = 1;
    } else if (c < 0x800) {
        tmp[0] = (char)(0xC0 | c >> 6);
        tmp[1] = (char)(0x80 | (c & 0x3F));
        k = 2;
    } else if (c < 0x10000) {
        tmp[0] = (char)(0xE0 | c >> 12);
        tmp[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (c & 0x3F));
        k = 3;
    } else {
        tmp[0] = (char)(0xF0 | c >> 18);
        tmp[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (c & 0x3F));
        k = 4;
    }
    np_buf_append(b, tmp, k); /* space was reserved by the caller */
}

/* Lower-cases s into scratch (cleared first). Returns -1 when out of memory. */
static int lower_into(const char *s, size_t len, np_buf *scratch)
{
    np_buf_clear(scratch);
    if (np_buf_reserve(scratch, len + 4) < 0) return -1;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            scratch->data[scratch->len++] = (char)((u[i] >= 'A' && u[i] <= 'Z') ? u[i] + 32 : u[i]);
            i++;
            continue;
        }
        put_cp(scratch, lower_cp(next_cp(u, len, &i)));
    }
    scratch->data[scratch->len] = '\0';
    return 0;
}

uint64_t etag_word_key(const char *s, size_t len, np_buf *scratch)
{
    if (lower_into(s, len, scratch) < 0) return np_hash64(s, len, SEED_WORD);
    return np_hash64(scratch->data, scratch->len, SEED_WORD);
}

uint64_t etag_gaz_chain(uint64_t prev, uint64_t word)
{
    return np_mix64(prev * 0x2545F4914F6CDD1DULL + word) | 1;
}

uint32_t etag_gaz_word(const etag_lexicon *gaz, const char *s, size_t len, np_buf *scratch)
{
    return etag_lexicon_get(gaz, etag_gaz_chain(0, etag_word_key(s, len, scratch)));
}

uint32_t etag_gaz_words(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t a, size_t b)
{
    if (etag_lexicon_empty(gaz)) return 0;
    uint64_t key = 0;
    int nw = 0;
    for (size_t i = a; i < b;) {
        while (i < b && s[i] == ' ') i++;
        size_t j = i;
        while (j < b && s[j] != ' ') j++;
        if (j > i) {
            key = etag_gaz_chain(key, etag_word_key(s + i, j - i, scratch));
            nw++;
        }
        i = j;
    }
    return nw ? etag_lexicon_get(gaz, key) : 0;
}

uint32_t etag_gaz_tokens(const etag_lexicon *gaz, const char *s, const np_token *tk, uint32_t first,
                         uint32_t n, np_buf *scratch)
{
    uint64_t key = 0;
    for (uint32_t i = first; i < first + n; i++)
        key = etag_gaz_chain(key, etag_word_key(s + tk[i].start, tk[i].end - tk[i].start, scratch));
    return etag_lexicon_get(gaz, key);
}

static int grow_tokens(etag_features *f, size_t n)
{
    if (n + 1 <= f->cap_tok) return 0;
    size_t cap = f->cap_tok ? f->cap_tok : 256;
    while (cap < n + 1) cap *= 2;
#define GROW(p, T)                                                                                 \
    do {                                                                                           \
        T *q = realloc(f->p, cap * sizeof(T));                                                     \
        if (!q) return -1;                                                                         \
        f->p = q;                                                                                  \
    } while (0)
    GROW(hl, uint64_t);
    GROW(cap, uint8_t);
    GROW(hw, uint64_t);
    GROW(hs, uint64_t);
    GROW(hss, uint64_t);
    GROW(gaz, uint32_t);
    GROW(clu, uint32_t);
    GROW(clu2, uint32_t);
    GROW(tf, uint8_t);
#undef GROW
    f->cap_tok = cap;
    return 0;
}

/* Per-token flags beyond ETAG_TF_*. */
enum { TF_CAPS_SENT = 0x10, TF_LOWER_SEEN = 0x20 };

/* Word, lower-case, shape and case class of one token. */
static int token_values(etag_features *f, size_t i, const etag_tok *t)
{
    const unsigned char *u = (const unsigned char *)t->s;
    size_t n = t->len;
    f->hw[i] = np_hash64(t->s, n, SEED_WORD ^ 0x77);
    if (lower_into(t->s, n, &f->scratch) < 0) return -1;
    f->hl[i] = np_hash64(f->scratch.data, f->scratch.len, SEED_WORD);

    /* shape: X x d L or the character itself; runs capped at 3 (shape) and 1 (short shape) */
    char sh[40], ss[40];
    size_t shn = 0, ssn = 0, run = 0;
    char prev = 0;
    int first = -1, upper = 0, lower = 0, digit = 0, letters = 0;
    for (size_t i2 = 0; i2 < n && shn < 32;) {
        uint32_t c = next_cp(u, n, &i2);
        int k = char_class(c);
        char ch = k == 1     ? 'X'
                  : k == 2   ? 'x'
                  : k == 3   ? 'L'
                  : k == 4   ? 'd'
                  : c < 0x80 ? (char)c
                             : '#';
        if (first < 0) first = k;
        upper += k == 1;
        lower += k == 2;
        digit += k == 4;
        letters += k >= 1 && k <= 3;
        run = ch == prev ? run + 1 : 1;
        if (run <= 3) sh[shn++] = ch;
        if (run == 1) ss[ssn++] = ch;
        prev = ch;
    }
    if (n > 0 && shn >= 32) { /* long token: count the rest for the case class only */
        sh[shn++] = '~';
    }
    f->hs[i] = np_hash64(sh, shn, SEED_SHAPE);
    f->hss[i] = np_hash64(ss, ssn, SEED_SHAPE + 1);
    uint8_t cc;
    if (first == 1)
        cc = lower == 0 ? (letters >= 2 ? ETAG_CAP_ALL : ETAG_CAP_ONE) : ETAG_CAP_INIT;
    else if (first == 2)
        cc = upper ? ETAG_CAP_MIXED : ETAG_CAP_LOWER;
    else if (first == 3)
        cc = ETAG_CAP_INIT; /* caseless scripts: name-like */
    else if (first == 4 || digit)
        cc = ETAG_CAP_DIGIT;
    else
        cc = ETAG_CAP_OTHER;
    f->cap[i] = cc;
    return 0;
}

/* Affix hashes: first / last k code points of the lower-cased token (k = 1..AFFIX_MAX; 5
 * rather than 4 gained 0.1-0.6 dev F1 on each of three seeds, 6 lost again). Only the first
 * and last 16 bytes matter, so long tokens cost nothing extra. */
#define AFFIX_MAX 5
static size_t affixes(etag_features *f, size_t i, uint64_t *x, size_t k)
{
    const etag_tok *t = &f->toks[i];
    char buf[40];
    size_t n = t->len;
    /* lower-case the head and the tail separately (both at code-point boundaries) */
    size_t hn = 0, tn = 0, tail = n > 16 ? n - 16 : 0;
    while (tail > 0 && tail < n && ((unsigned char)t->s[tail] & 0xC0) == 0x80) tail--;
    size_t head = n < 16 ? n : 16;
    while (head < n && ((unsigned char)t->s[head] & 0xC0) == 0x80) head++;
    if (lower_into(t->s, head, &f->scratch) < 0) return k;
    hn = f->scratch.len < sizeof buf ? f->scratch.len : sizeof buf;
    memcpy(buf, f->scratch.data, hn);
    const unsigned char *u = (const unsigned char *)buf;
    size_t ends[AFFIX_MAX + 1] = {0}, m = 0;
    for (size_t j = 0; j < hn && m < AFFIX_MAX;) {
        next_cp(u, hn, &j);
        ends[++m] = j;
    }
    for (size_t j = 1; j <= m; j++) P(etag_feat(T_PRE, j, np_hash64(u, ends[j], SEED_WORD)));
    if (lower_into(t->s + tail, n - tail, &f->scratch) < 0) return k;
    u = (const unsigned char *)f->scratch.data;
    tn = f->scratch.len;
    size_t s = tn;
    for (size_t j = 1; j <= AFFIX_MAX && s > 0; j++) {
        s--;
        while (s > 0 && (u[s] & 0xC0) == 0x80) s--;
        P(etag_feat(T_SUF, j, np_hash64(u + s, tn - s, SEED_WORD)));
    }
    return k;
}

/* Gazetteer matches: for each start token that is capitalized, the longest entry of each
 * category; each covered token gets (category, B/I/L/U) bits: 3 bits per category. */
static void gazetteer(etag_features *f, const etag_resources *r, size_t n)
{
    memset(f->gaz, 0, n * sizeof *f->gaz);
    if (etag_lexicon_empty(&r->gaz)) return;
    for (size_t i = 0; i < n; i++) {
        uint8_t cc = f->cap[i];
        if (cc != ETAG_CAP_INIT && cc != ETAG_CAP_ALL && cc != ETAG_CAP_ONE &&
            cc != ETAG_CAP_MIXED && cc != ETAG_CAP_DIGIT)
            continue;
        uint64_t key = 0;
        size_t best[ETAG_GAZ_NCAT] = {0};
        for (size_t j = i; j < n && j < i + ETAG_GAZ_MAXLEN; j++) {
            if (j > i && (f->tf[j] & ETAG_TF_SENT_START)) break;
            key = etag_gaz_chain(key, f->hl[j]);
            uint32_t v = etag_lexicon_get(&r->gaz, key);
            if (!v) break;
            for (int c = 0; c < ETAG_GAZ_NCAT; c++)
                if (v & (1u << c)) best[c] = j - i + 1;
            if (!(v & ETAG_GAZ_PREFIX)) break;
        }
        for (int c = 0; c < ETAG_GAZ_NCAT; c++) {
            size_t m = best[c];
            if (!m) continue;
            for (size_t j = i; j < i + m; j++) {
                uint32_t pos = m == 1 ? 4 : j == i ? 1 : j + 1 == i + m ? 3 : 2;
                uint32_t cur = (f->gaz[j] >> (3 * c)) & 7;
                if (cur == 0 || m > 1) /* a longer match wins over a single-token one */
                    f->gaz[j] = (f->gaz[j] & ~(7u << (3 * c))) | pos << (3 * c);
            }
        }
    }
}

/* Notes a lower-case use of token i's word (not sentence-initial) in the document map. */
static int note_lower(etag_features *f, size_t i)
{
    if (f->cap[i] == ETAG_CAP_LOWER && !(f->tf[i] & ETAG_TF_SENT_START)) {
        etag_docmap_entry *e = etag_docmap_get(&f->seen, f->hl[i]);
        if (!e) return -1;
        e->cnt[5] = 1;
    }
    return 0;
}

/* A word whose contexts are aggregated: decode.c's name-like words less one capital letter
 * alone ("A", "I"), whose other occurrences are mostly other words. */
static int ctx_name_like(uint8_t c)
{
    return c == ETAG_CAP_INIT || c == ETAG_CAP_ALL || c == ETAG_CAP_MIXED;
}

static uint16_t ctx16(uint64_t h)
{
    uint16_t v = (uint16_t)(h >> 48);
    return v ? v : 1;
}

static void ctx_add(uint16_t *slot, uint16_t v)
{
    for (int k = 0; k < 3; k++) {
        if (slot[k] == v) return;
        if (!slot[k]) {
            slot[k] = v;
            return;
        }
    }
}

static void ctx_reset(etag_features *f)
{
    etag_docmap_reset(&f->ctx);
    f->ctx_prev = 0;
    f->ctx_prev_name = 0;
}

/* Notes token i (array index; start: it opens a sentence) in the context map, in document
 * order: the word before a name-like word, and this word after the previous one. */
static int note_context(etag_features *f, size_t i, int start)
{
    if (!f->context) return 0;
    uint64_t h = f->hl[i];
    int name = ctx_name_like(f->cap[i]);
    if (!start && f->ctx_prev_name) {
        etag_docmap_entry *e = etag_docmap_get(&f->ctx, f->ctx_prev);
        if (!e) return -1;
        ctx_add(e->cnt + 3, ctx16(h));
    }
    if (name) {
        etag_docmap_entry *e = etag_docmap_get(&f->ctx, h);
        if (!e) return -1;
        if (!start) ctx_add(e->cnt, ctx16(f->ctx_prev));
    }
    f->ctx_prev = h;
    f->ctx_prev_name = name;
    return 0;
}

/* The document's topic word: a first token in capitals of three letters or more followed by
 * "-" within the next three tokens, as wire headings open ("SOCCER - JAPAN GET LUCKY WIN",
 * "CRICKET - ..."); else 0. In a sports report a city's name is mostly a team (ORG), in
 * others a place: the topic conjoined with the gazetteer's category lets the model learn
 * that (folds +0.3 F1, every seed). Reads f->cap[0] and f->hl[0]. */
static uint64_t topic_of(const etag_features *f, const etag_tok *toks, size_t n)
{
    if (!n || f->cap[0] != ETAG_CAP_ALL || toks[0].len < 3) return 0;
    for (size_t j = 1; j < n && j < 4; j++)
        if (toks[j].len == 1 && toks[j].s[0] == '-') return f->hl[0];
    return 0;
}

int etag_features_scan(etag_features *f, const etag_tok *toks, size_t n, size_t block)
{
    f->n = 0;
    if (block == 0) block = n;
    if (grow_tokens(f, block < n ? block : n) < 0) return -1;
    etag_docmap_reset(&f->seen);
    ctx_reset(f);
    for (size_t a = 0; a < n; a += block) {
        size_t b = n - a < block ? n : a + block;
        for (size_t i = a; i < b; i++) {
            if (token_values(f, i - a, &toks[i]) < 0) return -1;
            f->tf[i - a] = toks[i].flags & ETAG_TF_SENT_START;
            if (i == 0) f->tf[0] |= ETAG_TF_SENT_START;
            if (note_lower(f, i - a) < 0) return -1;
            if (note_context(f, i - a, f->tf[i - a] & ETAG_TF_SENT_START) < 0) return -1;
        }
        if (a == 0) f->topic = topic_of(f, toks, b);
    }
    return 0;
}

/* Per-token values of toks[0..n); doc: also (re)build the document map from these tokens
 * (the whole document), else keep the one etag_features_scan() built. */
static int compute(etag_features *f, const etag_resources *r, const etag_tok *toks, size_t n,
                   int doc)
{
    f->n = 0;
    if (grow_tokens(f, n) < 0) return -1;
    if (doc) {
        etag_docmap_reset(&f->seen);
        ctx_reset(f);
    }
    for (size_t i = 0; i < n; i++) {
        if (token_values(f, i, &toks[i]) < 0) return -1;
        f->tf[i] = toks[i].flags & ETAG_TF_SENT_START;
        if (i == 0) f->tf[i] |= ETAG_TF_SENT_START;
        f->clu[i] = f->clu2[i] = 0;
        if (!etag_lexicon_empty(&r->clusters)) {
            f->clu[i] = etag_lexicon_get(&r->clusters, f->hl[i]);
            f->clu2[i] = etag_lexicon_get(&r->clusters, f->hl[i] ^ ETAG_CLU2_SALT);
        }
        /* lower-case uses of a word anywhere in the document (not sentence-initial) */
        if (doc && note_lower(f, i) < 0) return -1;
        if (doc && note_context(f, i, f->tf[i] & ETAG_TF_SENT_START) < 0) return -1;
    }
    if (doc) f->topic = topic_of(f, toks, n);
    /* all-caps sentences (headlines): no lower-case word, at least two capitalized ones */
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && !(f->tf[b] & ETAG_TF_SENT_START)) b++;
        int lowers = 0, caps = 0;
        for (size_t i = a; i < b; i++) {
            lowers += f->cap[i] == ETAG_CAP_LOWER || f->cap[i] == ETAG_CAP_INIT ||
                      f->cap[i] == ETAG_CAP_MIXED;
            caps += f->cap[i] == ETAG_CAP_ALL;
        }
        if (!lowers && caps >= 2)
            for (size_t i = a; i < b; i++) f->tf[i] |= TF_CAPS_SENT;
        a = b;
    }
    for (size_t i = 0; i < n; i++) {
        if (f->cap[i] == ETAG_CAP_INIT || f->cap[i] == ETAG_CAP_ALL) {
            etag_docmap_entry *e = etag_docmap_find(&f->seen, f->hl[i]);
            if (e && e->cnt[5]) f->tf[i] |= TF_LOWER_SEEN;
        }
    }
    gazetteer(f, r, n);

    f->toks = toks;
    f->n = n;
    return 0;
}

int etag_features_compute(etag_features *f, const etag_resources *r, const etag_tok *toks, size_t n)
{
    return compute(f, r, toks, n, 1);
}

int etag_features_window(etag_features *f, const etag_resources *r, const etag_tok *toks, size_t n)
{
    return compute(f, r, toks, n, 0);
}

/* Appends the word-class features of family fam (0, 1) of token i and its neighbours. */
static size_t classes(const etag_features *f, const uint32_t *clu, size_t i, int start, int end,
                      int fam, uint64_t *x, size_t k)
{
    static const unsigned width[3] = {6, 8, 10}, shift[3] = {0, 6, 14};
    uint32_t base = fam ? T_CLU2 : T_CLU, capt = fam ? T_CLU2_CAP : T_CLU_CAP;
    uint32_t cl[3] = {start ? 0 : clu[i - 1], clu[i], end ? 0 : clu[i + 1]};
    for (int w = 0; w < 3; w++) {
        uint32_t v = cl[w];
        if (!v) continue;
        for (int g = w == 1 ? 0 : 1; g < 3; g++) {
            uint32_t id = (v >> shift[g]) & ((1u << width[g]) - 1);
            P(etag_feat(base + (uint32_t)w, (uint64_t)g, id));
        }
        if (w == 1) P(etag_feat(capt, (v >> shift[1]) & 0xFF, f->cap[i]));
    }
    return k;
}

size_t etag_features_token(etag_features *f, size_t i, uint64_t *x)
{
    size_t k = 0, n = f->n;
    int start = f->tf[i] & ETAG_TF_SENT_START;
    int end = i + 1 >= n || (f->tf[i + 1] & ETAG_TF_SENT_START);
    int start1 = start || i < 1 || (f->tf[i - 1] & ETAG_TF_SENT_START);
    int end1 = end || i + 2 >= n || (f->tf[i + 2] & ETAG_TF_SENT_START);
    uint64_t lm1 = start ? BOS_KEY : f->hl[i - 1];
    uint64_t lm2 = start1 ? BOS_KEY : f->hl[i - 2];
    uint64_t lp1 = end ? EOS_KEY : f->hl[i + 1];
    uint64_t lp2 = end1 ? EOS_KEY : f->hl[i + 2];
    uint64_t sm1 = start ? BOS_KEY : f->hs[i - 1], sp1 = end ? EOS_KEY : f->hs[i + 1];
    uint64_t ssm1 = start ? BOS_KEY : f->hss[i - 1], ssp1 = end ? EOS_KEY : f->hss[i + 1];
    uint64_t cm1 = start ? 9 : f->cap[i - 1], cp1 = end ? 9 : f->cap[i + 1];
    uint8_t cc = f->cap[i];
    P(etag_feat(T_BIAS, 0, 0));
    P(etag_feat(T_W, f->hw[i], 0));
    P(etag_feat(T_L, f->hl[i], 0));
    P(etag_feat(T_LM1, lm1, 0));
    P(etag_feat(T_LP1, lp1, 0));
    P(etag_feat(T_LM2, lm2, 0));
    P(etag_feat(T_LP2, lp2, 0));
    P(etag_feat(T_SH, f->hs[i], 0));
    P(etag_feat(T_SHM1, sm1, f->hss[i]));
    P(etag_feat(T_SHP1, sp1, f->hss[i]));
    P(etag_feat(T_SSH3, ssm1 * 31 + f->hss[i], ssp1));
    P(etag_feat(T_BI_M1, lm1, f->hl[i]));
    P(etag_feat(T_BI_P1, f->hl[i], lp1));
    P(etag_feat(T_LM1_SSH, lm1, f->hss[i]));
    P(etag_feat(T_SSH_LP1, f->hss[i], lp1));
    P(etag_feat(T_CAPM1_CAP_CAPP1, cm1 * 16 + cc, cp1));
    P(etag_feat(T_START_CAP, (uint64_t)(start != 0), cc));
    if (start) P(etag_feat(T_START_W, f->hl[i], 0));
    P(etag_feat(T_CAPS_SENT, (f->tf[i] & TF_CAPS_SENT) != 0, f->hss[i]));
    P(etag_feat(T_LOWER_SEEN, (f->tf[i] & TF_LOWER_SEEN) != 0, cc));
    P(etag_feat(T_LEN, f->toks[i].len > 12 ? 12 : f->toks[i].len, cc));
    if (!start) P(etag_feat(T_WM1, f->hw[i - 1], 0));
    if (!start) P(etag_feat(T_LM1_CLU, lm1, f->clu[i] ? (f->clu[i] >> 6) & 0xFF : 999));
    if (!end) P(etag_feat(T_CLU_LP1, lp1, f->clu[i] ? (f->clu[i] >> 6) & 0xFF : 999));
    if (f->clu2[i]) { /* no "999" for a word the second family lacks: one-family models */
        if (!start) P(etag_feat(T_LM1_CLU2, lm1, (f->clu2[i] >> 6) & 0xFF));
        if (!end) P(etag_feat(T_CLU2_LP1, lp1, (f->clu2[i] >> 6) & 0xFF));
    }
    if (!end) P(etag_feat(T_WP1, f->hw[i + 1], 0));
    P(etag_feat(T_SSH_M2P2, (start1 ? BOS_KEY : f->hss[i - 2]) * 31 + ssm1,
                (ssp1 * 31) ^ (end1 ? EOS_KEY : f->hss[i + 2])));
    for (int c = 0; c < ETAG_GAZ_NCAT; c++) {
        uint32_t p = (f->gaz[i] >> (3 * c)) & 7;
        if (p) {
            P(etag_feat(T_GAZ, (uint64_t)c, p));
            P(etag_feat(T_GAZ_CAP, (uint64_t)c * 8 + p, cc));
        }
        if (!start && ((f->gaz[i - 1] >> (3 * c)) & 7))
            P(etag_feat(T_GAZM1, (uint64_t)c, (f->gaz[i - 1] >> (3 * c)) & 7));
        if (!end && ((f->gaz[i + 1] >> (3 * c)) & 7))
            P(etag_feat(T_GAZP1, (uint64_t)c, (f->gaz[i + 1] >> (3 * c)) & 7));
    }
    /* word classes at three granularities (see clusters.h) for this word, and the two
     * finer ones for its neighbours; then the same for the second family, if any */
    k = classes(f, f->clu, i, start, end, 0, x, k);
    k = classes(f, f->clu2, i, start, end, 1, x, k);
    /* the document's topic with the case and the gazetteer categories of a capitalized word */
    if (f->topic && cc != ETAG_CAP_LOWER) {
        P(etag_feat(T_TOPIC_CAP, f->topic, cc));
        for (int c = 0; c < ETAG_GAZ_NCAT; c++) {
            uint32_t p = (f->gaz[i] >> (3 * c)) & 7;
            if (p) P(etag_feat(T_TOPIC_GAZ, f->topic * 31 + (uint64_t)c, p));
        }
    }
    /* the words around the same name elsewhere in the document (context aggregation) */
    if (f->context && ctx_name_like(cc)) {
        etag_docmap_entry *e = etag_docmap_find(&f->ctx, f->hl[i]);
        if (e) {
            uint16_t own_m1 = start ? 0 : ctx16(f->hl[i - 1]),
                     own_p1 = end ? 0 : ctx16(f->hl[i + 1]);
            for (int q = 0; q < 3; q++) {
                if (e->cnt[q] && e->cnt[q] != own_m1) P(etag_feat(T_AGG_M1, e->cnt[q], 0));
                if (e->cnt[3 + q] && e->cnt[3 + q] != own_p1)
                    P(etag_feat(T_AGG_P1, e->cnt[3 + q], 0));
            }
        }
    }
    k = affixes(f, i, x, k);
    return k;
}

void etag_features_free(etag_features *f)
{
    free(f->hl);
    free(f->cap);
    free(f->hw);
    free(f->hs);
    free(f->hss);
    free(f->gaz);
    free(f->clu);
    free(f->clu2);
    free(f->tf);
    np_buf_free(&f->scratch);
    etag_docmap_free(&f->seen);
    etag_docmap_free(&f->ctx);
    memset(f, 0, sizeof *f);
}
