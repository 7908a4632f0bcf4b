/* Aggregation and output (see mention.h): the record's mentions grouped by issuer, weak
 * names kept only with support, one entry per listing of each linked issuer (valid on the
 * article's date), ordered by score, with the evidence that linked it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "json.h"
#include "mention.h"

static tl_agg *new_agg(tl_linker *L)
{
    if (L->nagg == L->aggcap) {
        size_t cap = L->aggcap ? L->aggcap * 2 : 32;
        tl_agg *p = realloc(L->agg, cap * sizeof *p);
        if (!p) return NULL;
        L->agg = p;
        L->aggcap = cap;
    }
    tl_agg *a = &L->agg[L->nagg++];
    memset(a, 0, sizeof *a);
    a->issuer = a->listing = a->mention = TL_NONE;
    return a;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static int same_unknown(const tl_mention *a, const tl_mention *b)
{
    if (a->exch != b->exch) return 0;
    return a->sym_len == b->sym_len && memcmp(a->sym, b->sym, a->sym_len) == 0;
}

static int is_otc(const tl_listing *l)
{
    return strcmp(l->mic, "OTCM") == 0;
}

static int cmp_entries(const void *x, const void *y, void *arg)
{
    const tl_agg *a = &((tl_linker *)arg)->agg[*(const uint32_t *)x];
    const tl_agg *b = &((tl_linker *)arg)->agg[*(const uint32_t *)y];
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    if (a->primary != b->primary) return a->primary > b->primary ? -1 : 1;
    return (*(const uint32_t *)x > *(const uint32_t *)y) -
           (*(const uint32_t *)x < *(const uint32_t *)y);
}

static int cmp_by_issuer(const void *x, const void *y, void *arg)
{
    const tl_mention *m = arg;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (m[a].issuer != m[b].issuer) return m[a].issuer < m[b].issuer ? -1 : 1;
    return (a > b) - (a < b);
}

static int cmp_unknown(const void *x, const void *y, void *arg)
{
    const tl_mention *m = arg;
    const tl_mention *a = &m[*(const uint32_t *)x], *b = &m[*(const uint32_t *)y];
    if (a->exch != b->exch) return (uintptr_t)a->exch < (uintptr_t)b->exch ? -1 : 1;
    size_t n = a->sym_len < b->sym_len ? a->sym_len : b->sym_len;
    int c = memcmp(a->sym, b->sym, n);
    if (c) return c;
    if (a->sym_len != b->sym_len) return a->sym_len < b->sym_len ? -1 : 1;
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    return (i > j) - (i < j);
}

/* The live mentions of issuer is (TL_NONE: unknown listings), in text order: [*lo, *hi) of
 * L->by_issuer. */
static void issuer_range(const tl_linker *L, uint32_t is, size_t *lo, size_t *hi)
{
    size_t a = 0, b = L->n_by_issuer;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (L->m[L->by_issuer[mid]].issuer < is)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = L->n_by_issuer;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (L->m[L->by_issuer[mid]].issuer <= is)
            a = mid + 1;
        else
            b = mid;
    }
    *hi = a;
}

static int put_evidence(tl_linker *L, np_buf *o, const tl_agg *e, int *count)
{
    int n = 0, written = 0;
    if (np_buf_puts(o, "[")) return -1;
    size_t lo, hi;
    if (e->issuer == TL_NONE) {
        lo = e->grp_lo;
        hi = e->grp_hi;
    } else {
        issuer_range(L, e->issuer, &lo, &hi);
    }
    for (size_t q = lo; q < hi; q++) {
        const tl_mention *m = &L->m[L->by_issuer[q]];
        if (m->dead) continue;
        int mine;
        if (e->issuer == TL_NONE)
            mine = m->issuer == TL_NONE && m->listing == TL_NONE && m->method != M_NAME &&
                   m->method != M_ENTITY && same_unknown(m, &L->m[e->mention]);
        else if (m->method == M_NAME || m->method == M_ENTITY)
            mine = m->issuer == e->issuer && (!m->weak || m->cue);
        else
            mine = m->listing == e->listing ||
                   (!e->own_explicit && m->issuer == e->issuer && m->listing != TL_NONE);
        if (!mine) continue;
        n++;
        if (written >= L->max_evidence) continue;
        if (written && np_buf_putc(o, ',')) return -1;
        if (np_buf_puts(o, "{\"field\":") ||
            np_json_put_string(o, L->fields[m->field], strlen(L->fields[m->field])) ||
            np_buf_puts(o, ",\"start\":") || np_buf_put_u64(o, m->cp0) ||
            np_buf_puts(o, ",\"end\":") || np_buf_put_u64(o, m->cp1) ||
            np_buf_puts(o, ",\"method\":\"") || np_buf_puts(o, tl_method_name[m->method]) ||
            np_buf_puts(o, "\"}"))
            return -1;
        written++;
    }
    *count = n;
    return np_buf_putc(o, ']');
}

/* The RIC the article wrote for the listing of entry e, or NULL: the first RIC mention
 * that resolved to it whose suffix names the listing's own exchange ("Olam International
 * (OLAM.SI)" is XSES:O32, and OLAM.SI is its Reuters code; a code resolved through the
 * name to a listing on another exchange of the country is not that listing's code). */
static const tl_mention *written_ric(const tl_linker *L, const tl_agg *e, const tl_listing *l)
{
    if (!e->own_explicit) return NULL;
    const tl_exchange *lx = tl_exchange_by_mic(l->mic, strlen(l->mic));
    size_t lo, hi;
    issuer_range(L, e->issuer, &lo, &hi);
    for (size_t q = lo; q < hi; q++) {
        const tl_mention *m = &L->m[L->by_issuer[q]];
        if (m->method == M_RIC && !m->dead && m->listing == e->listing && m->ric && m->exch && lx &&
            strcmp(m->exch->canonical, lx->canonical) == 0)
            return m;
    }
    return NULL;
}

/* RIC of a listing: the one the article wrote for it, else the table's (learned from
 * articles or a source), else formed from the symbol and the exchange suffix ("BRK-A" on
 * XNYS -> "BRKa.N"). */
static int put_ric(np_buf *o, const tl_listing *l, const tl_mention *written)
{
    if (written) return np_json_put_string(o, written->ric, written->ric_len);
    if (l->ric[0]) return np_json_put_string(o, l->ric, strlen(l->ric));
    const tl_exchange *x = tl_exchange_by_mic(l->mic, strlen(l->mic));
    if (!x || !x->ric[0]) return np_buf_puts(o, "null");
    char buf[64];
    size_t n = 0, sl = strlen(l->symbol);
    if (sl > 40) return np_buf_puts(o, "null");
    for (size_t i = 0; i < sl; i++) {
        char c = l->symbol[i];
        if ((c == '-' || c == '.') && i + 2 == sl && strcmp(x->country, "US") == 0) {
            char cl = l->symbol[i + 1];
            buf[n++] = (char)(cl >= 'A' && cl <= 'Z' ? cl + 32 : cl);
            break;
        }
        buf[n++] = c;
    }
    buf[n++] = '.';
    size_t rl = strlen(x->ric);
    memcpy(buf + n, x->ric, rl);
    n += rl;
    return np_json_put_string(o, buf, n);
}

/* A weak short form, or common-word name of a large company, that nothing has supported yet
 * (scan_names.c), in mid-sentence (a sentence's first word is capitalized whatever it is:
 * "Also, Facebook said"). */
static int unsupported_form(const tl_mention *m)
{
    return m->method == M_NAME && (m->form || m->large) && m->weak && !m->cue && !m->opens &&
           m->issuer != TL_NONE;
}

/* A name that links on its own: not weak, or supported. */
static int solid(const tl_mention *m)
{
    return m->method == M_NAME && m->issuer != TL_NONE && (!m->weak || m->cue);
}

/* A short form listed next to a name that links on its own ("Telefonica, Intesa, Generali
 * and Mediobanca", "Deutsche Bank, UBS and Lloyds") is one more company of the list: the
 * list supports it, from either side and along the list; so is a large company's
 * common-word name ("Google, Apple and Facebook"). Mentions are in text order; the
 * name a listed one follows is the field's previous name (codes may stand between). */
static void list_support(tl_linker *L)
{
    tl_mention *prev = NULL; /* forward: the field's previous name */
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME) continue;
        tl_mention *p = prev && prev->field == m->field ? prev : NULL;
        prev = m;
        if (m->listed && p && !m->dead && !p->dead && unsupported_form(m) && solid(p)) m->cue = 1;
    }
    tl_mention *next = NULL; /* backward: the field's next name */
    for (size_t k = L->nm; k-- > 0;) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME) continue;
        tl_mention *n = next && next->field == m->field ? next : NULL;
        next = m;
        if (n && n->listed && !m->dead && !n->dead && unsupported_form(m) && solid(n)) m->cue = 1;
    }
}

/* Whether the issuer's name holds the publisher's name (four letters or more) as a whole word:
 * "Thomson Reuters Corporation" in an article whose source is Reuters is the news service's
 * own group ("according to Thomson Reuters data"), as the curated "@" marks it. */
static int names_publisher(const char *name, const char *source, size_t n)
{
    if (!name || n < 4) return 0;
    for (size_t i = 0; name[i]; i++) {
        if (strncasecmp(name + i, source, n) != 0) continue;
        int start = i == 0 || !isalnum((unsigned char)name[i - 1]);
        int end = !isalnum((unsigned char)name[i + n]);
        if (start && end) return 1;
    }
    return 0;
}

/* Entries order[same[x]] and order[same[y]]: by listing (symbol, then MIC), then the line
 * with the table's Reuters code first, then the output order. */
static int cmp_same(const void *x, const void *y, void *arg)
{
    const tl_linker *L = arg;
    uint32_t qa = *(const uint32_t *)x, qb = *(const uint32_t *)y;
    const tl_listing *a = &L->table->lst[L->agg[L->order[qa]].listing];
    const tl_listing *b = &L->table->lst[L->agg[L->order[qb]].listing];
    int c = strcmp(a->symbol, b->symbol);
    if (!c) c = strcmp(a->mic, b->mic);
    if (!c) c = (b->ric[0] != '\0') - (a->ric[0] != '\0');
    return c ? c : (qa > qb) - (qa < qb);
}

/* A listing is written once, also when the table has it twice: under two issuers (a symbol
 * directory's line of a company renamed since, "Wal-Mart Stores, Inc.", beside today's
 * "Walmart Inc.") or as two lines of one issuer (a source's line of the symbol beside the
 * curated one). The entry kept is the one whose line has the Reuters code in the table (the
 * curated one), else the better-ranked; the others are marked repeated. The ne entries are
 * in L->order. Returns 0 or -1. */
static int mark_repeated(tl_linker *L, size_t ne)
{
    if (np_array_reserve((void **)&L->same, &L->samecap, ne, sizeof *L->same)) return -1;
    size_t n = 0;
    for (size_t q = 0; q < ne; q++)
        if (L->agg[L->order[q]].issuer != TL_NONE) L->same[n++] = (uint32_t)q;
    if (n < 2) return 0;
    qsort_r(L->same, n, sizeof *L->same, cmp_same, L);
    const tl_listing *first = &L->table->lst[L->agg[L->order[L->same[0]]].listing];
    for (size_t k = 1; k < n; k++) {
        tl_agg *e = &L->agg[L->order[L->same[k]]];
        const tl_listing *l = &L->table->lst[e->listing];
        if (!strcmp(l->symbol, first->symbol) && !strcmp(l->mic, first->mic))
            e->repeated = 1;
        else
            first = l;
    }
    return 0;
}

/* Drops the mentions of the names of the issuer that owns the article's news service
 * (source[0..source_len)). */
static void drop_publisher(tl_linker *L, const char *source, size_t source_len)
{
    const tl_table *T = L->table;
    /* Publisher: names of the issuer that owns the news service are the service speaking of
     * itself ("according to Thomson Reuters data", "Thomson Reuters I/B/E/S"), not subjects;
     * unless written as one, with its legal form or a business word after it ("Thomson
     * Reuters Corp", "Thomson Reuters said its profit fell"). */
    if (!source || !source_len) return;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if ((m->method != M_NAME && m->method != M_ENTITY) || m->issuer == TL_NONE ||
            (m->method == M_NAME && (m->suffix || m->told)))
            continue;
        const char *p = T->iss[m->issuer].publisher;
        if ((p && strlen(p) == source_len && strncasecmp(p, source, source_len) == 0) ||
            names_publisher(T->iss[m->issuer].name, source, source_len))
            m->dead = 1;
    }
}

/* Moves each name to the issuer of that name listed on the article's day. */
static void date_issuers(tl_linker *L, int32_t day)
{
    const tl_table *T = L->table;
    /* A name whose chosen issuer had no listing on the article's date (a company renamed
     * since, whose old name a current issuer carries as an alias) goes to the candidate of
     * the same name that had one then: the date picks the company as it picks the code. */
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if ((m->method != M_NAME && m->method != M_ENTITY) || m->dead || m->issuer == TL_NONE ||
            tl_listed_on(T, m->issuer, day))
            continue;
        uint32_t best = TL_NONE;
        for (uint32_t a = m->alias_first; a < m->alias_first + m->alias_count; a++) {
            uint32_t is = T->names.alias[a].issuer;
            if (is != m->issuer && tl_listed_on(T, is, day) &&
                (best == TL_NONE || T->iss[is].prior > T->iss[best].prior))
                best = is;
        }
        if (best != TL_NONE) m->issuer = best;
    }
}

/* Resolves each ambiguous name to an issuer the article names explicitly, or drops it.
 * Returns -1 when out of memory. */
static int resolve_ambiguous(tl_linker *L)
{
    const tl_table *T = L->table;
    /* Ambiguous names: an issuer with explicit evidence in the article wins, else none. The
     * explicit issuers and listings are collected once, sorted, for binary search. */
    size_t nx = 0;
    if (L->nm > L->ordercap) {
        uint32_t *o = realloc(L->order, L->nm * sizeof *o);
        if (!o) return -1;
        L->order = o;
        L->ordercap = L->nm;
    }
    for (size_t k = 0; k < L->nm; k++)
        if (L->m[k].listing != TL_NONE && !L->m[k].dead) L->order[nx++] = L->m[k].issuer;
    if (nx > 1) qsort(L->order, nx, sizeof *L->order, cmp_u32);
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (!m->ambiguous || m->dead) continue;
        m->dead = 1;
        for (uint32_t a = m->alias_first; a < m->alias_first + m->alias_count && m->dead; a++) {
            uint32_t is = T->names.alias[a].issuer;
            if (bsearch(&is, L->order, nx, sizeof *L->order, cmp_u32)) {
                m->issuer = is;
                m->dead = 0;
            }
        }
    }
    return 0;
}

/* Fills L->by_issuer with the live mentions grouped by issuer. Returns -1 when out of
 * memory. */
static int group_by_issuer(tl_linker *L)
{
    /* Live mentions grouped by issuer (text order kept within): aggregation and output walk
     * these groups, so the work stays near-linear however many companies an article names. */
    if (L->nm > L->by_issuer_cap) {
        uint32_t *p = realloc(L->by_issuer, L->nm * sizeof *p);
        if (!p) return -1;
        L->by_issuer = p;
        L->by_issuer_cap = L->nm;
    }
    L->n_by_issuer = 0;
    for (size_t k = 0; k < L->nm; k++)
        if (!L->m[k].dead) L->by_issuer[L->n_by_issuer++] = (uint32_t)k;
    if (L->n_by_issuer > 1)
        qsort_r(L->by_issuer, L->n_by_issuer, sizeof *L->by_issuer, cmp_by_issuer, L->m);
    /* Unknown listings (issuer TL_NONE, the last group) are grouped by code. */
    size_t none_lo, none_hi;
    issuer_range(L, TL_NONE, &none_lo, &none_hi);
    if (none_hi - none_lo > 1)
        qsort_r(L->by_issuer + none_lo, none_hi - none_lo, sizeof *L->by_issuer, cmp_unknown, L->m);
    return 0;
}

/* One aggregate per issuer with evidence (per code for unknown listings), weak names counted
 * where they are supported. Returns -1 when out of memory. */
static int aggregate(tl_linker *L)
{
    for (size_t g = 0; g < L->n_by_issuer;) {
        uint32_t is = L->m[L->by_issuer[g]].issuer;
        size_t end = g;
        while (end < L->n_by_issuer && L->m[L->by_issuer[end]].issuer == is) end++;
        size_t first_agg = L->nagg;
        int forms = 0, inside = 0; /* unsupported short forms; one in mid-sentence */
        for (size_t q = g; q < end; q++) {
            uint32_t k = L->by_issuer[q];
            tl_mention *m = &L->m[k];
            tl_agg *a = NULL;
            if (is == TL_NONE) {
                /* Codes are sorted: a new code starts a new entry. */
                if (L->nagg > first_agg && same_unknown(&L->m[L->agg[L->nagg - 1].mention], m))
                    a = &L->agg[L->nagg - 1];
            } else if (L->nagg > first_agg) {
                a = &L->agg[first_agg];
            }
            if (!a) {
                if (!(a = new_agg(L))) return -1;
                a->issuer = is;
                a->mention = k;
                a->first = UINT64_MAX;
                a->grp_lo = (uint32_t)q;
            }
            a->grp_hi = (uint32_t)q + 1;
            uint64_t pos = (uint64_t)m->field << 32 | m->cp0;
            if (m->method == M_NAME && m->weak) {
                if (m->cue) {
                    a->n_weak++;
                } else {
                    forms += m->form && !m->place;
                    inside |= m->form && !m->place && !m->opens;
                    continue;
                }
            } else if (m->method == M_NAME) {
                a->n_strong++;
            } else if (m->method == M_ENTITY) {
                a->n_entity++;
            } else {
                a->n_explicit++;
            }
            if (pos < a->first) a->first = pos;
        }
        if (is != TL_NONE && L->nagg > first_agg) {
            tl_agg *a = &L->agg[first_agg];
            /* A short form written twice ("Serco ... Serco's contract") is the article's
             * subject, not a stray word: it supports itself, once at least in mid-sentence
             * (a sentence's first word is capitalized whatever it is: "Just"). Not other
             * weak names: a surname or a common word repeats as easily, and so does a
             * town's name (a place form, "^Devon": "an east Devon village ... the Devon
             * singer"). Only in business news: in sport, film and politics copy the word
             * written twice is a player's, a team's or a scandal's ("Moody, Coles, O.
             * Franks ... Coles for Taylor", "the Balco case"). */
            if (forms >= 2 && inside && L->business) a->n_weak++;
            /* Weak names count when the issuer has other evidence too. */
            if (a->n_strong + a->n_entity + a->n_explicit + a->n_weak > 0) {
                for (size_t q = g; q < end; q++) {
                    tl_mention *m = &L->m[L->by_issuer[q]];
                    if (m->method != M_NAME || !m->weak || m->cue) continue;
                    m->cue = 1; /* supported */
                    uint64_t pos = (uint64_t)m->field << 32 | m->cp0;
                    if (pos < a->first) a->first = pos;
                }
            }
        }
        g = end;
    }
    return 0;
}

/* Appends an entry for each listing of each linked issuer after the L->nagg aggregates (the
 * entries start at index nissuers). Returns -1 when out of memory. */
static int expand_listings(tl_linker *L, int32_t day)
{
    const tl_table *T = L->table;
    size_t nissuers = L->nagg;
    for (size_t q = 0; q < nissuers; q++) {
        tl_agg a = L->agg[q];
        if (a.n_strong + a.n_entity + a.n_explicit + a.n_weak == 0) continue;
        double base = a.n_explicit ? 0.99
                      : a.n_strong ? 0.90 + 0.02 * (a.n_strong > 4 ? 4 : a.n_strong - 1)
                      : a.n_entity ? 0.88
                                   : 0.75;
        if (a.issuer == TL_NONE) {
            tl_agg *e = new_agg(L);
            if (!e) return -1;
            *e = a;
            e->linked = 1;
            e->score = base;
            continue;
        }
        const tl_issuer *I = &T->iss[a.issuer];
        size_t ilo, ihi;
        issuer_range(L, a.issuer, &ilo, &ihi);
        int any_exchange = 0;
        for (uint32_t li = I->first; li < I->first + I->count; li++)
            if (tl_valid_at(&T->lst[li], day) && !is_otc(&T->lst[li]) &&
                TL_SEC_IS_EQUITY(T->lst[li].type))
                any_exchange = 1;
        for (uint32_t li = I->first; li < I->first + I->count; li++) {
            const tl_listing *l = &T->lst[li];
            int explicit_here = 0;
            for (size_t r = ilo; r < ihi && !explicit_here; r++)
                if (L->m[L->by_issuer[r]].listing == li) explicit_here = 1;
            if (!explicit_here) {
                /* Only listings valid at the article's date (current ones when it has no
                 * date): a company listed later was not a listed company then. */
                if (!tl_valid_at(l, day)) continue;
                if (any_exchange && is_otc(l)) continue;
                /* A company mention is its shares: notes, preferreds and funds it issued
                 * only when the article names their code. */
                if (!TL_SEC_IS_EQUITY(l->type)) continue;
            }
            tl_agg *e = new_agg(L);
            if (!e) return -1;
            *e = a;
            e->listing = li;
            e->primary = l->primary;
            e->linked = 1;
            e->own_explicit = (uint8_t)explicit_here;
            double sc = explicit_here ? 0.99 : a.n_explicit ? 0.93 : base;
            if (!explicit_here && !l->primary) sc -= 0.02;
            e->score = sc;
        }
    }
    return 0;
}

/* Orders the entries after the first nissuers aggregates and writes them as the JSON array
 * in L->out. Returns -1 when out of memory. */
static int write_entries(tl_linker *L, size_t nissuers)
{
    const tl_table *T = L->table;
    size_t ne = L->nagg - nissuers;
    if (ne > L->ordercap) {
        uint32_t *o = realloc(L->order, ne * sizeof *o);
        if (!o) return -1;
        L->order = o;
        L->ordercap = ne;
    }
    np_buf *o = &L->out;
    np_buf_clear(o);
    /* Evidence counts are needed for ordering: compute them by writing into a scratch
     * pass first. */
    for (size_t q = 0; q < ne; q++) {
        tl_agg *e = &L->agg[nissuers + q];
        L->order[q] = (uint32_t)(nissuers + q);
        size_t mark = o->len;
        if (put_evidence(L, o, e, &e->mentions)) return -1;
        o->len = mark;
    }
    if (ne > 1) qsort_r(L->order, ne, sizeof *L->order, cmp_entries, L);
    if (mark_repeated(L, ne)) return -1;
    np_buf_clear(o);
    if (np_buf_putc(o, '[')) return -1;
    size_t written = 0;
    for (size_t q = 0; q < ne; q++) {
        const tl_agg *e = &L->agg[L->order[q]];
        int cnt;
        if (e->repeated) continue;
        if (written++ && np_buf_putc(o, ',')) return -1;
        if (e->issuer == TL_NONE) {
            const tl_mention *m = &L->m[e->mention];
            if (np_buf_puts(o, "{\"symbol\":") || np_json_put_string(o, m->sym, m->sym_len) ||
                np_buf_puts(o, ",\"exchange\":") ||
                (m->exch ? np_json_put_string(o, m->exch->mic, strlen(m->exch->mic))
                         : np_buf_puts(o, "null")) ||
                np_buf_puts(o, ",\"ric\":") ||
                (m->ric ? np_json_put_string(o, m->ric, m->ric_len) : np_buf_puts(o, "null")) ||
                np_buf_puts(o, ",\"type\":null,\"name\":null,\"issuer\":null"))
                return -1;
        } else {
            const tl_listing *l = &T->lst[e->listing];
            const tl_issuer *I = &T->iss[e->issuer];
            if (np_buf_puts(o, "{\"symbol\":") ||
                np_json_put_string(o, l->symbol, strlen(l->symbol)) ||
                np_buf_puts(o, ",\"exchange\":") || np_json_put_string(o, l->mic, strlen(l->mic)) ||
                np_buf_puts(o, ",\"ric\":") || put_ric(o, l, written_ric(L, e, l)) ||
                np_buf_puts(o, ",\"type\":\"") || np_buf_puts(o, tl_sec_names[l->type]) ||
                np_buf_puts(o, "\",\"name\":") || np_json_put_string(o, I->name, strlen(I->name)) ||
                np_buf_puts(o, ",\"issuer\":") || np_json_put_string(o, I->id, strlen(I->id)))
                return -1;
        }
        /* The count is known from the scratch pass above (the same evidence, counted the
         * same way), so it goes before the evidence without a second buffer. */
        if (np_buf_puts(o, ",\"mentions\":") || np_buf_put_u64(o, (unsigned)e->mentions) ||
            np_buf_puts(o, ",\"evidence\":") || put_evidence(L, o, e, &cnt) ||
            np_buf_puts(o, ",\"score\":") || np_json_put_double(o, e->score, 3) ||
            np_buf_putc(o, '}'))
            return -1;
    }
    return np_buf_putc(o, ']');
}

int tl_emit(tl_linker *L, const char *source, size_t source_len, int32_t day)
{
    L->nagg = 0;
    drop_publisher(L, source, source_len);
    date_issuers(L, day);
    if (resolve_ambiguous(L)) return -1;
    list_support(L);
    if (group_by_issuer(L) || aggregate(L)) return -1;
    size_t nissuers = L->nagg;
    if (expand_listings(L, day)) return -1;
    return write_entries(L, nissuers);
}
