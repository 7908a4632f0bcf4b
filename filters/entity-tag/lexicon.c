/* Open-addressing tables (linear probing, load at most 1/2) for gazetteers and clusters. */
#include "lexicon.h"

#include <stdlib.h>

static int grow(etag_lexicon_builder *b)
{
    uint32_t cap = b->keys ? (b->mask + 1) * 2 : 1024;
    if (cap == 0 || cap > (1u << 30)) return -1;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    if (b->keys)
        for (uint32_t i = 0; i <= b->mask; i++) {
            if (!b->keys[i]) continue;
            uint32_t j = (uint32_t)b->keys[i] & (cap - 1);
            while (keys[j]) j = (j + 1) & (cap - 1);
            keys[j] = b->keys[i];
            vals[j] = b->vals[i];
        }
    free(b->keys);
    free(b->vals);
    b->keys = keys;
    b->vals = vals;
    b->mask = cap - 1;
    return 0;
}

static uint32_t *slot(etag_lexicon_builder *b, uint64_t key)
{
    if (key == 0) key = 1;
    if (!b->keys || (b->count + 1) * 2 > b->mask + 1)
        if (grow(b) < 0) return NULL;
    uint32_t i = (uint32_t)key & b->mask;
    while (b->keys[i] && b->keys[i] != key) i = (i + 1) & b->mask;
    if (!b->keys[i]) {
        b->keys[i] = key;
        b->vals[i] = 0;
        b->count++;
    }
    return &b->vals[i];
}

int etag_lexicon_or(etag_lexicon_builder *b, uint64_t key, uint32_t bits)
{
    uint32_t *v = slot(b, key);
    if (!v) return -1;
    *v |= bits;
    return 0;
}

int etag_lexicon_set(etag_lexicon_builder *b, uint64_t key, uint32_t val)
{
    uint32_t *v = slot(b, key);
    if (!v) return -1;
    *v = val;
    return 0;
}

etag_lexicon etag_lexicon_view(const etag_lexicon_builder *b)
{
    etag_lexicon x = {b->keys, NULL, b->vals, b->keys ? b->mask : 0, 0, b->count};
    return x;
}

void etag_lexicon_builder_free(etag_lexicon_builder *b)
{
    free(b->keys);
    free(b->vals);
    b->keys = NULL;
    b->vals = NULL;
    b->mask = b->count = 0;
}
