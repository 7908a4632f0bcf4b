/* Open-addressing set of 64-bit values (see wordset.h). The values are mixed before they
 * pick a slot, so keys with poor low bits (small integers) probe as well as hashes do. */
#include "wordset.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

void np_wordset_init_fixed(np_wordset *s, uint64_t *slots, size_t cap)
{
    memset(slots, 0, cap * sizeof *slots);
    s->slot = slots;
    s->cap = cap;
    s->n = 0;
    s->has_zero = false;
    s->fixed = true;
}

/* The slot holding v, or the empty slot where it would go. */
static size_t probe(const np_wordset *s, uint64_t v)
{
    size_t mask = s->cap - 1, i = np_mix64(v) & mask;
    while (s->slot[i] && s->slot[i] != v) i = (i + 1) & mask;
    return i;
}

static int grow(np_wordset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    uint64_t *old = s->slot;
    size_t old_cap = s->cap;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    s->slot = t;
    s->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i]) s->slot[probe(s, old[i])] = old[i];
    free(old);
    return 0;
}

int np_wordset_add(np_wordset *s, uint64_t v)
{
    if (v == 0) {
        s->has_zero = true;
        return 0;
    }
    if (s->cap && s->slot[probe(s, v)] == v) return 0;
    if ((s->n + 1) * 4 > s->cap * 3) {
        if (s->fixed || grow(s)) return -1;
    }
    s->slot[probe(s, v)] = v;
    s->n++;
    return 0;
}

int np_wordset_add_words(np_wordset *s, const char *const *words, size_t n,
                         uint64_t (*hash)(const char *word, size_t len))
{
    for (size_t i = 0; i < n; i++)
        if (np_wordset_add(s, hash(words[i], strlen(words[i])))) return -1;
    return 0;
}

bool np_wordset_has(const np_wordset *s, uint64_t v)
{
    if (v == 0) return s->has_zero;
    return s->cap && s->slot[probe(s, v)] == v;
}

void np_wordset_free(np_wordset *s)
{
    if (!s->fixed) free(s->slot);
    s->slot = NULL;
    s->cap = s->n = 0;
    s->has_zero = false;
}
