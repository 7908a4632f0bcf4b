/* Name normalization (see names.h); the word lists it reads are in words.c. */
#include "names.h"

#include <string.h>

#include "words.h"

static int is_legal_only(uint64_t h)
{
    return tl_word_in(TL_W_LEGAL, h);
}

static int is_group(uint64_t h)
{
    return tl_word_in(TL_W_GROUP, h);
}

int tl_is_common_word(uint64_t h)
{
    return tl_word_in(TL_W_COMMON, h);
}

int tl_is_end_connector(uint64_t h)
{
    static uint64_t conn[4];
    if (!conn[0]) {
        conn[0] = tl_word_hash("and", 3);
        conn[1] = tl_word_hash("of", 2);
        conn[2] = tl_word_hash("de", 2);
        conn[3] = tl_word_hash("the", 3);
    }
    for (int c = 0; c < 4; c++)
        if (h == conn[c]) return 1;
    return 0;
}

int tl_is_legal_word(uint64_t h)
{
    return is_legal_only(h) || is_group(h);
}

uint64_t tl_legal_form_kind(uint64_t h)
{
    static const char *const spellings[][2] = {
        {"incorporated", "inc"}, {"corporation", "corp"},
        {"company", "co"},       {"companies", "co"},
        {"cos", "co"},           {"limited", "ltd"},
        {"berhad", "bhd"},       {"aktiengesellschaft", "ag"},
    };
    enum { N = sizeof spellings / sizeof *spellings };
    static uint64_t long_h[N], short_h[N];
    if (!long_h[0])
        for (int k = 0; k < N; k++) {
            long_h[k] = tl_word_hash(spellings[k][0], strlen(spellings[k][0]));
            short_h[k] = tl_word_hash(spellings[k][1], strlen(spellings[k][1]));
        }
    if (!is_legal_only(h)) return 0;
    for (int k = 0; k < N; k++)
        if (h == long_h[k]) return short_h[k];
    return h;
}

/* The letters of initials glued by full stops from t[j] ("L.P.", "S.p.A."), folded into
 * f[0..8), as dotted legal forms are listed: their count, 0 when fewer than two. */
static size_t dotted_letters(const char *s, const tl_tok *t, size_t j, size_t nt, char f[8])
{
    size_t m = 0;
    for (size_t k = j; k < nt && m < 8 && t[k].len == 1 && !(t[k].flags & TL_TOK_DIGIT) &&
                       (k > j || !(t[k].flags & TL_TOK_LOWER)) &&
                       (k == j || ((t[k].flags & TL_TOK_GLUE) && s[t[k].b0 - 1] == '.'));
         k++)
        f[m++] = (char)(s[t[k].b0] | 0x20);
    return m >= 2 ? m : 0;
}

size_t tl_legal_form_len(const char *s, const tl_tok *t, size_t e, size_t nt)
{
    if (e >= nt) return 0;
    if (tl_is_legal_word(t[e].h)) return 1;
    /* "& Co" closes a name as "Co" does; "&" before anything else joins two names
     * ("Marks & Spencer", "Johnson & Johnson"). */
    if ((t[e].flags & TL_TOK_AMP) && e + 1 < nt && !(t[e + 1].flags & TL_TOK_LOWER) &&
        !(t[e + 1].flags & TL_TOK_BREAK))
        return tl_word_in(TL_W_AMP_FORM, t[e + 1].h) ? 2 : 0;
    char f[8];
    size_t m = dotted_letters(s, t, e, nt, f);
    return m && tl_word_in(TL_W_DOTTED, tl_word_hash(f, m)) ? m : 0;
}

/* Drops trailing legal forms (words, dotted letter runs such as "S.A.", "& Co") from
 * t[0..*n); s is the name the tokens point into. */
static void strip_legal(const char *s, const tl_tok *t, size_t *n)
{
    static uint64_t public_h;
    if (!public_h) public_h = tl_word_hash("public", 6);
    int stripped = 0;
    for (;;) {
        size_t k = *n;
        if (k <= 1) return;
        /* "Public" before a legal form is part of it: "Vodafone Group Public Limited
         * Company" is "Vodafone Group Plc", "PTT Public Company Limited" is PTT. */
        if (is_legal_only(t[k - 1].h) || (t[k - 1].flags & TL_TOK_AMP) ||
            (stripped && t[k - 1].h == public_h)) {
            *n = k - 1;
            stripped = 1;
            continue;
        }
        if (t[k - 1].len != 1) return;
        size_t j = k - 1;
        while (j > 0 && t[j - 1].len == 1 && (t[j].flags & TL_TOK_GLUE)) j--;
        if (j == 0 || k - j < 2 || k - j > 8) return;
        char letters[8];
        for (size_t i = j; i < k; i++) letters[i - j] = (char)(s[t[i].b0] | 0x20);
        if (!tl_word_in(TL_W_DOTTED, tl_word_hash(letters, k - j))) return;
        *n = j;
    }
}

static void fill_key(const tl_tok *t, size_t n, tl_name_key *k, uint8_t flags)
{
    k->key = TL_KEY_SEED;
    for (size_t i = 0; i < n; i++) {
        k->key = tl_key_step(k->key, t[i].h);
        k->words[i] = t[i].h;
        k->raw0[i] = t[i].b0;
        k->raw1[i] = t[i].b1;
    }
    k->nwords = (uint8_t)n;
    k->len = t[0].len;
    k->flags = flags;
    /* A one-word name is weak unless a curated alias says otherwise ("+Boeing"): surnames,
     * places and common words make one-word matches unreliable, and news copy names a
     * company in full ("Nokia Oyj", "Target Corp") before it shortens it. */
    if (n == 1) k->flags |= TL_KEY_WEAK;
}

int tl_name_keys(const char *s, size_t n, tl_toks *toks, tl_name_key out[2])
{
    if (tl_tokenize(s, n, toks)) return -1;
    const tl_tok *t = toks->t;
    size_t b = 0, e = toks->n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    if (e > 0 && t[0].h == the_h) b = 1;
    /* Cut at the first comma, parenthesis or the like after a word: "Meta Platforms, Inc.",
     * "X (Class A)"; a full stop does not cut ("Dr. Reddy's", "Mr. Cooper"). */
    for (size_t i = b + 1; i < e; i++) {
        if (!(t[i].flags & TL_TOK_BREAK)) continue;
        int cut = 0;
        for (uint32_t k = t[i - 1].b1; k < t[i].b0 && !cut; k++)
            cut = s[k] != '.' && s[k] != ' ' && s[k] != '\'' && s[k] != '-';
        if (cut) {
            e = i;
            break;
        }
    }
    if (e <= b) return 0;
    size_t m = e - b;
    strip_legal(s, t + b, &m);
    if (m == 0 || m > TL_NAME_MAX_WORDS) return 0;
    /* A name cut short at a connector ("The Bank of") is not a name. */
    if (m > 1 && tl_is_end_connector(t[b + m - 1].h)) return 0;
    int nk = 0;
    fill_key(t + b, m, &out[nk++], 0);
    size_t m2 = m;
    while (m2 > 1 && is_group(t[b + m2 - 1].h)) {
        m2--;
        strip_legal(s, t + b, &m2);
    }
    if (m2 < m && m2 > 0) fill_key(t + b, m2, &out[nk++], TL_KEY_SHORT);
    return nk;
}
