/* Feature extraction for the entity tagger: the static features of every token of a document
 * (word, lower-cased word, affixes, shapes, neighbours, gazetteer matches, word clusters,
 * document-level casing), hashed to 64-bit ids. The label-dependent features (previous
 * labels, how the same word was tagged earlier in the document) are added by decode.c. */
#ifndef ETAG_FEATURE_H
#define ETAG_FEATURE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "docmap.h"
#include "lexicon.h"
#include "tokenize.h"

/* A token as the tagger sees it. */
typedef struct {
    const char *s; /* UTF-8 bytes, not NUL-terminated */
    uint32_t len;
    uint8_t flags; /* ETAG_TF_* */
} etag_tok;

enum {
    ETAG_TF_SENT_START = 1, /* first token of a sentence (or of a line, or of a field) */
};

/* Gazetteer categories (bit positions in a gazetteer value). */
enum {
    ETAG_GAZ_ORG,
    ETAG_GAZ_COUNTRY,
    ETAG_GAZ_CITY,
    ETAG_GAZ_REGION,
    ETAG_GAZ_FIRST,
    ETAG_GAZ_MISC,
    ETAG_GAZ_WORG,   /* Wikipedia organisation titles and redirects */
    ETAG_GAZ_WLOC,   /* Wikipedia location titles and redirects */
    ETAG_GAZ_PERSON, /* parts of people's names, first or last ("Akram", "Warne") */
    ETAG_GAZ_NCAT
};
/* Not a feature: one-word company names exactly as listed (no legal suffix was stripped to
 * get them), which the tagger trusts over the model's type for a one-token name (tagger.c).
 * Never a feature, so adding such names leaves a trained model's weights as they are. */
#define ETAG_GAZ_ORGNAME 15
/* Not a feature either: words the training text writes in lower case, except at a sentence's
 * start ("take", "analysts"; gazetteers/lower-words.sh), which begin no person's name at a
 * sentence's start (tagger.c). */
#define ETAG_GAZ_LOWER 14
/* Not a feature either: acronyms news uses as common nouns ("IPO", "QE"; learned from news
 * text by "newspipe-entity-tag acronyms"), which are no entity (acronyms.c). */
#define ETAG_GAZ_ACRONYM 13
/* Not a feature either: names news writes right before a Reuters code ("Fannie Mae",
 * "JPMorgan"; learned from news text by "newspipe-entity-tag coded-names"), which are ORG
 * where the model typed them a person of two words or more or a place the lists do not know
 * (mentions.c). */
#define ETAG_GAZ_CODED  12
#define ETAG_GAZ_PREFIX (1u << 16) /* more tokens of some entry can follow */
#define ETAG_GAZ_MAXLEN 6          /* longest entry, in tokens */

/* What a model carries besides weights. */
typedef struct {
    etag_lexicon gaz;      /* chained token keys -> category bits | ETAG_GAZ_PREFIX */
    etag_lexicon clusters; /* word key -> 1 << 31 | classes (6, 8, 10 bits; clusters.h); a
                            * second family's under etag_word_key() ^ ETAG_CLU2_SALT */
} etag_resources;

/* A second word-class table (classes of other text) shares the lexicon under salted keys, so
 * that models with one family read and tag exactly as before. */
#define ETAG_CLU2_SALT 0xC1A55F2A3B7D0E19ULL

/* Case of the token's first letter and its mix (used by features and by the decoder). */
enum {
    ETAG_CAP_LOWER,
    ETAG_CAP_INIT,
    ETAG_CAP_ALL,
    ETAG_CAP_ONE,
    ETAG_CAP_MIXED,
    ETAG_CAP_DIGIT,
    ETAG_CAP_OTHER
};

/* Most static features one token can have (about 100 at worst: every gazetteer category on
 * the token and both neighbours, two word-class families, in a document with a topic word). */
#define ETAG_MAXFEAT 112

/* Per-document working state, reused across documents: zero-initialize, free with
 * etag_features_free(). etag_features_compute() reads the document once (about 50 bytes per
 * token); etag_features_token() then gives one token's features. */
typedef struct {
    int context;          /* the model's: features from the word's other occurrences (set by
                             the owner; 0 for models trained without them) */
    const etag_tok *toks; /* borrowed from the last etag_features_compute() */
    uint64_t *hl;         /* lower-cased word key per token (used by the decoder's history) */
    uint8_t *cap;         /* ETAG_CAP_* per token */
    size_t n;             /* tokens in the current document */
    /* private */
    uint64_t *hw, *hs, *hss;
    uint32_t *gaz, *clu, *clu2;
    uint8_t *tf;
    uint64_t topic; /* the document's heading word ("SOCCER - ..."), or 0 */
    size_t cap_tok;
    np_buf scratch;
    etag_docmap seen;
    /* Context aggregation: each name-like word's neighbours anywhere in the document, as
     * 16-bit hashes (cnt[0..2] the words before it, cnt[3..5] those after), read by
     * etag_features_token when context is set. */
    etag_docmap ctx;
    uint64_t ctx_prev;
    int ctx_prev_name;
} etag_features;

/* Key of a word for gazetteer and cluster lookup: its lower-cased form hashed. */
uint64_t etag_word_key(const char *s, size_t len, np_buf *scratch);
/* Chains gazetteer keys: the key of tokens t1..tk is etag_gaz_chain(key(t1..tk-1), key(tk)),
 * starting from 0. */
uint64_t etag_gaz_chain(uint64_t prev, uint64_t word);
/* The gazetteer value (ETAG_GAZ_* bits) of the one word s[0..len) as a whole entry, or 0. */
uint32_t etag_gaz_word(const etag_lexicon *gaz, const char *s, size_t len, np_buf *scratch);

/* The gazetteer categories of the space-separated words s[a..b) as one entry, or 0 (also for
 * an empty gazetteer). */
uint32_t etag_gaz_words(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t a,
                        size_t b);
/* The gazetteer value of tokens tk[first .. first + n) of text s as one entry, or 0. */
uint32_t etag_gaz_tokens(const etag_lexicon *gaz, const char *s, const np_token *tk, uint32_t first,
                         uint32_t n, np_buf *scratch);

/* Reads the document toks[0..n) (borrowed until the next call). Returns 0, or -1 when out
 * of memory. */
int etag_features_compute(etag_features *f, const etag_resources *r, const etag_tok *toks,
                          size_t n);
/* Long documents are read in windows, so that the per-token arrays (about 50 bytes a token)
 * stay bounded: etag_features_scan() reads the whole document toks[0..n) once for its
 * document-level facts (which words occur in lower case), block tokens at a time (0: all);
 * then etag_features_window() computes the values of one window of it, like
 * etag_features_compute() but keeping the scan's facts. A window must start at a sentence
 * start to give the same features as the whole document would (its first token is taken as
 * one). Both return 0, or -1 when out of memory. Indices given to etag_features_token() are
 * then relative to the window. */
int etag_features_scan(etag_features *f, const etag_tok *toks, size_t n, size_t block);
int etag_features_window(etag_features *f, const etag_resources *r, const etag_tok *toks, size_t n);
/* Writes token i's static features to x (room for ETAG_MAXFEAT) and returns their count. */
size_t etag_features_token(etag_features *f, size_t i, uint64_t *x);
void etag_features_free(etag_features *f);

/* Hashes a feature template id with up to two values (used by decode.c too). */
static inline uint64_t etag_feat(uint32_t tid, uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) ^ ((uint64_t)tid << 52);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    return x ? x : 1;
}

/* Template ids used by decode.c (features.c uses ids below 100). */
enum {
    ETAG_T_P1 = 100,
    ETAG_T_P2,
    ETAG_T_P1P2,
    ETAG_T_P1W,
    ETAG_T_HLAST,
    ETAG_T_HMAJ,
    ETAG_T_HLAST_CAP,
    ETAG_T_HNEXT,
    ETAG_T_S1,
    ETAG_T_S1W,
    ETAG_T_AGG,
    ETAG_T_AGGMAJ,
    ETAG_T_PASS2,
    ETAG_T_P1CAP,
};

#endif
