/* The tagging path from field texts to entities (see tagger.h). */
#include "tagger.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acronyms.h"
#include "miscnames.h"
#include "labels.h"
#include "mentions.h"
#include "codes.h"
#include "published.h"
#include "rules.h"
#include "teams.h"
#include "wordlist.h"

static int is_closer(const char *p, size_t len)
{
    return (len == 1 && (p[0] == '"' || p[0] == '\'' || p[0] == ')')) ||
           (len == 3 && (memcmp(p, "\xe2\x80\x9d", 3) == 0 || memcmp(p, "\xe2\x80\x99", 3) == 0));
}

static int is_final(const char *p, size_t len)
{
    return len >= 1 && (p[0] == '.' || p[0] == '!' || p[0] == '?') &&
           (len == 1 || p[1] == '.' || p[1] == '!' || p[1] == '?');
}

static int starts_sentence_like(const char *p, size_t len)
{
    unsigned char c = (unsigned char)p[0];
    if (c >= 'A' && c <= 'Z') return 1;
    if (c >= '0' && c <= '9') return 1;
    if (c == '"' || c == '(' || c == '\'') return 1;
    if (len >= 3 && (memcmp(p, "\xe2\x80\x9c", 3) == 0 || memcmp(p, "\xe2\x80\x98", 3) == 0))
        return 1;
    return c == 0xC3 && len >= 2 && (unsigned char)p[1] < 0x9F; /* capitals À-Þ */
}

void etag_mark_sentences(const char *s, const np_token *tk, size_t n, etag_tok *out)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = s + tk[i].start;
        size_t len = tk[i].end - tk[i].start;
        int start = i == 0 || (tk[i].flags & NP_TOK_NEWLINE_BEFORE);
        if (!start && starts_sentence_like(p, len)) {
            size_t j = i - 1;
            /* step back over closing quotes/brackets */
            while (j > 0 && is_closer(s + tk[j].start, tk[j].end - tk[j].start)) j--;
            start = is_final(s + tk[j].start, tk[j].end - tk[j].start);
        }
        out[i] = (etag_tok){p, len > UINT32_MAX ? UINT32_MAX : (uint32_t)len,
                            (uint8_t)(start ? ETAG_TF_SENT_START : 0)};
    }
}

/* Whether a span holds a word or number token (the model never reports symbols alone). */
static int has_alnum(const char *s, const np_token *tk, const etag_span *sp)
{
    (void)s;
    for (uint32_t i = sp->first; i < sp->first + sp->n; i++)
        if (tk[i].kind != NP_TOK_PUNCT) return 1;
    return 0;
}

/* A one-token LOC, PER or MISC that is exactly the name of a listed company whose listed
 * name has no legal suffix ("Meituan"), that no place or first-name list knows, and that
 * does not follow "the" ("the Amazon" is a river), becomes ORG. The model learned from 1996
 * news, where capitalized words that only the company list knows are mostly surnames, and
 * calls such new names places or people. */
static void listed_name_is_org(etag_tagger *t, const char *s, const np_token *tk, etag_span *sp)
{
    const etag_lexicon *gaz = &t->model->res.gaz;
    if (sp->n != 1 || sp->type == ETAG_ORG || etag_lexicon_empty(gaz)) return;
    if (sp->first > 0) {
        const np_token *p = &tk[sp->first - 1];
        if (p->end - p->start == 3 && strncasecmp(s + p->start, "the", 3) == 0) return;
    }
    const np_token *w = &tk[sp->first];
    uint32_t v = etag_gaz_word(gaz, s + w->start, w->end - w->start, &t->scratch);
    const uint32_t other = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) |
                           (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_FIRST);
    if ((v & (1u << ETAG_GAZ_ORGNAME)) && !(v & other)) sp->type = ETAG_ORG;
}

/* A person's name of two words or more that starts a sentence does not begin with a word the
 * training text writes in lower case ("Take Fry, who earned a PhD ...": "Fry"): at a
 * sentence's start the capital says nothing, and the model, which often saw a name open a
 * sentence, takes the word in. Words of three letters or more that no first-name or
 * people's-name list knows ("Will" and "Rich" are first names). */
static void lower_word_opener(etag_tagger *t, const char *s, const np_token *tk,
                              const etag_tok *view, etag_span *sp)
{
    const etag_lexicon *gaz = &t->model->res.gaz;
    if (sp->type != ETAG_PER || sp->n < 2 || etag_lexicon_empty(gaz)) return;
    if (!(view[sp->first].flags & ETAG_TF_SENT_START)) return;
    const np_token *w = &tk[sp->first];
    if (w->end - w->start < 3) return;
    uint32_t v = etag_gaz_word(gaz, s + w->start, w->end - w->start, &t->scratch);
    if ((v & (1u << ETAG_GAZ_LOWER)) && !(v & ((1u << ETAG_GAZ_FIRST) | (1u << ETAG_GAZ_PERSON)))) {
        sp->first++;
        sp->n--;
    }
}

/* A past participle that opens a sentence before "in", "on", "into" or "at" is no name:
 * "Born in Luton, Bedfordshire," (LOC 20 times in the news sets of ../shared/data: eng.train
 * has one such "Born" LOC, an error the model learned), "Headquartered in Texas". The model's
 * one-token entity there is dropped (its labels, of tokens tk of text s, set to O). */
static void participle_opener(const char *s, const np_token *tk, const etag_tok *view, size_t n,
                              uint8_t *labels)
{
    static const char *const participles[] = {/* sorted */
                                              "Based",         "Born",   "Educated", "Founded",
                                              "Headquartered", "Listed", "Located",  "Raised"};
    static const char *const preps[] = {"at", "in", "into", "on"}; /* sorted */
    for (size_t i = 0; i + 1 < n; i++) {
        if (!(view[i].flags & ETAG_TF_SENT_START) || etag_label_part(labels[i]) != ETAG_U) continue;
        if (ETAG_WORD_IN(s, &tk[i], participles) && ETAG_WORD_IN(s, &tk[i + 1], preps))
            labels[i] = ETAG_O;
    }
}

/* A name of two words or more that opens a sentence does not begin with a conjunction or a
 * sentence adverb ("When Facebook Inc", "But Boeing Co", "Among Twitter Inc", "As Washington
 * Post", "Meanwhile Barling", "Even Denzel": the model, which saw many names open a sentence,
 * takes the capitalized word in); the entity starts after it. Not prepositions, which open
 * names ("Under Armour", "Into the Woods", "All Nippon Airways"). */
static void conjunction_opener(const char *s, const np_token *tk, const etag_tok *view,
                               etag_span *sp)
{
    static const char *const words[] = {
        /* sorted */
        "Although",  "Among", "And",    "As",     "Because", "Both",    "But",   "Even", "If",
        "Meanwhile", "Since", "Though", "Unlike", "When",    "Whether", "While", "Yet"};
    if (sp->n < 2 || sp->type > ETAG_MISC || !(view[sp->first].flags & ETAG_TF_SENT_START)) return;
    if (!ETAG_WORD_IN(s, &tk[sp->first], words)) return;
    sp->first++;
    sp->n--;
}

/* An entity that ends a line on an abbreviation's full stop ("... said Lear Corp.") ends
 * before it: the stop also ends the sentence, and CoNLL-2003, whose conventions the model
 * follows, writes a sentence's final stop as a token of its own, outside any entity ("Lear
 * Corp" "."). Only at a line's end is the sentence sure to end there. */
static void final_stop(const char *s, size_t len, const np_token *tk, etag_span *sp)
{
    const np_token *w = &tk[sp->first + sp->n - 1];
    size_t e = w->end;
    if (sp->cut || s[e - 1] != '.' || (e - w->start >= 2 && s[e - 2] == '.')) return;
    if (e != len && s[e] != '\n' && s[e] != '\r') return;
    if (e - w->start >= 2)
        sp->cut = 1;
    else if (sp->n >= 2) /* the stop a token of its own, which the model took in */
        sp->n--;
}

static void model_score(void *ctx, const uint64_t *f, size_t n, float *out)
{
    etag_model_score(ctx, f, n, out);
}

/* Whether the model's span m lies inside the rule's MONEY span r: a currency's symbol that
 * opens it ("A$" of "A$505 million", "HK$") or its nationality or country ("Canadian" of "1.04
 * Canadian dollars", "Hong Kong" of "7.7535 Hong Kong dollars"), MISC or LOC. CoNLL-2003 tags
 * those MISC or LOC ("C$" 27 times in eng.train, "A$" 20), and the model does; the amount is
 * MONEY, so both are written, the MONEY and the model's entity inside it (otherwise the
 * model's entity wins an overlap, and no such amount was MONEY: 136 in the news sets of
 * ../shared/data). */
static int inside_money(const etag_span *m, const etag_span *r)
{
    return r->type == ETAG_MONEY && (m->type == ETAG_MISC || m->type == ETAG_LOC) &&
           m->first >= r->first && m->first + m->n <= r->first + r->n && m->n < r->n;
}

static int push_ent(etag_tagger *t, const np_token *tk, const etag_span *sp, int field)
{
    if (t->nents == t->cap_ents) {
        size_t cap = t->cap_ents ? t->cap_ents * 2 : 64;
        etag_entity *e = realloc(t->ents, cap * sizeof *e);
        if (!e) return -1;
        t->ents = e;
        t->cap_ents = cap;
    }
    const np_token *a = &tk[sp->first], *b = &tk[sp->first + sp->n - 1];
    /* a cut is of ASCII bytes (compound_cut): as many code points */
    t->ents[t->nents++] = (etag_entity){a->cp_start,      b->cp_end - sp->cut, a->start,
                                        b->end - sp->cut, (uint8_t)sp->type,   (uint8_t)field};
    return 0;
}

/* Tokenizes the fields into t->toks and their sentence-marked view into t->view (all fields
 * one after another), growing the buffers; *total: the tokens of all fields. Returns 0 or
 * -1. */
static int read_fields(etag_tagger *t, const char *const *texts, const size_t *lens, int nfields,
                       size_t *total)
{
    *total = 0;
    for (int f = 0; f < nfields && f < ETAG_MAX_FIELDS; f++) {
        t->toks[f].n = 0;
        if (!texts[f]) continue;
        if (np_tokenize(texts[f], lens[f], &t->toks[f]) < 0) return -1;
        *total += t->toks[f].n;
    }
    if (*total + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (cap < *total + 1) cap *= 2;
        etag_tok *v = realloc(t->view, cap * sizeof *v);
        if (!v) return -1;
        t->view = v;
        /* the model spans of all fields, then one field's rule spans: two per token */
        etag_span *s = realloc(t->spans, 2 * cap * sizeof *s);
        if (!s) return -1;
        t->spans = s;
        t->cap = cap;
    }
    size_t o = 0;
    for (int f = 0; f < nfields && f < ETAG_MAX_FIELDS; f++) {
        if (!texts[f]) continue;
        etag_mark_sentences(texts[f], t->toks[f].t, t->toks[f].n, t->view + o);
        o += t->toks[f].n;
    }
    return 0;
}

/* The model's spans of one field (its n tokens tk at offset o of the decoded labels) into
 * t->spans + o, corrected by the rules that read the field alone. Returns their count. */
static size_t field_model_spans(etag_tagger *t, const char *text, size_t len, const np_token *tk,
                                size_t n, size_t o)
{
    etag_span *ms = t->spans + o;
    uint8_t *labels = t->dec.labels + o;
    etag_web_names(text, tk, n, labels);
    etag_code_names(text, len, tk, n, labels);
    etag_named_misc(text, tk, n, labels);
    participle_opener(text, tk, t->view + o, n, labels);
    size_t nm = etag_labels_to_spans(labels, n, ms);
    nm = etag_published(&t->model->res.gaz, &t->scratch, text, len, tk, ms, nm);
    etag_player_teams(&t->model->res.gaz, &t->scratch, text, len, tk, ms, nm);
    for (size_t k = 0; k < nm; k++) {
        conjunction_opener(text, tk, t->view + o, &ms[k]);
        lower_word_opener(t, text, tk, t->view + o, &ms[k]);
        if (!t->no_listed_org) listed_name_is_org(t, text, tk, &ms[k]);
        final_stop(text, len, tk, &ms[k]);
    }
    return nm;
}

/* Writes field f's entities: its model spans ms[0..mn) of the wanted types and the rules'
 * spans (written at rs) in text order; where the two overlap the model wins, except an
 * amount around the model's currency entity (inside_money: "A$505 million"), written before
 * it. Returns 0 or -1. */
static int merge_field(etag_tagger *t, int f, const char *text, const np_token *tk, size_t n,
                       etag_span *ms, size_t mn, etag_span *rs)
{
    const unsigned model_types = (1u << ETAG_NMODEL) - 1;
    size_t nm = 0, nr = 0;
    for (size_t k = 0; k < mn; k++)
        if ((t->types & (1u << ms[k].type)) && has_alnum(text, tk, &ms[k])) ms[nm++] = ms[k];
    if (t->types & ~model_types) nr = etag_rules(text, tk, n, rs);
    size_t i = 0, j = 0;
    uint32_t model_end = 0; /* end of the last model span written */
    while (i < nm || j < nr) {
        if (j < nr && i < nm && (t->types & (1u << rs[j].type)) && rs[j].first >= model_end &&
            inside_money(&ms[i], &rs[j]) &&
            (i + 1 >= nm || ms[i + 1].first >= rs[j].first + rs[j].n)) {
            model_end = rs[j].first + rs[j].n; /* the MONEY, then the entity inside */
            if (push_ent(t, tk, &rs[j++], f) < 0 || push_ent(t, tk, &ms[i++], f) < 0) return -1;
            continue;
        }
        if (j < nr && ((t->types & (1u << rs[j].type)) == 0 || rs[j].first < model_end ||
                       (i < nm && rs[j].first < ms[i].first + ms[i].n &&
                        ms[i].first < rs[j].first + rs[j].n))) {
            j++; /* not wanted, or overlaps a model entity: the model wins */
            continue;
        }
        if (j >= nr || (i < nm && ms[i].first < rs[j].first)) {
            model_end = ms[i].first + ms[i].n;
            if (push_ent(t, tk, &ms[i++], f) < 0) return -1;
        } else {
            if (push_ent(t, tk, &rs[j++], f) < 0) return -1;
        }
    }
    return 0;
}

int etag_tagger_run(etag_tagger *t, const char *const *texts, const size_t *lens, int nfields)
{
    t->nents = 0;
    size_t total;
    if (read_fields(t, texts, lens, nfields, &total) < 0) return -1;
    const unsigned model_types = (1u << ETAG_NMODEL) - 1;
    if ((t->types & model_types) && total) {
        t->dec.method = t->model->method;
        t->dec.feat.context = t->model->context;
        if (etag_decode_doc(&t->dec, &t->model->res, model_score, (void *)t->model, t->view, total,
                            t->model->passes == 2) < 0)
            return -1;
    }
    /* Each field's model spans, corrected, at t->spans[mo[f] .. mo[f] + mn[f]) (at most one
     * per token, so all fields' fit in the first `total`); then the article's short mentions
     * over all fields; then per field the wanted types, merged with rule spans (after them). */
    size_t mo[ETAG_MAX_FIELDS] = {0}, mn[ETAG_MAX_FIELDS] = {0};
    etag_mention_field mf[ETAG_MAX_FIELDS];
    int mfield[ETAG_MAX_FIELDS], nmf = 0; /* mf[i] is field mfield[i] */
    size_t o = 0;
    for (int f = 0; f < nfields && f < ETAG_MAX_FIELDS; f++) {
        if (!texts[f]) continue;
        const np_token *tk = t->toks[f].t;
        size_t n = t->toks[f].n;
        mo[f] = o;
        if ((t->types & model_types) && n) {
            mn[f] = field_model_spans(t, texts[f], lens[f], tk, n, o);
            mfield[nmf] = f;
            mf[nmf++] = (etag_mention_field){texts[f], lens[f], tk, t->spans + o, mn[f], n};
        }
        o += n;
    }
    if (nmf) { /* the model's spans (none when only the rules' types are wanted) */
        if (etag_short_mentions(&t->model->res.gaz, &t->scratch, &t->names, mf, nmf) < 0) return -1;
        etag_company_repeats(&t->names, mf, nmf);
        etag_common_acronyms(&t->model->res.gaz, &t->scratch, mf, nmf);
        for (int i = 0; i < nmf; i++) {
            mn[mfield[i]] = mf[i].n;
            for (size_t k = 0; k < mf[i].n; k++)
                etag_event_name(&t->model->res.gaz, &t->scratch, mf[i].text, mf[i].tk,
                                &mf[i].spans[k]);
        }
    }
    for (int f = 0; f < nfields && f < ETAG_MAX_FIELDS; f++)
        if (texts[f] && merge_field(t, f, texts[f], t->toks[f].t, t->toks[f].n, t->spans + mo[f],
                                    mn[f], t->spans + total) < 0)
            return -1;
    return 0;
}

void etag_tagger_free(etag_tagger *t)
{
    etag_decoder_free(&t->dec);
    etag_docmap_free(&t->names);
    for (int f = 0; f < ETAG_MAX_FIELDS; f++) np_tokens_free(&t->toks[f]);
    free(t->view);
    free(t->spans);
    free(t->ents);
    np_buf_free(&t->scratch);
    memset(t, 0, sizeof *t);
}
