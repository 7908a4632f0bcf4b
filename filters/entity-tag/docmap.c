/* Per-document word map with generation stamps (see docmap.h). */
#include "docmap.h"

#include <stdlib.h>
#include <string.h>

void etag_docmap_reset(etag_docmap *m)
{
    m->count = 0;
    if (++m->gen == 0) { /* wrapped: stamps from long ago would look current */
        if (m->e) memset(m->e, 0, ((size_t)m->mask + 1) * sizeof *m->e);
        m->gen = 1;
    }
}

etag_docmap_entry *etag_docmap_find(etag_docmap *m, uint64_t key)
{
    if (!m->e) return NULL;
    uint32_t i = (uint32_t)key & m->mask;
    for (;;) {
        etag_docmap_entry *e = &m->e[i];
        if (e->gen != m->gen) return NULL;
        if (e->key == key) return e;
        i = (i + 1) & m->mask;
    }
}

static int grow(etag_docmap *m)
{
    uint32_t cap = m->e ? (m->mask + 1) * 2 : 256;
    if (cap == 0 || cap > (1u << 28)) return -1;
    etag_docmap_entry *e = calloc(cap, sizeof *e);
    if (!e) return -1;
    if (m->gen == 0) m->gen = 1;
    if (m->e)
        for (uint32_t i = 0; i <= m->mask; i++) {
            if (m->e[i].gen != m->gen) continue;
            uint32_t j = (uint32_t)m->e[i].key & (cap - 1);
            while (e[j].gen == m->gen) j = (j + 1) & (cap - 1);
            e[j] = m->e[i];
        }
    free(m->e);
    m->e = e;
    m->mask = cap - 1;
    return 0;
}

etag_docmap_entry *etag_docmap_get(etag_docmap *m, uint64_t key)
{
    if (!m->e || (m->count + 1) * 2 > m->mask + 1)
        if (grow(m) < 0) return NULL;
    uint32_t i = (uint32_t)key & m->mask;
    for (;;) {
        etag_docmap_entry *e = &m->e[i];
        if (e->gen != m->gen) {
            memset(e, 0, sizeof *e);
            e->key = key;
            e->gen = m->gen;
            m->count++;
            return e;
        }
        if (e->key == key) return e;
        i = (i + 1) & m->mask;
    }
}

void etag_docmap_free(etag_docmap *m)
{
    free(m->e);
    memset(m, 0, sizeof *m);
}
