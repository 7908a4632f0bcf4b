/* Span corrections for news as published (see published.h). */
#include "published.h"

#include <string.h>

#include "codes.h"
#include "feature.h"
#include "labels.h"
#include "nouns.h"
#include "wordlist.h"
#include "sentence.h"

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
                       (etag_gaz_words(gaz, scratch, s, tk[w].start, tk[w].end) & PEOPLE);
            if ((!covered || misc) && len >= 2 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'a' &&
                p[1] <= 'z' && !(len == 3 && p[1] == 'h' && p[2] == 'e') &&
                tk[w].end + 1 == tk[sp->first].start &&
                (etag_gaz_words(gaz, scratch, s, tk[w].start, tk[sp->first + sp->n - 1].end) &
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
    if (etag_gaz_words(gaz, scratch, s, f->start, f->end) & (1u << ETAG_GAZ_FIRST)) return;
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
        !(etag_gaz_words(gaz, scratch, s, tk[sp->first].start, tk[sp->first + sp->n - 1].end) &
          orgs))
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
    if (etag_gaz_words(gaz, scratch, s, a, b) & places) return;
    sp->type = ETAG_ORG;
}

size_t etag_published(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                      const np_token *tk, etag_span *ms, size_t nm)
{
    size_t keep = 0;
    for (size_t k = 0; k < nm; k++) {
        etag_trim_code(s, tk, &ms[k]);
        etag_org_before_code(gaz, scratch, s, len, tk, &ms[k]);
        compound_head(s, tk, &ms[k]);
        company_word(gaz, scratch, s, tk, &ms[k]);
        etag_noun_type(gaz, scratch, s, len, tk, &ms[k]);
        credit_name(s, len, tk, &ms[k]);
        if (!etag_code_span(s, len, tk, &ms[k])) ms[keep++] = ms[k];
    }
    for (size_t k = 0; k < keep; k++) index_number(s, len, tk, ms, k, keep);
    if (keep) headline_source(gaz, scratch, s, len, tk, &ms[keep - 1]);
    keep = org_extend(gaz, scratch, s, tk, ms, keep);
    return dateline_types(s, len, tk, ms, keep);
}
