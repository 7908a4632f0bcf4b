/* Linking one record (see link.h): the table of contents of the linker. Per text field,
 * three passes add mentions (scan_names.c: company names by the dictionary matcher;
 * scan_patterns.c: explicit codes, resolved with the name right before them; scan_entities.c:
 * entity-tag's ORG, PER and LOC spans); then the surnames of the article veto one-word names
 * (drop_persons), choose.c gives one-word names to the company the article names in full,
 * and emit.c groups the mentions by issuer, guards, scores and writes one
 * entry per listing. Mentions are added through mention.c; the questions to the listings
 * table are in lookup.c. */
#include "link.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exitcode.h"
#include "json.h"
#include "mention.h"
#include "words.h"

void tl_linker_init(tl_linker *L, const tl_table *table)
{
    memset(L, 0, sizeof *L);
    L->table = table;
    L->fields[0] = "title";
    L->fields[1] = "body";
    L->nfields = 2;
    L->date_fields[0] = "published";
    L->date_fields[1] = "date";
    L->ndate_fields = 2;
    L->source_field = "source";
    L->max_evidence = 10;
}

void tl_linker_free(tl_linker *L)
{
    tl_toks_free(&L->toks);
    tl_patterns_free(&L->pats);
    tl_entities_free(&L->ents);
    free(L->m);
    free(L->agg);
    free(L->order);
    free(L->same);
    free(L->by_issuer);
    free(L->fn);
    np_buf_free(&L->out);
    memset(L, 0, sizeof *L);
}

static int cmp_mentions(const void *x, const void *y)
{
    const tl_mention *a = x, *b = y;
    if (a->field != b->field) return a->field < b->field ? -1 : 1;
    if (a->cp0 != b->cp0) return a->cp0 < b->cp0 ? -1 : 1;
    return (a->method > b->method) - (a->method < b->method);
}

/* ---- per record ----------------------------------------------------------------------- */

/* A one-word name that the article also writes after a capitalized word, as a person's
 * surname ("Yoshiharu Ueki", "Rob Ford"), is that person wherever it stands alone ("Ueki
 * said", "JAL's Ueki"), in the headline too; unless it has a legal form ("Ueki Corp") or is
 * a curated strong name ("+Boeing") in business news (outside it, "Tony Roche" makes the
 * headline's "Roche" the coach). */
static void drop_persons(tl_linker *L)
{
    if (!L->npersons) return;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || !m->single || m->suffix || (m->curated == 2 && L->business))
            continue;
        for (int p = 0; p < L->npersons; p++)
            if (L->persons[p] == m->word) {
                m->dead = 1;
                break;
            }
    }
}

/* A word the record itself gives another meaning (scan_names.c) is no company's wherever it
 * stands alone in the record, as a name or an ORG entity, the headline too, even where it is
 * curated as a company's name: an acronym it spells out in parentheses as another body's
 * ("the British National Party (BNP)": the headline's "BNP's claim" is no BNP Paribas), a
 * name it gives a person's age ("Bath player Ford, 23,"). Not when the record also names
 * that company in full ("Royal Bank of Scotland (RBS)" spells out the company's own
 * acronym). */
static int others_kind(const tl_mention *m)
{
    return (m->method == M_NAME || m->method == M_ENTITY) && m->single && !m->suffix;
}

static void drop_others(tl_linker *L)
{
    if (!L->nothers) return;
    uint32_t named[TL_MAX_OTHERS]; /* the issuers those words' mentions name */
    int nn = 0;
    for (size_t k = 0; k < L->nm; k++) {
        const tl_mention *m = &L->m[k];
        if (!others_kind(m)) continue;
        int other = 0, seen = 0;
        for (int p = 0; p < L->nothers && !other; p++) other = L->others[p] == m->word;
        for (int q = 0; q < nn && !seen; q++) seen = named[q] == m->issuer;
        if (other && !seen && nn < TL_MAX_OTHERS) named[nn++] = m->issuer;
    }
    int full[TL_MAX_OTHERS] = {0}; /* named[q] named in full too */
    for (size_t k = 0; k < L->nm; k++) {
        const tl_mention *m = &L->m[k];
        if (m->dead || m->single || (m->method != M_NAME && m->method != M_ENTITY)) continue;
        for (int q = 0; q < nn; q++)
            if (named[q] == m->issuer) full[q] = 1;
    }
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (!others_kind(m)) continue;
        int other = 0, in_full = 0;
        for (int p = 0; p < L->nothers && !other; p++) other = L->others[p] == m->word;
        for (int q = 0; q < nn && other; q++) in_full |= named[q] == m->issuer && full[q];
        if (other && !in_full) m->dead = 1;
    }
}

/* Bytes of text below which a record counts as business news whatever its words. */
#define TL_BUSINESS_MIN_TEXT 600

/* Whether s[0..n) has a word of business news, in lower case or capitalized (words.h
 * TL_W_BUSINESS). A byte scan before the fields are tokenized: the name pass of the title
 * needs the answer. */
static int business_text(const char *s, size_t n)
{
    char w[16];
    size_t k = 0;
    int caps = 0; /* a capital after the word's first letter */
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : ' ';
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            if (k && c <= 'Z') caps = 1;
            if (k < sizeof w) w[k] = (char)(c | 0x20);
            k++;
            continue;
        }
        if (k >= 3 && k <= sizeof w && !caps && tl_word_in(TL_W_BUSINESS, tl_word_hash(w, k)))
            return 1;
        k = 0;
        caps = 0;
    }
    return 0;
}

int tl_link_texts(tl_linker *L, const char *const *texts, const size_t *lens, int32_t day,
                  const char *source, size_t source_len, const char *entities, size_t entities_len)
{
    L->nm = 0;
    L->day = day;
    L->npersons = 0;
    L->nothers = 0;
    L->bare_named = 0;
    /* A short record (a headline, a brief) is too little text to tell what news it is. */
    size_t total = 0;
    for (int f = 0; f < L->nfields; f++)
        if (texts[f]) total += lens[f];
    L->business = total < TL_BUSINESS_MIN_TEXT;
    for (int f = 0; f < L->nfields && !L->business; f++)
        if (texts[f]) L->business = business_text(texts[f], lens[f]);
    L->ents.n = 0;
    if (entities && tl_parse_entities(entities, entities_len, L->fields, L->nfields, &L->ents))
        return -1;
    for (int f = 0; f < L->nfields; f++) {
        const char *s = texts[f];
        size_t n = lens[f];
        if (!s) continue;
        if (n > UINT32_MAX) n = UINT32_MAX; /* offsets are 32-bit; the rest is not scanned */
        tl_zone z[16];
        size_t nz = tl_find_zones(s, n, z, 16);
        if (tl_tokenize(s, n, &L->toks)) return -1;
        size_t first_m = L->nm;
        if (tl_scan_names(L, f, s, z, nz)) return -1;
        size_t names_end = L->nm;
        if (tl_scan_patterns(L, f, s, n, z, nz, first_m, day)) return -1;
        if (L->ents.n && tl_scan_entities(L, f, first_m, names_end)) return -1;
    }
    drop_persons(L);
    drop_others(L);
    if (tl_choose(L, day)) return -1;
    if (L->nm > 1) qsort(L->m, L->nm, sizeof *L->m, cmp_mentions);
    return tl_emit(L, source, source_len, day);
}

np_verdict tl_link_record(tl_linker *L, np_record *rec)
{
    const char *texts[TL_MAX_FIELDS] = {0};
    size_t lens[TL_MAX_FIELDS] = {0};
    int have = 0;
    for (int f = 0; f < L->nfields; f++) {
        np_field_status st = np_record_text(rec, L->fields[f], &texts[f], &lens[f]);
        if (st == NP_FIELD_WRONG_TYPE)
            return np_record_reject(rec, "field %s: expected a string", L->fields[f]);
        if (st == NP_FIELD_NOMEM) return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
        if (st == NP_FIELD_STRING)
            have = 1;
        else
            texts[f] = NULL;
    }
    if (!have) return NP_PASS;
    int32_t day = INT32_MIN;
    for (int d = 0; d < L->ndate_fields; d++) {
        const char *s;
        size_t n;
        if (np_record_text(rec, L->date_fields[d], &s, &n) != NP_FIELD_STRING) continue;
        int64_t secs;
        if (np_parse_time(s, n, &secs) == 0) {
            int64_t dd = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
            day = (int32_t)dd;
            break;
        }
    }
    const char *src = NULL;
    size_t src_len = 0;
    if (L->source_field && np_record_text(rec, L->source_field, &src, &src_len) != NP_FIELD_STRING)
        src = NULL;
    const char *ent = NULL;
    size_t ent_len = 0;
    const np_json_member *em = np_record_get(rec, "entities");
    if (em && em->type == NP_JSON_ARRAY) {
        ent = em->val;
        ent_len = em->val_len;
    }
    if (tl_link_texts(L, texts, lens, day, src, src_len, ent, ent_len))
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    if (np_record_set(rec, "tickers", L->out.data, L->out.len))
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    return NP_EMIT;
}
