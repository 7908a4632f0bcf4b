/* Span corrections for news as published (see published.h). */
#include "published.h"

#include <string.h>

#include "feature.h"
#include "labels.h"
#include "nouns.h"
#include "wordlist.h"
#include "sentence.h"

/* Whether s[a..b) is a Reuters instrument code: a root of letters, digits and "_", then "."
 * and an exchange suffix of one to three capitals ("BA.N", "VOWG_p.DE", "0700.HK"). */
static int ric_shape(const char *s, size_t a, size_t b)
{
    size_t dot = b;
    while (dot > a && s[dot - 1] != '.') dot--;
    if (dot == a || dot - 1 == a || b - dot < 1 || b - dot > 3 || dot - 1 - a > 12) return 0;
    for (size_t i = dot; i < b; i++)
        if (s[i] < 'A' || s[i] > 'Z') return 0;
    int upper = 0;
    for (size_t i = a; i < dot - 1; i++) {
        char c = s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            upper = 1;
        else if (!(c >= 'a' && c <= 'z') && c != '_')
            return 0;
    }
    return upper;
}

/* Whether s[a..b) is Reuters' own code of a private company ("LOT.UL", "AAMRQA.UL"). */
static int ul_code(const char *s, size_t a, size_t b)
{
    return b - a > 3 && memcmp(s + b - 3, ".UL", 3) == 0 && ric_shape(s, a, b);
}

/* Whether s[a..b) is a symbol of one to six capitals (and full stops) written as a code: after
 * an exchange's name and a colon in parentheses ("(NYSE: BA)", "(Nasdaq:AAPL)"), or as a
 * cashtag ("$TSLA"). */
static int exchange_symbol(const char *s, size_t len, size_t a, size_t b)
{
    if (b - a < 1 || b - a > 6) return 0;
    for (size_t i = a; i < b; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.')) return 0;
    if (a > 0 && s[a - 1] == '$') return a < 2 || s[a - 2] == ' ' || s[a - 2] == '(';
    size_t p = a, q = b;
    while (p > 0 && s[p - 1] == ' ') p--;
    while (q < len && s[q] == ' ') q++;
    if (p == 0 || s[p - 1] != ':' || q >= len || (s[q] != ')' && s[q] != ',' && s[q] != ';'))
        return 0;
    size_t o = p - 1; /* the colon; an exchange's name before it, "(" before that */
    while (o > 0 && o + 14 > p && s[o - 1] != '(') o--;
    if (o == 0 || s[o - 1] != '(') return 0;
    static const char *const exchanges[] = {
        "NYSE", "Nasdaq", "NASDAQ", "AMEX",  "NYSE American", "NYSE Arca", "NYSE MKT",
        "TSX",  "TSXV",   "TSX-V",  "LSE",   "AIM",           "ASX",       "HKEX",
        "SGX",  "OTC",    "OTCQX",  "OTCQB", "Euronext",      "SIX",       "XETRA",
        "BSE",  "NSE",    "TSE",    "JSE",   "NZX",           "CSE"};
    size_t n = p - 1 - o;
    for (size_t k = 0; k < sizeof exchanges / sizeof *exchanges; k++)
        if (strlen(exchanges[k]) == n && memcmp(exchanges[k], s + o, n) == 0) return 1;
    return 0;
}

/* Whether s[a..b) is a Reuters index code after its full stop (" .SPX", "(.N225)",
 * ".STOXX50E", ".dMIWD00000PUS"): capitals and digits, at least one capital, perhaps one
 * lower-case letter first, right after a "." that follows a space, "(" or the text's start;
 * a misspaced sentence (".Giuseppe", two in eng.train) is no code. */
static int index_code(const char *s, size_t a, size_t b)
{
    if (a == 0 || s[a - 1] != '.' || b - a < 2 || b - a > 16) return 0;
    if (a >= 2 && s[a - 2] != ' ' && s[a - 2] != '(' && s[a - 2] != '\n') return 0;
    int capital = 0;
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            capital = 1;
        else if (!(c >= '0' && c <= '9') && !(i == a && c >= 'a' && c <= 'z'))
            return 0;
    }
    return capital;
}

/* A span that is an instrument code: an exchange's symbol written as one (above), or a
 * Reuters code where Reuters writes one: in parentheses or angle brackets after a company's
 * name ("Boeing Co ( BA.N )", "<BA.N>", "( 1398.HK ) ( 601398.SS )"),
 * a private company's code of Reuters' own ("LOT.UL"), or an index's (".SPX"). A code is no
 * name: CoNLL-2003 tags its one such code O (RABN.CN), and the model, which never saw them,
 * typed the codes of the Reuters sample LOC, ORG or nothing, a third each ("BA.N" reads like
 * "U.S"), and 198 index codes mostly ORG ("SPX" 47, "DJI" 31, "IXIC" 30). */
static int code_span(const char *s, size_t len, const np_token *tk, const etag_span *sp)
{
    size_t a = tk[sp->first].start, b = tk[sp->first + sp->n - 1].end;
    if (exchange_symbol(s, len, a, b)) return 1;
    if (ul_code(s, a, b) || index_code(s, a, b)) return 1;
    if (!ric_shape(s, a, b)) return 0;
    size_t p = a, q = b;
    while (p > 0 && s[p - 1] == ' ') p--;
    while (q < len && s[q] == ' ') q++;
    return p > 0 && q < len &&
           ((s[p - 1] == '(' && s[q] == ')') || (s[p - 1] == '<' && s[q] == '>'));
}

int etag_code_follows(const char *s, size_t len, size_t b)
{
    size_t q = b + etag_possessive_at(s, len, b);
    while (q < len && s[q] == ' ') q++;
    if (q >= len || (s[q] != '(' && s[q] != '<')) return 0;
    char close = s[q] == '(' ? ')' : '>';
    q++;
    while (q < len && s[q] == ' ') q++;
    size_t a = q;
    while (q < len && s[q] != ' ' && s[q] != close && q - a <= 16) q++;
    size_t e = q;
    while (q < len && s[q] == ' ') q++;
    return q < len && s[q] == close && ric_shape(s, a, e);
}

/* The gazetteer categories of the space-separated words s[a..b), or 0. */
static uint32_t gaz_words(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t a,
                          size_t b)
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

/* A name right before a Reuters code is the company the code is of: ORG, whatever the model
 * typed it ("Airbus ( EAD.PA )" MISC, "Intesa ( ISP.MI )" PER, "Santander ( SAN.MC )" LOC:
 * 180 of the 3,476 entities before a code in the Reuters 2013 sample). Not a place of the
 * lists after "in" or "of" ("listed in Johannesburg ( SABJ.J )", "Gree Electric Appliances
 * Inc of Zhuhai ( 000651.SZ )"); "a unit of State Street ( STT.N )" and "analysts at Societe
 * Generale ( SOGN.PA )" are companies. */
static void org_before_code(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                            const np_token *tk, etag_span *sp)
{
    const uint32_t places = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) |
                            (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_WLOC);
    if (sp->type > ETAG_MISC) return;
    size_t b = tk[sp->first + sp->n - 1].end;
    if (!etag_code_follows(s, len, b)) return;
    if (sp->type != ETAG_ORG && sp->first > 0) {
        const np_token *p = &tk[sp->first - 1];
        const char *w = s + p->start;
        if (p->end - p->start == 2 && (!memcmp(w, "in", 2) || !memcmp(w, "of", 2)) &&
            (etag_lexicon_empty(gaz) ||
             (gaz_words(gaz, scratch, s, tk[sp->first].start, b) & places)))
            return;
    }
    sp->type = ETAG_ORG;
    sp->coded = 1; /* the article's other mentions of the name follow it (mentions.c) */
}

/* A span that ends on a Reuters code of its own after the name ("American Airlines
 * AAMRQA.UL"): the name is the entity, the code not; the span ends before it. */
static void trim_code(const char *s, const np_token *tk, etag_span *sp)
{
    size_t b = tk[sp->first + sp->n - 1].end;
    uint32_t j = sp->n - 1; /* the last word's first token: tokens glued without a space */
    while (j > 0 && tk[sp->first + j].start == tk[sp->first + j - 1].end) j--;
    if (j == 0) return; /* the span is that one word */
    size_t a = tk[sp->first + j].start;
    if (ul_code(s, a, b)) sp->n = j;
}

/* The words that close a compound of a name in news copy ("Chicago-based", "U.S.-listed",
 * "News Corp-owned"); any other lower-case word after a hyphen may be a name's own part
 * ("Li Ka-shing", "Hyun Oh-seok"). */
static const char *const compound_words[] = {
    "based",      "listed",   "owned",      "led",          "backed",    "controlled", "run",
    "born",       "made",     "registered", "focused",      "designed",  "related",    "linked",
    "affiliated", "funded",   "operated",   "educated",     "regulated", "branded",    "bound",
    "style",      "era",      "wide",       "like",         "sponsored", "founded",    "dominated",
    "centred",    "centered", "oriented",   "headquartered"};

/* The byte where a compound's head ends in token w ("Chicago" of "Chicago-based", "U.S." of
 * "U.S.-listed", "Corp" of "Corp-owned"): its last hyphen, when one of compound_words follows
 * it and a letter or full stop precedes it; or 0. */
static size_t compound_cut(const char *s, const np_token *w)
{
    size_t h = w->end;
    while (h > w->start && s[h - 1] >= 'a' && s[h - 1] <= 'z') h--;
    if (w->end - h < 2 || h - w->start < 3 || s[h - 1] != '-') return 0;
    char c = s[h - 2];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.')) return 0;
    for (size_t k = 0; k < sizeof compound_words / sizeof *compound_words; k++)
        if (strlen(compound_words[k]) == w->end - h &&
            memcmp(compound_words[k], s + h, w->end - h) == 0)
            return h - 1;
    return 0;
}

/* A name inside a hyphenated compound ("Chicago-based", "U.S.-listed", "News Corp-owned") is
 * the entity, not the compound: a reader marks the name in it ("U.S." of "Shares in some
 * U.S.-listed Chinese firms" is LOC in ../shared/examples/seed.md). A PER, ORG or LOC span
 * ending on such a compound ends before its hyphen (CoNLL-2003 scoring, by token, is the
 * same). Not a MISC span: CoNLL-2003 tags the whole word MISC ("Toronto-based"), and the model
 * learned to; typing its head LOC instead cost 0.24 F1 on the unseen quarter of eng.testa,
 * and a LOC for a compound the model left untagged ("U.S.-listed") 0.08 on another. */
static void compound_head(const char *s, const np_token *tk, etag_span *sp)
{
    const np_token *w = &tk[sp->first + sp->n - 1];
    size_t cut = compound_cut(s, w);
    if (cut && (sp->type == ETAG_PER || sp->type == ETAG_ORG || sp->type == ETAG_LOC))
        sp->cut = (uint32_t)(w->end - cut);
}

/* An ORG span whose previous word (capitalized, not "The", outside any entity) makes with it
 * an organisation of the lists, the listed companies' names or Wikipedia's organisation
 * titles, takes that word: "according to Thomson Reuters data" was ORG "Reuters" alone (130
 * times in the Reuters 2013 sample, the publisher's own name). Also a word the model tagged
 * MISC on its own, which then goes, when it is a part of people's names and the two make a
 * listed company's name: "Thomson" MISC, "Reuters" ORG, 64 times more. CoNLL-2003 tags a
 * nationality and an organisation apart, also where the lists hold the two as one ("German
 * Foreign Ministry", "Swiss Re": MISC and ORG). Returns the number of spans kept. */
static size_t org_extend(const etag_lexicon *gaz, np_buf *scratch, const char *s,
                         const np_token *tk, etag_span *ms, size_t nm)
{
    const uint32_t ORGB = (1u << ETAG_GAZ_ORG) | (1u << ETAG_GAZ_WORG);
    const uint32_t PEOPLE = (1u << ETAG_GAZ_FIRST) | (1u << ETAG_GAZ_PERSON);
    size_t keep = 0;
    for (size_t k = 0; k < nm; k++) {
        etag_span *sp = &ms[k], *prev = keep > 0 ? &ms[keep - 1] : NULL;
        if (sp->type == ETAG_ORG && sp->first > 0 && !sp->cut) {
            uint32_t w = sp->first - 1; /* the word before */
            const char *p = s + tk[w].start;
            size_t len = tk[w].end - tk[w].start;
            int covered = prev && prev->first + prev->n > w;
            int misc = covered && prev->first == w && prev->n == 1 && prev->type == ETAG_MISC &&
                       !prev->cut && !prev->coded &&
                       (gaz_words(gaz, scratch, s, tk[w].start, tk[w].end) & PEOPLE);
            if ((!covered || misc) && len >= 2 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'a' &&
                p[1] <= 'z' && !(len == 3 && p[1] == 'h' && p[2] == 'e') &&
                tk[w].end + 1 == tk[sp->first].start &&
                (gaz_words(gaz, scratch, s, tk[w].start, tk[sp->first + sp->n - 1].end) &
                 (misc ? 1u << ETAG_GAZ_ORG : ORGB))) {
                sp->first = w;
                sp->n++;
                if (misc) keep--; /* the MISC word is now the ORG's */
            }
        }
        ms[keep++] = *sp;
    }
    return keep;
}

int etag_person_title(const char *w, size_t len)
{
    if (len > 1 && w[len - 1] == '.') len--;
    return (len == 2 && (!memcmp(w, "Mr", 2) || !memcmp(w, "Ms", 2) || !memcmp(w, "Dr", 2))) ||
           (len == 3 && !memcmp(w, "Mrs", 3));
}

/* The words that close a company's name (sorted: ETAG_WORD_IN): the last words of the listed
 * companies' names (build/entity-tag/companies.txt, built by `make model`) that close 20
 * names or more, capitalized and not in capitals, no first name and the last word of at most
 * two of Wikipedia's location titles; printed by `sh gazetteers/designators.sh ../shared`. */
static const char *const designators[] = {
    "Acquisition",
    "Aktiengesellschaft",
    "Anonyme",
    "Automotive",
    "Bancorp",
    "Bio",
    "Biopharma",
    "Biosciences",
    "Biotech",
    "Biotechnology",
    "Brands",
    "Capital",
    "Cement",
    "Chemical",
    "Chemicals",
    "Communication",
    "Communications",
    "Companies",
    "Construction",
    "Copper",
    "Corp",
    "Development",
    "Digital",
    "Electric",
    "Electronic",
    "Electronics",
    "Energy",
    "Engineering",
    "Enterprise",
    "Enterprises",
    "Entertainment",
    "Equipment",
    "Equity",
    "Exploration",
    "Exports",
    "Finance",
    "Financial",
    "Food",
    "Foods",
    "Fund",
    "Gas",
    "Global",
    "Gold",
    "Growth",
    "Healthcare",
    "Holding",
    "Holdings",
    "Hotels",
    "Inc",
    "Income",
    "Incorporated",
    "Industrial",
    "Industries",
    "Industry",
    "Infrastructure",
    "Insurance",
    "Investment",
    "Investments",
    "KGaA",
    "Kogyo",
    "Laboratories",
    "Labs",
    "Limited",
    "Logistics",
    "Ltd",
    "Machinery",
    "Management",
    "Manufacturing",
    "Material",
    "Materials",
    "Media",
    "Medical",
    "Metals",
    "Microelectronics",
    "Minerals",
    "Mining",
    "Motor",
    "Network",
    "Networks",
    "Oil",
    "Opportunities",
    "Oyj",
    "Packaging",
    "Paper",
    "Partners",
    "Petroleum",
    "Pharma",
    "Pharmaceutical",
    "Pharmaceuticals",
    "Plc",
    "Power",
    "Products",
    "Properties",
    "Property",
    "Realty",
    "Retail",
    "Science",
    "Securities",
    "Semiconductor",
    "Services",
    "Silver",
    "Software",
    "Solutions",
    "SpA",
    "Steel",
    "Stock",
    "Systems",
    "Tech",
    "Technologies",
    "Textiles",
    "Therapeutics",
    "Ventures",
};

/* A PER or LOC of two words or more that ends on a company's word ("Wedbush Securities" LOC,
 * "Corvane Systems" PER: 77 in the Reuters 2013 sample) is ORG, unless it is a PER that opens
 * on a first name or a person's title ("Michael Gold", "Mr Gold"; "Marlow Capital" LOC is
 * ORG). The model, which learned from 1996 news, takes an unknown first word for a surname or
 * a place. */
static void company_word(const etag_lexicon *gaz, np_buf *scratch, const char *s,
                         const np_token *tk, etag_span *sp)
{
    if ((sp->type != ETAG_PER && sp->type != ETAG_LOC) || sp->n < 2 || sp->cut) return;
    if (!ETAG_WORD_IN(s, &tk[sp->first + sp->n - 1], designators)) return;
    const np_token *f = &tk[sp->first];
    if (sp->type == ETAG_LOC) { /* the model took it for no person: "Marlow Capital" */
        sp->type = ETAG_ORG;
        return;
    }
    if (etag_person_title(s + f->start, f->end - f->start)) return;
    if (gaz_words(gaz, scratch, s, f->start, f->end) & (1u << ETAG_GAZ_FIRST)) return;
    sp->type = ETAG_ORG;
}

void etag_event_name(const etag_lexicon *gaz, np_buf *scratch, const char *s, const np_token *tk,
                     etag_span *sp)
{
    const uint32_t orgs = (1u << ETAG_GAZ_ORG) | (1u << ETAG_GAZ_WORG);
    static const char *const events[] = {/* sorted */
                                         "Airshow",  "Awards",   "Championship", "Championships",
                                         "Cup",      "Expo",     "Festival",     "Games",
                                         "Marathon", "Olympics", "Open",         "Prix",
                                         "Series",   "Show",     "Tour",         "Trophy"};
    if ((sp->type != ETAG_ORG && sp->type != ETAG_LOC) || sp->n < 2 || sp->cut || sp->coded) return;
    if (ETAG_WORD_IN(s, &tk[sp->first + sp->n - 1], events) &&
        !(gaz_words(gaz, scratch, s, tk[sp->first].start, tk[sp->first + sp->n - 1].end) & orgs))
        sp->type = ETAG_MISC;
}

/* A stock index's family name and its number are one MISC, as CoNLL-2003 tags "FTSE 100":
 * "S&P 500" was ORG "S&P" and a bare number (227 of the 231 in the Reuters 2013 sample, where
 * the rating agency is "S&P" too, never with a number after it). */
static void index_number(const char *s, size_t len, const np_token *tk, etag_span *ms, size_t k,
                         size_t nm)
{
    static const char *const families[] = {"S&P", "FTSE",   "Stoxx",   "STOXX",
                                           "CAC", "Nikkei", "Russell", NULL};
    etag_span *sp = &ms[k];
    if (sp->cut || (sp->type != ETAG_ORG && sp->type != ETAG_MISC)) return;
    const np_token *w = &tk[sp->first + sp->n - 1];
    size_t wl = w->end - w->start, e = w->end, j = e + 1;
    int family = 0;
    for (int i = 0; families[i] && !family; i++)
        family = strlen(families[i]) == wl && !memcmp(s + w->start, families[i], wl);
    if (!family || j >= len || s[e] != ' ') return;
    while (j < len && s[j] >= '0' && s[j] <= '9') j++;
    if (j - (e + 1) < 2 || j - (e + 1) > 4) return;
    if (j < len && ((s[j] >= '0' && s[j] <= '9') || ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z')))
        return;
    const np_token *num = w + 1; /* the number is the token after the name's */
    if (num->start != e + 1 || num->end != j) return;
    uint32_t t = sp->first + sp->n;
    if (k + 1 < nm && ms[k + 1].first <= t) return; /* the model's own entity there */
    sp->n++;
    sp->type = ETAG_MISC;
}

/* The dateline at the start of a field (np_dateline_len: "BOSTON (Reuters) -", "NEW
 * YORK/SAO PAULO (Reuters) -", "ARLINGTON, Va. (Reuters) -") when it names its publisher in
 * parentheses: sets [*p0, *p1) to the places (in capitals, "/" between them, and a state or
 * country after a comma, not a date: "WASHINGTON, Oct 31") and [*q0, *q1) to the publisher;
 * returns 0 when the field opens otherwise. */
static int dateline(const char *s, size_t len, size_t *p0, size_t *p1, size_t *q0, size_t *q1)
{
    size_t a = 0;
    while (a < len && (s[a] == ' ' || s[a] == '\n' || s[a] == '\r' || s[a] == '\t')) a++;
    size_t dl = np_dateline_len(s + a, len - a);
    if (!dl) return 0;
    const char *open = memchr(s + a, '(', dl), *close;
    if (!open || !(close = memchr(open, ')', (size_t)(s + a + dl - open)))) return 0;
    if (open[1] < 'A' || open[1] > 'Z') return 0;
    size_t b = (size_t)(open - s);
    const char *comma = memchr(s + a, ',', b - a);
    if (comma) /* a state or country, not a date */
        for (const char *c = comma; c < open; c++)
            if (*c >= '0' && *c <= '9') b = (size_t)(comma - s);
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == ',')) b--;
    if (b == a) return 0;
    *p0 = a, *p1 = b, *q0 = (size_t)(open - s) + 1, *q1 = (size_t)(close - s);
    return 1;
}

/* A dateline's places are LOC and its publisher ORG, whatever the model typed them ("BOSTON"
 * ORG, as a 1996 sports results line has it; "SAO PAULO" PER; "(Newspipe)" LOC): 35 entities of the
 * 1,811 datelines of the Reuters 2013 sample. A place the model left untagged ("WOKING") is
 * added. CoNLL-2003's datelines ("LONDON 1996-08-30") have no publisher and are left alone. */
static size_t dateline_types(const char *s, size_t len, const np_token *tk, etag_span *ms,
                             size_t nm)
{
    size_t p0, p1, q0, q1;
    if (!dateline(s, len, &p0, &p1, &q0, &q1)) return nm;
    int covered = 0;
    for (size_t k = 0; k < nm && tk[ms[k].first].start < q1; k++) {
        size_t a = tk[ms[k].first].start, b = tk[ms[k].first + ms[k].n - 1].end;
        covered |= a < p1;
        if (a >= p0 && b <= p1) {
            ms[k].type = ETAG_LOC;
        } else if (a >= q0 && b <= q1) {
            ms[k].type = ETAG_ORG;
        }
    }
    if (covered) return nm;
    /* the places untagged: one LOC a place, between the slashes and commas */
    etag_span add[4];
    size_t na = 0;
    uint32_t i = 0;
#define SEP(k) (tk[k].end - tk[k].start == 1 && (s[tk[k].start] == '/' || s[tk[k].start] == ','))
    while (na < 4 && tk[i].start < p1) {
        while (tk[i].start < p1 && SEP(i)) i++;
        if (tk[i].start >= p1) break;
        uint32_t first = i;
        while (tk[i].start < p1 && !SEP(i)) i++;
        add[na++] = (etag_span){first, i - first, ETAG_LOC, 0, 0};
    }
#undef SEP
    if (!na) return nm;
    memmove(ms + na, ms, nm * sizeof *ms);
    memcpy(ms, add, na * sizeof *ms);
    return nm + na;
}

static int ascii_alnum(char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
}

void etag_web_names(const char *s, const np_token *tk, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        size_t a = tk[i].start, b = tk[i].end;
        if (b - a < 6 || s[a] < 'A' || s[a] > 'Z' || memcmp(s + b - 4, ".com", 4) != 0) continue;
        size_t j = a + 1;
        while (j < b - 4 && (ascii_alnum(s[j]) || s[j] == '-')) j++;
        if (j != b - 4) continue;
        int l = labels[i];
        if (l == etag_label(ETAG_LOC, ETAG_U) || l == etag_label(ETAG_PER, ETAG_U))
            labels[i] = (uint8_t)etag_label(ETAG_ORG, ETAG_U);
    }
}

/* Whether token w of s is a word with a capital ("Total", "easyJet", "H&M" is three tokens). */
static int capital_word(const char *s, const np_token *w)
{
    if (w->kind != NP_TOK_WORD) return 0;
    for (size_t k = w->start; k < w->end; k++)
        if (s[k] >= 'A' && s[k] <= 'Z') return 1;
    return 0;
}

void etag_code_names(const char *s, size_t len, const np_token *tk, size_t n, uint8_t *labels)
{
    for (size_t j = 0; j < n; j++) {
        if (labels[j] != ETAG_O || !etag_code_follows(s, len, tk[j].end) ||
            !capital_word(s, &tk[j]))
            continue;
        size_t i = j;
        while (i > 0 && j - i < 3 && labels[i - 1] == ETAG_O && capital_word(s, &tk[i - 1]) &&
               (tk[i].flags & NP_TOK_SPACE_BEFORE) && !(tk[i].flags & NP_TOK_NEWLINE_BEFORE))
            i--;
        if (i > 0 && labels[i - 1] != ETAG_O && tk[i - 1].kind != NP_TOK_PUNCT &&
            !(tk[i].flags & NP_TOK_NEWLINE_BEFORE))
            continue; /* the end of a name the model tagged in part: "Puma SE", "Nasdaq OMX" */
        if (i > 0 && tk[i - 1].kind == NP_TOK_NUMBER && s[tk[i].start - 1] == ' ')
            continue; /* "SPDR S&P 500 Trust" */
        if (i < j && tk[i].end - tk[i].start == 3 && memcmp(s + tk[i].start, "The", 3) == 0) i++;
        if (i == j) {
            labels[j] = (uint8_t)etag_label(ETAG_ORG, ETAG_U);
            continue;
        }
        labels[i] = (uint8_t)etag_label(ETAG_ORG, ETAG_B);
        for (size_t k = i + 1; k < j; k++) labels[k] = (uint8_t)etag_label(ETAG_ORG, ETAG_I);
        labels[j] = (uint8_t)etag_label(ETAG_ORG, ETAG_L);
    }
}

/* A name in a credit line ("(Reporting by Koh Gui Qing; Editing by Kirti Pandey)") is a
 * person's: a span of two words or more right after "Reporting by", "reporting by",
 * "Editing by", "Writing by", "Compiled by" (either case) inside an open parenthesis is PER
 * where the model typed it ORG, LOC or MISC ("Kirti Pandey" ORG, six times in the Reuters 2013
 * sample), unless it is a desk ("Beijing Newsroom", "China Economics Team", "Frankfurt
 * newsroom": CoNLL-2003 tags them ORG or LOC) or a lower-case word other than "and" or "in"
 * follows ("Mumbai markets team"). */
static void credit_name(const char *s, size_t len, const np_token *tk, etag_span *sp)
{
    static const char *const verbs[] = {/* sorted */
                                        "Compiled", "Editing", "Reporting", "Writing",
                                        "compiled", "editing", "reporting", "writing"};
    if ((sp->type != ETAG_ORG && sp->type != ETAG_LOC && sp->type != ETAG_MISC) || sp->n < 2 ||
        sp->cut || sp->coded || sp->first < 2)
        return;
    const np_token *by = &tk[sp->first - 1];
    if (by->end - by->start != 2 || memcmp(s + by->start, "by", 2) != 0) return;
    if (!ETAG_WORD_IN(s, &tk[sp->first - 2], verbs)) return;
    static const char *const desks[] = {/* sorted */
                                        "Bureau", "Desk", "Newsroom", "Staff", "Team"};
    const np_token *last = &tk[sp->first + sp->n - 1];
    if (ETAG_WORD_IN(s, last, desks)) return;
    size_t e = last->end;
    while (e < len && s[e] == ' ') e++;
    if (e < len && s[e] >= 'a' && s[e] <= 'z' && /* not "and" or "in": "Koh Gui Qing in Beijing" */
        !(e + 4 <= len && memcmp(s + e, "and ", 4) == 0) &&
        !(e + 3 <= len && memcmp(s + e, "in ", 3) == 0))
        return;
    size_t a = tk[sp->first].start, i = a; /* inside an open parenthesis on this line */
    while (i > 0 && s[i - 1] != '(' && s[i - 1] != ')' && s[i - 1] != '\n' && a - i < 400) i--;
    if (i == 0 || s[i - 1] != '(') return;
    sp->type = ETAG_PER;
}

/* A headline's source after its last colon ("... $6 billion from BofA: FT", "...: Nikkei",
 * "...: MBA") is an organisation: a LOC or MISC that ends the text right after ": " is ORG,
 * unless the lists know it as a place ("...: White House", "...: Canada", which CoNLL-2003 tags
 * LOC also where they act). A PER stays: headlines quote people so ("...: Kuroda"). The model
 * typed "FT" LOC 11 times so in the Reuters 2013 sample. */
static void headline_source(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                            const np_token *tk, etag_span *sp)
{
    const uint32_t places = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) |
                            (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_WLOC);
    if ((sp->type != ETAG_LOC && sp->type != ETAG_MISC) || sp->cut) return;
    size_t a = tk[sp->first].start, b = tk[sp->first + sp->n - 1].end;
    if (a < 2 || s[a - 1] != ' ' || s[a - 2] != ':') return;
    for (size_t i = b; i < len; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t') return;
    if (gaz_words(gaz, scratch, s, a, b) & places) return;
    sp->type = ETAG_ORG;
}

size_t etag_published(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                      const np_token *tk, etag_span *ms, size_t nm)
{
    size_t keep = 0;
    for (size_t k = 0; k < nm; k++) {
        trim_code(s, tk, &ms[k]);
        org_before_code(gaz, scratch, s, len, tk, &ms[k]);
        compound_head(s, tk, &ms[k]);
        company_word(gaz, scratch, s, tk, &ms[k]);
        etag_noun_type(gaz, scratch, s, len, tk, &ms[k]);
        credit_name(s, len, tk, &ms[k]);
        if (!code_span(s, len, tk, &ms[k])) ms[keep++] = ms[k];
    }
    for (size_t k = 0; k < keep; k++) index_number(s, len, tk, ms, k, keep);
    if (keep) headline_source(gaz, scratch, s, len, tk, &ms[keep - 1]);
    keep = org_extend(gaz, scratch, s, tk, ms, keep);
    return dateline_types(s, len, tk, ms, keep);
}
