/* Linking one record (see link.h). Three passes per text field: company names by the
 * dictionary matcher, explicit patterns (resolved with the name right before them when the
 * RIC root is not the exchange symbol), then entity-tag's ORG spans. The mentions are then
 * grouped by issuer, guarded, scored and written out one entry per listing. */
#include "link.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exitcode.h"
#include "json.h"
#include "names.h"
#include "zones.h"

enum { M_RIC = 1, M_EXCHANGE, M_CASHTAG, M_NAME, M_ENTITY };
static const char *const method_name[] = {"", "ric", "exchange", "cashtag", "name", "entity"};

#define NONE UINT32_MAX

struct tl_mention {
    uint32_t issuer;                   /* chosen issuer, or NONE */
    uint32_t listing;                  /* explicit patterns: the listing, or NONE when unknown */
    uint32_t alias_first, alias_count; /* name candidates */
    uint32_t b0, b1, cp0, cp1;
    uint8_t field, method, weak, cue, dead, ambiguous, single, brand, orgable, suffix, curated;
    uint64_t word;         /* one-word names: the word's hash */
    const char *sym, *ric; /* unknown explicit listings: as written */
    uint16_t sym_len, ric_len;
    const tl_exchange *exch;
};

struct tl_agg {
    uint32_t issuer;  /* NONE for an unknown explicit listing */
    uint32_t listing; /* for output entries: the listing, or NONE */
    uint32_t mention; /* unknown listings: the mention that names it */
    int n_explicit, n_strong, n_entity, n_weak;
    uint64_t first; /* field << 32 | cp0 of the first mention */
    double score;
    int mentions;
    uint8_t primary, linked, own_explicit;
    uint32_t grp_lo, grp_hi; /* unknown listings: their mentions in L->by_issuer */
};

/* ---- word sets ---------------------------------------------------------------------- */

typedef struct {
    uint64_t slot[512];
    int built;
} wset;

static void wset_build(wset *w, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t h = tl_word_hash(words[i], strlen(words[i]));
        size_t j = h & 511;
        while (w->slot[j]) j = (j + 1) & 511;
        w->slot[j] = h;
    }
    w->built = 1;
}

static int wset_has(const wset *w, uint64_t h)
{
    size_t j = h & 511;
    while (w->slot[j]) {
        if (w->slot[j] == h) return 1;
        j = (j + 1) & 511;
    }
    return 0;
}

#define WORDS(a) a, sizeof(a) / sizeof(*(a))
static const char *const connectors[] = {"and", "of",  "de",  "the", "du", "la", "le",  "des",
                                         "der", "van", "von", "y",   "e",  "et", "for", "on",
                                         "at",  "in",  "am",  "del", "di", "da", "com", "s"};
/* Nouns that make "Ford Foundation" a different organization. */
static const char *const institutions[] = {
    "foundation",   "institute", "institution", "university", "college",      "school",
    "museum",       "center",    "centre",      "hospital",   "field",        "stadium",
    "arena",        "park",      "prize",       "award",      "awards",       "fellowship",
    "fellow",       "fellows",   "family",      "act",        "street",       "avenue",
    "road",         "boulevard", "square",      "building",   "tower",        "hall",
    "library",      "theater",   "theatre",     "island",     "river",        "lake",
    "mountain",     "county",    "city",        "daily",      "times",        "journal",
    "magazine",     "cup",       "classic",     "open",       "championship", "trophy",
    "memorial",     "scholar",   "scholars",    "professor",  "chair",        "lecture",
    "amphitheater", "pavilion",  "center's"};
/* Capitalized words that may stand right before a one-word company name. */
static const char *const before_ok[] = {
    "the",       "a",         "an",           "and",        "or",        "but",       "rival",
    "rivals",    "with",      "by",           "as",         "at",        "for",       "from",
    "to",        "of",        "in",           "on",         "while",     "when",      "like",
    "including", "both",      "unlike",       "american",   "british",   "chinese",   "german",
    "japanese",  "french",    "swiss",        "korean",     "indian",    "russian",   "italian",
    "spanish",   "dutch",     "canadian",     "australian", "brazilian", "mexican",   "european",
    "asian",     "taiwanese", "swedish",      "finnish",    "norwegian", "danish",    "irish",
    "belgian",   "austrian",  "israeli",      "saudi",      "south",     "u",         "s",
    "uk",        "us",        "hong",         "kong",       "but",       "if",        "after",
    "before",    "since",     "because",      "shares",     "analysts",  "meanwhile", "however",
    "also",      "then",      "so",           "yet",        "why",       "how",       "what",
    "where",     "whether",   "although",     "though",     "unit",      "units",     "retailer",
    "automaker", "carmaker",  "lender",       "bank",       "insurer",   "airline",   "parent",
    "owner",     "partner",   "conglomerate", "giant",      "chipmaker", "said",      "says",
    "last",      "this",      "that",         "its",        "their",     "his",       "her",
    "our",       "new",       "nyse",         "nasdaq",     "wall",      "street",    "co",
    "inc",       "corp",      "ltd",          "plc",        "ag",        "sa",        "nv",
    "group",     "holdings"};
/* Capitalized words that may follow a one-word company name. */
static const char *const after_ok[] = {
    "chairman",  "chairwoman",  "chief",        "ceo",      "cfo",     "coo",
    "cto",       "president",   "executive",    "director", "vice",    "senior",
    "spokesman", "spokeswoman", "spokesperson", "founder",  "co",      "head",
    "chair",     "general",     "managing",     "i",        "the",     "and",
    "or",        "on",          "in",           "monday",   "tuesday", "wednesday",
    "thursday",  "friday",      "saturday",     "sunday",   "shares"};
static const char *const cue_after[] = {
    "said",         "says",       "say",       "shares",    "share",        "stock",
    "stocks",       "ceo",        "chief",     "executive", "spokesman",    "spokeswoman",
    "spokesperson", "chairman",   "president", "founder",   "reported",     "posted",
    "announced",    "unveiled",   "launched",  "agreed",    "plans",        "planned",
    "sold",         "bought",     "rose",      "fell",      "gained",       "dropped",
    "jumped",       "slipped",    "declined",  "climbed",   "shareholders", "investors",
    "board",        "management", "earnings",  "profit",    "revenue",      "sales",
    "results",      "executives", "employees", "stores",    "shareholder"};
static const char *const cue_before[] = {
    "rival",      "rivals",       "retailer",    "retailers",    "automaker", "carmaker",
    "maker",      "makers",       "bank",        "lender",       "company",   "firm",
    "giant",      "insurer",      "airline",     "carrier",      "chipmaker", "brewer",
    "miner",      "conglomerate", "producer",    "manufacturer", "operator",  "supplier",
    "subsidiary", "competitor",   "competitors", "peer",         "peers",     "retail",
    "oil",        "discounter",   "chain",       "automakers",   "carmakers", "banks",
    "companies"};

/* Words that may stand right before a longer company name. */
static const char *const determiners[] = {
    "the", "a",   "an", "and", "or", "but",   "with",   "by",   "of",        "from",
    "to",  "for", "at", "in",  "on", "rival", "rivals", "both", "including", "like"};

/* Countries whose possessive introduces a company ("Brazil's Vale"). */
static const char *const countries[] = {"america",
                                        "argentina",
                                        "australia",
                                        "austria",
                                        "belgium",
                                        "brazil",
                                        "britain",
                                        "canada",
                                        "chile",
                                        "china",
                                        "colombia",
                                        "denmark",
                                        "egypt",
                                        "england",
                                        "finland",
                                        "france",
                                        "germany",
                                        "greece",
                                        "india",
                                        "indonesia",
                                        "ireland",
                                        "israel",
                                        "italy",
                                        "japan",
                                        "korea",
                                        "malaysia",
                                        "mexico",
                                        "netherlands",
                                        "nigeria",
                                        "norway",
                                        "peru",
                                        "philippines",
                                        "poland",
                                        "portugal",
                                        "qatar",
                                        "russia",
                                        "scotland",
                                        "singapore",
                                        "spain",
                                        "sweden",
                                        "switzerland",
                                        "taiwan",
                                        "thailand",
                                        "turkey",
                                        "uae",
                                        "ukraine",
                                        "vietnam",
                                        "holland",
                                        "kong",
                                        "zealand",
                                        "africa",
                                        "arabia",
                                        "s"};

static wset ws_conn, ws_inst, ws_before, ws_cue_after, ws_cue_before, ws_after_ok, ws_det,
    ws_countries;

static uint64_t people_h(void)
{
    static uint64_t h;
    if (!h) h = tl_word_hash("people", 6);
    return h;
}

static void words_init(void)
{
    if (ws_conn.built) return;
    wset_build(&ws_conn, WORDS(connectors));
    wset_build(&ws_inst, WORDS(institutions));
    wset_build(&ws_before, WORDS(before_ok));
    wset_build(&ws_cue_after, WORDS(cue_after));
    wset_build(&ws_cue_before, WORDS(cue_before));
    wset_build(&ws_after_ok, WORDS(after_ok));
    wset_build(&ws_det, WORDS(determiners));
    wset_build(&ws_countries, WORDS(countries));
}

/* ---- setup -------------------------------------------------------------------------- */

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
    words_init();
}

void tl_linker_free(tl_linker *L)
{
    tl_toks_free(&L->toks);
    tl_patterns_free(&L->pats);
    tl_entities_free(&L->ents);
    free(L->m);
    free(L->agg);
    free(L->order);
    free(L->by_issuer);
    np_buf_free(&L->out);
    memset(L, 0, sizeof *L);
}

static tl_mention *new_mention(tl_linker *L)
{
    if (L->nm == L->mcap) {
        size_t cap = L->mcap ? L->mcap * 2 : 64;
        tl_mention *p = realloc(L->m, cap * sizeof *p);
        if (!p) return NULL;
        L->m = p;
        L->mcap = cap;
    }
    tl_mention *m = &L->m[L->nm++];
    memset(m, 0, sizeof *m);
    m->issuer = m->listing = NONE;
    return m;
}

static int valid_at(const tl_listing *l, int32_t day)
{
    if (day == INT32_MIN) return l->to == TL_DAY_MAX;
    return l->from <= day && day <= l->to;
}

/* ---- names -------------------------------------------------------------------------- */

/* The first word of an alias as written ("UBS" of "UBS Group AG"). */
static size_t raw_first_word(const tl_alias *a)
{
    size_t i = 0;
    while (i < a->raw_len) {
        unsigned char c = (unsigned char)a->raw[i];
        if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            break;
        i++;
    }
    return i;
}

/* True when the alias's first word (w bytes) is all capitals and the alias has lower-case
 * letters elsewhere. */
static int raw_caps_word(const tl_alias *a, size_t w)
{
    int lower_elsewhere = 0;
    for (size_t i = 0; i < w; i++)
        if (a->raw[i] >= 'a' && a->raw[i] <= 'z') return 0;
    for (size_t i = w; i < a->raw_len; i++)
        if (a->raw[i] >= 'a' && a->raw[i] <= 'z') lower_elsewhere = 1;
    return lower_elsewhere;
}

/* Does the text's letter case fit the alias? Names are capitalized in running text;
 * acronyms of up to three letters must be written in capitals (or exactly as listed). */
static int case_fits(const char *s, const tl_tok *t, size_t i, size_t j, const tl_alias *a)
{
    if (t[i].flags & TL_TOK_LOWER) return 0;
    for (size_t k = i + 1; k < j; k++)
        if ((t[k].flags & TL_TOK_LOWER) && !(t[k].flags & TL_TOK_GLUE) &&
            !wset_has(&ws_conn, t[k].h))
            return 0;
    if (j - i == 1) {
        size_t w = raw_first_word(a);
        size_t tl = t[i].b1 - t[i].b0;
        int same = w == tl && memcmp(a->raw, s + t[i].b0, tl) == 0;
        if (a->flags & TL_KEY_EXACT) return same;
        if (t[i].len <= 3 && !(t[i].flags & TL_TOK_CAPS) && !same) return 0;
        /* A word in capitals within a mixed-case name ("ASICS Corporation") is a brand: the
         * text writes it in capitals or capitalized ("Asics"), not mixed ("ASICs"). */
        if (!same && !(t[i].flags & TL_TOK_CAPS) && (t[i].flags & TL_TOK_MIXED) && w >= 2 &&
            raw_caps_word(a, w))
            return 0;
    }
    return 1;
}

/* Picks the issuer among the candidates of one key: curated aliases first, then the
 * highest prior. Returns the alias index, or NONE; *tie is set when two issuers tie. */
static uint32_t pick(const tl_table *T, const tl_slot *sl, const char *s, const tl_tok *t, size_t i,
                     size_t j, int *tie)
{
    uint32_t best = NONE;
    int best_rank = -1;
    *tie = 0;
    for (uint32_t k = sl->first; k < sl->first + sl->count; k++) {
        const tl_alias *a = &T->names.alias[k];
        if (!case_fits(s, t, i, j, a)) continue;
        int rank = (a->curated == 2 ? 1000 : 0) + T->iss[a->issuer].prior;
        if (rank > best_rank) {
            best = k;
            best_rank = rank;
            *tie = 0;
        } else if (rank == best_rank && T->names.alias[best].issuer != a->issuer) {
            *tie = 1;
        }
    }
    return best;
}

/* "Siemens Mexico", "Thales UK": a company's unit in a country, when the country ends the
 * phrase (not "Ford Australia Foundation"). */
static int country_unit(const tl_tok *t, size_t j, size_t nt)
{
    static uint64_t uk_h, us_h;
    if (!uk_h) {
        uk_h = tl_word_hash("uk", 2);
        us_h = tl_word_hash("us", 2);
    }
    int country = wset_has(&ws_countries, t[j].h) ||
                  ((t[j].flags & TL_TOK_CAPS) && (t[j].h == uk_h || t[j].h == us_h));
    return country && t[j].len > 1 &&
           (j + 1 >= nt || (t[j + 1].flags & (TL_TOK_BREAK | TL_TOK_LOWER)) ||
            (t[j].flags & TL_TOK_POSS));
}

/* True when the only thing between words j-1 and j is the full stop of an abbreviation
 * ("Jos. A. Bank", "Bros. Inc"): a short capitalized word, a full stop and one space. The
 * tokenizer counts it as a sentence end; inside a listed name it is not one, and the
 * prefix table decides whether a name continues across it. Only when the words before the
 * stop are no name themselves: "He drove a Ford. Motor sales rose" is Ford, once. */
static int abbrev_stop(const char *s, const tl_tok *t, size_t j)
{
    const tl_tok *p = &t[j - 1];
    return p->len >= 2 && p->len <= 4 && (p->flags & TL_TOK_UPPER) &&
           !(p->flags & (TL_TOK_CAPS | TL_TOK_DIGIT | TL_TOK_POSS)) && s[p->b1] == '.' &&
           t[j].b0 == p->b1 + 2 && s[p->b1 + 1] == ' ' && (t[j].flags & TL_TOK_UPPER) &&
           !(t[j].flags & TL_TOK_DIGIT);
}

static int scan_names(tl_linker *L, int field, const char *s, size_t n, const tl_zone *z, size_t nz)
{
    (void)n;
    const tl_table *T = L->table;
    const tl_matcher *M = &T->names;
    const tl_tok *t = L->toks.t;
    size_t nt = L->toks.n;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].flags & TL_TOK_LOWER) continue;
        if (!tl_matcher_may_start(M, t[i].h)) continue;
        uint64_t k = tl_key_step(TL_KEY_SEED, t[i].h);
        const tl_slot *sl = tl_matcher_find(M, k), *best = NULL;
        size_t end = 0;
        if (!sl) continue;
        if (sl->count) {
            best = sl;
            end = i + 1;
        }
        for (size_t j = i + 1; sl->prefix && j < nt; j++) {
            /* A possessive may be inside a name ("Men's Wearhouse"); the prefix table
             * decides whether a name continues after it. */
            if ((t[j].flags & TL_TOK_BREAK) && (best || !abbrev_stop(s, t, j))) break;
            k = tl_key_step(k, t[j].h);
            sl = tl_matcher_find(M, k);
            if (!sl) break;
            if (sl->count) {
                best = sl;
                end = j + 1;
            }
        }
        if (!best) continue;
        if (tl_in_zone(z, nz, t[i].b0)) {
            i = end - 1;
            continue;
        }
        int tie;
        uint32_t ai = pick(T, best, s, t, i, end, &tie);
        if (ai == NONE) continue;
        const tl_alias *a = &M->alias[ai];
        /* "Ford Foundation", "Target Field": a different organization. */
        if (end < nt && !(t[end].flags & TL_TOK_BREAK) && !(t[end - 1].flags & TL_TOK_POSS) &&
            wset_has(&ws_inst, t[end].h)) {
            i = end - 1;
            continue;
        }
        int single = end - i == 1;
        /* "Avant-Garde Advisors", "Duroc-Danner": a one-word name hyphenated to a capitalized
         * word is part of a longer name; not when that word starts a name too
         * ("Renault-Nissan", "AOL-Time Warner"). */
        if (single && end < nt && (t[end].flags & TL_TOK_GLUE) && (t[end].flags & TL_TOK_UPPER) &&
            !(t[end].flags & (TL_TOK_LOWER | TL_TOK_DIGIT)) && s[t[end].b0 - 1] == '-' &&
            !tl_matcher_may_start(M, t[end].h)) {
            i = end - 1;
            continue;
        }
        /* "Kakao Verarbeitung", "Apple Daily", "Southern District": a capitalized word right
         * after a one-word name makes it part of another name, unless it is a title or a
         * legal form ("Boeing Chairman", "Target Corp"). */
        size_t ext = 0; /* "Tesla Motors Inc": capitalized words, then a legal form */
        if (single && end < nt && !(t[end].flags & TL_TOK_BREAK) &&
            !(t[end - 1].flags & TL_TOK_POSS) && !(t[end].flags & TL_TOK_LOWER) &&
            !(t[end].flags & TL_TOK_GLUE) && !(t[end].flags & TL_TOK_DIGIT) &&
            !wset_has(&ws_after_ok, t[end].h) && !tl_is_legal_word(t[end].h) &&
            !((t[end].flags & TL_TOK_CAPS) && (t[i].flags & TL_TOK_CAPS)) &&
            !country_unit(t, end, nt)) {
            size_t q = end;
            while (q < nt && q - end < 2 && !(t[q].flags & (TL_TOK_BREAK | TL_TOK_LOWER)) &&
                   !(t[q - 1].flags & TL_TOK_POSS) && !tl_is_legal_word(t[q].h))
                q++;
            if (q < nt && q > end && !(t[q].flags & (TL_TOK_BREAK | TL_TOK_LOWER)) &&
                !(t[q - 1].flags & TL_TOK_POSS) && tl_is_legal_word(t[q].h) &&
                !wset_has(&ws_inst, t[end].h) && a->curated != 1) {
                ext = q - end;
            } else {
                i = end - 1;
                continue;
            }
        }
        /* "Rob Ford", "Evan Williams": a capitalized word right before a one-word name makes
         * it a person's or another organization's name. */
        if (single && i > 0 && !(t[i].flags & TL_TOK_BREAK) && !(t[i].flags & TL_TOK_SENT) &&
            !(t[i - 1].flags & TL_TOK_LOWER) && !(t[i - 1].flags & TL_TOK_POSS) &&
            !wset_has(&ws_before, t[i - 1].h) && !tl_is_legal_word(t[i - 1].h)) {
            /* Remembered when it reads as a person's name in mid-sentence ("said Yoshiharu
             * Ueki"), not a heading ("SECURITY Swisscom") or a sentence's first word ("Even
             * Tesla"): "Ueki said" later is the person again. */
            if (L->npersons < TL_MAX_PERSONS &&
                !(t[i - 1].flags & (TL_TOK_BREAK | TL_TOK_SENT | TL_TOK_CAPS | TL_TOK_DIGIT)) &&
                !(t[i].flags & TL_TOK_GLUE) && !(end < nt && tl_is_legal_word(t[end].h)))
                L->persons[L->npersons++] = t[i].h;
            i = end - 1;
            continue;
        }
        /* "Swiss National Bank", "People's Bank of China": a longer proper name that
         * contains a derived company name. */
        if (i > 0 && (t[i - 1].flags & TL_TOK_POSS) && t[i - 1].h == people_h() &&
            !(t[i].flags & TL_TOK_BREAK)) {
            i = end - 1;
            continue;
        }
        if (!single && a->curated != 2 && i > 0 && !(t[i].flags & TL_TOK_BREAK) &&
            !(t[i].flags & TL_TOK_SENT) && !(t[i - 1].flags & TL_TOK_LOWER) &&
            !(t[i - 1].flags & TL_TOK_POSS) && !wset_has(&ws_det, t[i - 1].h)) {
            i = end - 1;
            continue;
        }
        /* "China International Capital Corp": a derived name continued by a capitalized word
         * is part of a longer name. */
        if (!single && a->curated != 2 && end < nt && !(t[end].flags & TL_TOK_BREAK) &&
            !(t[end - 1].flags & TL_TOK_POSS) && !(t[end].flags & TL_TOK_LOWER) &&
            !(t[end].flags & TL_TOK_GLUE) && !(t[end].flags & TL_TOK_DIGIT) &&
            !wset_has(&ws_after_ok, t[end].h) && !tl_is_legal_word(t[end].h) &&
            !((t[end].flags & TL_TOK_CAPS) && (t[end - 1].flags & TL_TOK_CAPS))) {
            i = end - 1;
            continue;
        }
        /* Legal forms after the name ("Target Corp", "Alibaba Group Holding Ltd") make it
         * a company for certain, and belong to the mention. */
        size_t e = end + ext;
        int suffix = ext > 0;
        while (e < nt && e - end < 4 && (e == end || !(t[e - 1].flags & TL_TOK_POSS)) &&
               tl_is_legal_word(t[e].h) && !(t[e].flags & TL_TOK_LOWER) &&
               (!(t[e].flags & TL_TOK_BREAK) || (e == end && s[t[e - 1].b1] == ','))) {
            e++;
            suffix = 1;
        }
        tl_mention *m = new_mention(L);
        if (!m) return -1;
        m->issuer = a->issuer;
        m->alias_first = best->first;
        m->alias_count = best->count;
        m->ambiguous = (uint8_t)tie;
        m->method = M_NAME;
        m->field = (uint8_t)field;
        m->b0 = t[i].b0;
        m->b1 = t[e - 1].b1;
        m->cp0 = t[i].cp0;
        m->cp1 = t[e - 1].cp1;
        m->single = (uint8_t)single;
        m->suffix = (uint8_t)suffix;
        m->curated = a->curated;
        m->word = t[i].h;
        m->weak = (a->flags & TL_KEY_WEAK) && !suffix;
        m->brand = a->curated == 3;
        m->orgable = m->brand ||
                     (a->curated == 0 && !(a->flags & TL_KEY_SHORT) && !(t[i].flags & TL_TOK_CAPS));
        /* Context cues ("Apple said") support brand names curated with "*" and common-word
         * names ("~": "Target", "Union") of large companies, whose names would otherwise be
         * strong; never a one- or two-letter name. Other weak names need the company's full
         * name or another strong mention. */
        if (m->weak && t[e - 1].b1 - t[i].b0 >= 3 &&
            (a->curated == 3 ||
             (a->curated == 1 && T->iss[a->issuer].prior >= TL_PRIOR_STRONG_NAME))) {
            int cue = 0;
            /* After the name ("Apple said", "Target shares"): only for brand names ("*"). */
            if (a->curated == 3 && e < nt && !(t[e].flags & TL_TOK_BREAK) &&
                wset_has(&ws_cue_after, t[e].h) && !(t[e - 1].flags & TL_TOK_POSS))
                cue = 1;
            /* Before it: a trade ("miner Vale", "insurer Axa") or a country's possessive
             * ("Brazil's Vale", "France's Total"). */
            if (i > 0 && !(t[i].flags & TL_TOK_BREAK) && (t[i - 1].flags & TL_TOK_LOWER) &&
                wset_has(&ws_cue_before, t[i - 1].h))
                cue = 1;
            if (i > 0 && !(t[i].flags & TL_TOK_BREAK) && (t[i - 1].flags & TL_TOK_POSS) &&
                wset_has(&ws_countries, t[i - 1].h))
                cue = 1;
            m->cue = (uint8_t)cue;
        }
        i = e - 1;
    }
    return 0;
}

/* ---- explicit patterns ---------------------------------------------------------------- */

typedef struct {
    const tl_table *T;
    int32_t day;
    uint32_t best;
    int best_rank;
    uint32_t want_issuer; /* NONE: any */
} find_ctx;

static int consider(void *arg, uint32_t li)
{
    find_ctx *c = arg;
    const tl_listing *l = &c->T->lst[li];
    if (c->want_issuer != NONE && l->issuer != c->want_issuer) return 0;
    int rank = (valid_at(l, c->day) ? 4 : 0) + (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
    if (rank > c->best_rank) {
        c->best = li;
        c->best_rank = rank;
    }
    return 0;
}

static uint32_t find_symbol(const tl_table *T, const char *mic, const char *sym, size_t n,
                            int32_t day, uint32_t want_issuer)
{
    find_ctx c = {T, day, NONE, -1, want_issuer};
    tl_table_each_symbol(T, mic, sym, n, consider, &c);
    /* A listing valid at another date only counts when the article has no date. */
    if (c.best != NONE && day != INT32_MIN && !valid_at(&T->lst[c.best], day)) return NONE;
    return c.best;
}

/* Symbol spellings of a RIC root: "BRKa" -> BRK-A, BRK.A, BRKA; "DBKGn" -> DBK;
 * "VOWG_p" -> VOW3 is left to the table's RIC column. */
static uint32_t find_root(const tl_table *T, const char *mic, const char *root, size_t n,
                          int32_t day, uint32_t want_issuer)
{
    uint32_t li = find_symbol(T, mic, root, n, day, want_issuer);
    if (li != NONE) return li;
    char buf[40];
    size_t base = n;
    while (base > 0 && ((root[base - 1] >= 'a' && root[base - 1] <= 'z') || root[base - 1] == '_'))
        base--;
    if (base == 0 || n >= 20) return NONE;
    if (base < n) {
        char cls = root[n - 1];
        if (cls >= 'a' && cls <= 'z') cls = (char)(cls - 32);
        static const char seps[] = {'-', '.', 0};
        for (int k = 0; k < 3; k++) {
            size_t m = 0;
            memcpy(buf, root, base);
            m = base;
            if (seps[k]) buf[m++] = seps[k];
            buf[m++] = cls;
            li = find_symbol(T, mic, buf, m, day, want_issuer);
            if (li != NONE) return li;
        }
        li = find_symbol(T, mic, root, base, day, want_issuer);
        if (li != NONE) return li;
    }
    /* German RICs: the exchange symbol plus "G" ("BMWG" -> BMW, "DBKGn" -> DBK). Only on
     * German exchanges: "IPG.N" is Interpublic, never IP (International Paper). */
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    if (base > 2 && root[base - 1] == 'G' && x && !strcmp(x->country, "DE")) {
        li = find_symbol(T, mic, root, base - 1, day, want_issuer);
        if (li != NONE) return li;
    }
    return NONE;
}

typedef struct {
    const tl_table *T;
    int32_t day;
    uint32_t best;
    int best_rank;
} ric_ctx;

static int consider_ric(void *arg, uint32_t li)
{
    ric_ctx *c = arg;
    const tl_listing *l = &c->T->lst[li];
    int rank = (valid_at(l, c->day) ? 4 : 0) + (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
    if (rank > c->best_rank) {
        c->best = li;
        c->best_rank = rank;
    }
    return 0;
}

/* The name mention that ends right before the pattern's opening parenthesis. */
/* The name mention that ends right before the pattern's opening parenthesis. Name mentions
 * of this field are L->m[first_m .. names_end), in text order: binary search. */
static const tl_mention *adjacent_name(const tl_linker *L, size_t first_m, size_t names_end,
                                       const char *s, uint32_t open)
{
    size_t lo = first_m, hi = names_end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->m[mid].b1 <= open)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == first_m) return NULL;
    const tl_mention *m = &L->m[lo - 1];
    for (uint32_t b = m->b1; b < open; b++)
        if (s[b] != ' ' && s[b] != '\t' && s[b] != ',') return NULL;
    return m;
}

/* Issuer is's best listing on the exchange with canonical MIC cm (current, then still open,
 * then primary), or, with in_country set, on an exchange of the country of the exchange cm
 * valid on day (primary, then not over the counter). NONE when it has none there. */
static uint32_t best_listing(const tl_table *T, uint32_t is, const tl_exchange *x, int in_country,
                             int32_t day)
{
    const tl_issuer *I = &T->iss[is];
    uint32_t best = NONE;
    int best_rank = -1;
    for (uint32_t li = I->first; li < I->first + I->count; li++) {
        const tl_listing *l = &T->lst[li];
        const tl_exchange *lx = tl_exchange_by_mic(l->mic, strlen(l->mic));
        int rank;
        if (in_country) {
            if (!lx || strcmp(lx->country, x->country) != 0 || !valid_at(l, day)) continue;
            rank = l->primary * 2 + (strcmp(l->mic, "OTCM") != 0);
        } else {
            if (strcmp(lx ? lx->canonical : l->mic, x->canonical) != 0) continue;
            rank = (valid_at(l, day) ? 4 : 0) + (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
        }
        if (rank > best_rank) {
            best = li;
            best_rank = rank;
        }
    }
    return best;
}

/* A listing on this exchange of one of the name's candidate issuers; failing that, on
 * another exchange of its country: companies move between exchanges of one country
 * (PepsiCo and Honeywell from the NYSE to Nasdaq). */
static uint32_t listing_of_name(const tl_table *T, const tl_mention *m, const char *mic,
                                int32_t day, uint32_t *issuer)
{
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    tl_exchange own = {0};
    if (!x) { /* an exchange we do not know: only its exact MIC matches */
        own.mic = own.canonical = mic;
        x = &own;
    }
    int rounds = x == &own ? 1 : 2; /* an unknown exchange has no country */
    for (int in_country = 0; in_country < rounds; in_country++)
        for (uint32_t k = m->alias_first; k < m->alias_first + m->alias_count; k++) {
            uint32_t is = T->names.alias[k].issuer, best = best_listing(T, is, x, in_country, day);
            if (best != NONE) {
                *issuer = is;
                return best;
            }
        }
    return NONE;
}

static const char *const us_mics[] = {"XNYS", "XNAS", "XASE", "ARCX", "BATS", "OTCM"};

static int scan_patterns(tl_linker *L, int field, const char *s, size_t n, const tl_zone *z,
                         size_t nz, size_t first_m, int32_t day)
{
    size_t names_end = L->nm; /* this field's name mentions are [first_m, names_end) */
    const tl_table *T = L->table;
    if (tl_find_patterns(s, n, &L->pats)) return -1;
    size_t cp = 0, at = 0;
    for (size_t k = 0; k < L->pats.n; k++) {
        const tl_pattern *p = &L->pats.p[k];
        if (p->unlisted || tl_in_zone(z, nz, p->b0)) continue;
        /* Code-point offsets, counted incrementally (patterns come in text order). */
        while (at < p->b0) cp += ((unsigned char)s[at++] & 0xC0) != 0x80;
        size_t cp0 = cp, cp1 = cp;
        for (size_t b = p->b0; b < p->b1; b++) cp1 += ((unsigned char)s[b] & 0xC0) != 0x80;
        uint32_t li = NONE, issuer = NONE;
        if (p->kind == TL_PAT_RIC) {
            ric_ctx c = {T, day, NONE, -1};
            tl_table_each_ric(T, p->ric, p->ric_len, consider_ric, &c);
            if (c.best != NONE && (day == INT32_MIN || valid_at(&T->lst[c.best], day))) li = c.best;
        }
        if (li == NONE && p->exch) {
            const tl_mention *nm = adjacent_name(L, first_m, names_end, s, p->open);
            uint32_t by_name = nm ? listing_of_name(T, nm, p->exch->mic, day, &issuer) : NONE;
            uint32_t by_sym = find_root(T, p->exch->mic, p->sym, p->sym_len, day, NONE);
            /* The name written right before the code decides when both exist: RIC roots
             * are not always symbols, and symbols get reused. */
            li = by_name != NONE ? by_name : by_sym;
        }
        if (li == NONE && p->kind == TL_PAT_CASHTAG) {
            for (size_t u = 0; u < sizeof us_mics / sizeof *us_mics && li == NONE; u++)
                li = find_symbol(T, us_mics[u], p->sym, p->sym_len, day, NONE);
        }
        tl_mention *m = new_mention(L);
        if (!m) return -1;
        m->method = p->kind == TL_PAT_RIC        ? M_RIC
                    : p->kind == TL_PAT_EXCHANGE ? M_EXCHANGE
                                                 : M_CASHTAG;
        m->field = (uint8_t)field;
        m->b0 = p->b0;
        m->b1 = p->b1;
        m->cp0 = (uint32_t)cp0;
        m->cp1 = (uint32_t)cp1;
        m->listing = li;
        m->issuer = li != NONE ? T->lst[li].issuer : NONE;
        m->sym = p->sym;
        m->sym_len = (uint16_t)p->sym_len;
        m->ric = p->ric;
        m->ric_len = (uint16_t)p->ric_len;
        m->exch = p->exch;
    }
    return 0;
}

/* ---- entities ----------------------------------------------------------------------- */

/* Whether name mention m covers ORG span e but for a leading "the" and trailing legal
 * forms, possessives and punctuation: the ORG is then this name, not a body named after it. */
static int whole_span(const tl_linker *L, const tl_entity *e, const tl_mention *m)
{
    const tl_tok *t = L->toks.t;
    size_t nt = L->toks.n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    size_t lo = 0, hi = nt;
    while (lo < hi) { /* the first token that ends after the span starts */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].cp1 <= e->cp0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nt && t[i].cp0 < e->cp1; i++) {
        if (t[i].cp0 >= m->cp0 && t[i].cp1 <= m->cp1) continue;
        if (t[i].cp1 <= m->cp0 && t[i].h == the_h) continue;
        if (t[i].cp0 >= m->cp1 && tl_is_legal_word(t[i].h)) continue;
        return 0;
    }
    return 1;
}

/* True when the word before mention m is "the". */
static int after_the(const tl_linker *L, const tl_mention *m)
{
    const tl_tok *t = L->toks.t;
    size_t lo = 0, hi = L->toks.n;
    while (lo < hi) { /* the first token that starts at or after the mention */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].cp0 < m->cp0)
            lo = mid + 1;
        else
            hi = mid;
    }
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    return lo > 0 && t[lo - 1].h == the_h;
}

static int scan_entities(tl_linker *L, int field, size_t first_m, size_t names_end)
{
    const tl_table *T = L->table;
    const tl_tok *t = L->toks.t;
    size_t nt = L->toks.n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    for (size_t k = 0; k < L->ents.n; k++) {
        const tl_entity *e = &L->ents.e[k];
        if (e->field != field) continue;
        /* Name mentions inside the span: ORG supports them, PER and LOC veto weak ones. */
        int covered = 0;
        /* Name mentions are in text order: start at the first that ends after the span. */
        size_t q0 = first_m, q1 = names_end;
        while (q0 < q1) {
            size_t mid = q0 + (q1 - q0) / 2;
            if (L->m[mid].cp1 <= e->cp0)
                q0 = mid + 1;
            else
                q1 = mid;
        }
        for (size_t q = q0; q < names_end && L->m[q].cp0 < e->cp1; q++) {
            tl_mention *m = &L->m[q];
            if (m->field != field || m->method != M_NAME) continue;
            if (m->cp1 <= e->cp0 || m->cp0 >= e->cp1) continue;
            if (e->type == TL_ENT_ORG) {
                covered = 1;
                /* Only a brand name ("*") that is the whole organization ("Apple", "the
                 * Apple Inc") is made certain: inside a longer one ("European Union",
                 * "Ford Foundation") the ORG is another body, and a one-word name derived
                 * from a listing ("United", "Earth") needs more than being an ORG. */
                if ((!m->weak || m->orgable) && whole_span(L, e, m)) m->weak = 0;
            } else if ((e->type == TL_ENT_PER || e->type == TL_ENT_LOC) && m->cp0 >= e->cp0 &&
                       m->cp1 <= e->cp1 && (m->weak || m->single)) {
                /* A LOC that is exactly a strong company name ("France's Carrefour",
                 * "Safran") is the tagger's guess at an unknown word: places that are company
                 * names are weak names already. Inside a longer place ("Boeing Field") or
                 * after "the" ("the Amazon") it is the place. */
                if (e->type == TL_ENT_LOC && !m->weak && e->cp0 == m->cp0 && e->cp1 == m->cp1 &&
                    !after_the(L, m))
                    continue;
                m->dead = 1;
            }
        }
        if (e->type != TL_ENT_ORG || covered) continue;
        /* An ORG the dictionary scan did not find: look its words up as a whole name. */
        size_t lo = 0, hi = nt;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t[mid].cp0 < e->cp0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t b = lo, en = b;
        while (en < nt && t[en].cp1 <= e->cp1) en++;
        if (b < en && t[b].h == the_h) b++;
        while (en > b + 1 && tl_is_legal_word(t[en - 1].h)) en--;
        if (b >= en || en - b > TL_NAME_MAX_WORDS) continue;
        uint64_t key = TL_KEY_SEED;
        for (size_t q = b; q < en; q++) key = tl_key_step(key, t[q].h);
        const tl_slot *sl = tl_matcher_find(&T->names, key);
        if (!sl || !sl->count) continue;
        uint32_t best = NONE;
        int best_rank = -1, tie = 0;
        for (uint32_t a = sl->first; a < sl->first + sl->count; a++) {
            const tl_alias *al = &T->names.alias[a];
            /* A one-word name is a company's only when curated as a brand ("*"): an ORG
             * "People" or "United" is not People Co. or UNITED, Inc. */
            if ((al->flags & TL_KEY_WEAK) && al->curated != 3) continue;
            int rank = (al->curated == 2 ? 1000 : 0) + T->iss[al->issuer].prior;
            if (rank > best_rank) {
                best = a;
                best_rank = rank;
                tie = 0;
            } else if (rank == best_rank) {
                tie = 1;
            }
        }
        if (best == NONE) continue;
        tl_mention *m = new_mention(L);
        if (!m) return -1;
        m->issuer = T->names.alias[best].issuer;
        m->alias_first = sl->first;
        m->alias_count = sl->count;
        m->ambiguous = (uint8_t)tie;
        m->method = M_ENTITY;
        m->field = (uint8_t)field;
        m->b0 = t[lo].b0;
        m->b1 = t[en - 1].b1;
        m->cp0 = e->cp0;
        m->cp1 = e->cp1;
    }
    return 0;
}

/* ---- aggregation and output ----------------------------------------------------------- */

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
    a->issuer = a->listing = a->mention = NONE;
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

/* The live mentions of issuer is (NONE: unknown listings), in text order: [*lo, *hi) of
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
    if (e->issuer == NONE) {
        lo = e->grp_lo;
        hi = e->grp_hi;
    } else {
        issuer_range(L, e->issuer, &lo, &hi);
    }
    for (size_t q = lo; q < hi; q++) {
        const tl_mention *m = &L->m[L->by_issuer[q]];
        if (m->dead) continue;
        int mine;
        if (e->issuer == NONE)
            mine = m->issuer == NONE && m->listing == NONE && m->method != M_NAME &&
                   m->method != M_ENTITY && same_unknown(m, &L->m[e->mention]);
        else if (m->method == M_NAME || m->method == M_ENTITY)
            mine = m->issuer == e->issuer && (!m->weak || m->cue);
        else
            mine = m->listing == e->listing ||
                   (!e->own_explicit && m->issuer == e->issuer && m->listing != NONE);
        if (!mine) continue;
        n++;
        if (written >= L->max_evidence) continue;
        if (written && np_buf_putc(o, ',')) return -1;
        if (np_buf_puts(o, "{\"field\":") ||
            np_json_put_string(o, L->fields[m->field], strlen(L->fields[m->field])) ||
            np_buf_puts(o, ",\"start\":") || np_buf_put_u64(o, m->cp0) ||
            np_buf_puts(o, ",\"end\":") || np_buf_put_u64(o, m->cp1) ||
            np_buf_puts(o, ",\"method\":\"") || np_buf_puts(o, method_name[m->method]) ||
            np_buf_puts(o, "\"}"))
            return -1;
        written++;
    }
    *count = n;
    return np_buf_putc(o, ']');
}

/* RIC of a listing: the table's, else formed from the symbol and the exchange suffix
 * ("BRK-A" on XNYS -> "BRKa.N"). */
static int put_ric(np_buf *o, const tl_listing *l)
{
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

static int emit(tl_linker *L, const char *source, size_t source_len, int32_t day)
{
    const tl_table *T = L->table;
    L->nagg = 0;
    /* Publisher: names of the issuer that owns the news service are not subjects. */
    if (source && source_len) {
        for (size_t k = 0; k < L->nm; k++) {
            tl_mention *m = &L->m[k];
            if ((m->method != M_NAME && m->method != M_ENTITY) || m->issuer == NONE) continue;
            const char *p = T->iss[m->issuer].publisher;
            if (p && strlen(p) == source_len && strncasecmp(p, source, source_len) == 0)
                m->dead = 1;
        }
    }
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
        if (L->m[k].listing != NONE && !L->m[k].dead) L->order[nx++] = L->m[k].issuer;
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
    /* Unknown listings (issuer NONE, the last group) are grouped by code. */
    size_t none_lo, none_hi;
    issuer_range(L, NONE, &none_lo, &none_hi);
    if (none_hi - none_lo > 1)
        qsort_r(L->by_issuer + none_lo, none_hi - none_lo, sizeof *L->by_issuer, cmp_unknown, L->m);
    /* Per-issuer evidence; unknown listings one entry per code. */
    for (size_t g = 0; g < L->n_by_issuer;) {
        uint32_t is = L->m[L->by_issuer[g]].issuer;
        size_t end = g;
        while (end < L->n_by_issuer && L->m[L->by_issuer[end]].issuer == is) end++;
        size_t first_agg = L->nagg;
        for (size_t q = g; q < end; q++) {
            uint32_t k = L->by_issuer[q];
            tl_mention *m = &L->m[k];
            tl_agg *a = NULL;
            if (is == NONE) {
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
                if (m->cue)
                    a->n_weak++;
                else
                    continue;
            } else if (m->method == M_NAME) {
                a->n_strong++;
            } else if (m->method == M_ENTITY) {
                a->n_entity++;
            } else {
                a->n_explicit++;
            }
            if (pos < a->first) a->first = pos;
        }
        /* Weak names count when the issuer has other evidence too. */
        if (is != NONE && L->nagg > first_agg) {
            tl_agg *a = &L->agg[first_agg];
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
    /* Output entries: one per listing of each linked issuer. */
    size_t nissuers = L->nagg;
    for (size_t q = 0; q < nissuers; q++) {
        tl_agg a = L->agg[q];
        if (a.n_strong + a.n_entity + a.n_explicit + a.n_weak == 0) continue;
        double base = a.n_explicit ? 0.99
                      : a.n_strong ? 0.90 + 0.02 * (a.n_strong > 4 ? 4 : a.n_strong - 1)
                      : a.n_entity ? 0.88
                                   : 0.75;
        if (a.issuer == NONE) {
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
            if (valid_at(&T->lst[li], day) && !is_otc(&T->lst[li])) any_exchange = 1;
        for (uint32_t li = I->first; li < I->first + I->count; li++) {
            const tl_listing *l = &T->lst[li];
            int explicit_here = 0;
            for (size_t r = ilo; r < ihi && !explicit_here; r++)
                if (L->m[L->by_issuer[r]].listing == li) explicit_here = 1;
            if (!explicit_here) {
                /* Only listings valid at the article's date (current ones when it has no
                 * date): a company listed later was not a listed company then. */
                if (!valid_at(l, day)) continue;
                if (any_exchange && is_otc(l)) continue;
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
    /* Order and write. */
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
    np_buf_clear(o);
    if (np_buf_putc(o, '[')) return -1;
    for (size_t q = 0; q < ne; q++) {
        const tl_agg *e = &L->agg[L->order[q]];
        int cnt;
        if (q && np_buf_putc(o, ',')) return -1;
        if (e->issuer == NONE) {
            const tl_mention *m = &L->m[e->mention];
            if (np_buf_puts(o, "{\"symbol\":") || np_json_put_string(o, m->sym, m->sym_len) ||
                np_buf_puts(o, ",\"exchange\":") ||
                (m->exch ? np_json_put_string(o, m->exch->mic, strlen(m->exch->mic))
                         : np_buf_puts(o, "null")) ||
                np_buf_puts(o, ",\"ric\":") ||
                (m->ric ? np_json_put_string(o, m->ric, m->ric_len) : np_buf_puts(o, "null")) ||
                np_buf_puts(o, ",\"name\":null,\"issuer\":null"))
                return -1;
        } else {
            const tl_listing *l = &T->lst[e->listing];
            const tl_issuer *I = &T->iss[e->issuer];
            if (np_buf_puts(o, "{\"symbol\":") ||
                np_json_put_string(o, l->symbol, strlen(l->symbol)) ||
                np_buf_puts(o, ",\"exchange\":") || np_json_put_string(o, l->mic, strlen(l->mic)) ||
                np_buf_puts(o, ",\"ric\":") || put_ric(o, l) || np_buf_puts(o, ",\"name\":") ||
                np_json_put_string(o, I->name, strlen(I->name)) || np_buf_puts(o, ",\"issuer\":") ||
                np_json_put_string(o, I->id, strlen(I->id)))
                return -1;
        }
        size_t mark = o->len;
        if (np_buf_puts(o, ",\"mentions\":0,\"evidence\":")) return -1;
        size_t ev = o->len;
        if (put_evidence(L, o, e, &cnt)) return -1;
        /* Patch the mention count in: rewrite the prefix now that it is known. */
        np_buf tmp = {0};
        if (np_buf_append(&tmp, o->data + ev, o->len - ev)) {
            np_buf_free(&tmp);
            return -1;
        }
        o->len = mark;
        int rc = np_buf_puts(o, ",\"mentions\":") || np_buf_put_u64(o, (unsigned)cnt) ||
                 np_buf_puts(o, ",\"evidence\":") || np_buf_append(o, tmp.data, tmp.len) ||
                 np_buf_puts(o, ",\"score\":") || np_json_put_double(o, e->score, 3) ||
                 np_buf_putc(o, '}');
        np_buf_free(&tmp);
        if (rc) return -1;
    }
    return np_buf_putc(o, ']');
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
 * a curated strong name ("+Boeing"). */
static void drop_persons(tl_linker *L)
{
    if (!L->npersons) return;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || !m->single || m->suffix || m->curated == 2) continue;
        for (int p = 0; p < L->npersons; p++)
            if (L->persons[p] == m->word) {
                m->dead = 1;
                break;
            }
    }
}

int tl_link_texts(tl_linker *L, const char *const *texts, const size_t *lens, int32_t day,
                  const char *source, size_t source_len, const char *entities, size_t entities_len)
{
    L->nm = 0;
    L->npersons = 0;
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
        if (scan_names(L, f, s, n, z, nz)) return -1;
        size_t names_end = L->nm;
        if (scan_patterns(L, f, s, n, z, nz, first_m, day)) return -1;
        if (L->ents.n && scan_entities(L, f, first_m, names_end)) return -1;
    }
    drop_persons(L);
    if (L->nm > 1) qsort(L->m, L->nm, sizeof *L->m, cmp_mentions);
    return emit(L, source, source_len, day);
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
