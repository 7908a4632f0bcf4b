/* The pattern pass (see mention.h): explicit codes found by patterns.c, resolved to
 * listings. A RIC is looked up as written; an exchange-prefixed symbol or a RIC root is
 * resolved with the company name written right before it when there is one (roots are not
 * always symbols, and symbols get reused), else as a symbol of that exchange. */
#include <string.h>
#include <strings.h>

#include "mention.h"

/* The name mention that ends right before the pattern's opening parenthesis, or before its
 * possessive ("Telecom Italia's (TLIT.MI) chairman": the code is the company's, and the
 * name is what resolves a root that is no symbol). Name mentions of this field are
 * L->m[first_m .. names_end), in text order: binary search. */
static tl_mention *adjacent_name(const tl_linker *L, size_t first_m, size_t names_end,
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
    tl_mention *m = &L->m[lo - 1];
    uint32_t b = m->b1;
    if (b + 2 <= open && s[b] == '\'' && s[b + 1] == 's')
        b += 2;
    else if (b + 4 <= open && !memcmp(s + b, "\xE2\x80\x99s", 4))
        b += 4;
    for (; b < open; b++)
        if (s[b] != ' ' && s[b] != '\t' && s[b] != ',' && s[b] != '.') return NULL;
    return m;
}

/* Whether issuer is one of the companies name mention nm can be. */
static int is_candidate(const tl_table *T, const tl_mention *nm, uint32_t is)
{
    for (uint32_t a = nm->alias_first; a < nm->alias_first + nm->alias_count; a++)
        if (T->names.alias[a].issuer == is) return 1;
    return 0;
}

/* Whether listing l is on exchange x (its canonical MIC). */
static int same_exchange(const tl_listing *l, const tl_exchange *x)
{
    const tl_exchange *lx = tl_exchange_by_mic(l->mic, strlen(l->mic));
    return strcmp(lx ? lx->canonical : l->mic, x->canonical) == 0;
}

static const char *const us_mics[] = {"XNYS", "XNAS", "XASE", "ARCX", "BATS", "OTCM"};

/* Acronyms news writes in parentheses after their expansion ("Securities and Exchange
 * Commission (SEC)", "earnings per share (EPS)"): never a code on context alone, only when
 * the name before them is the listed company's. */
static const char *const acronyms[] = {
    "AI",   "AR",  "ATM", "AUM",  "BOE", "BOJ",  "CAGR", "CEO",  "CFO", "CFTC", "COO",  "CPI",
    "CTO",  "DOE", "DOJ", "EBIT", "ECB", "EPA",  "EPS",  "ESG",  "ETF", "ETN",  "EU",   "EV",
    "EVS",  "FAA", "FBI", "FCC",  "FDA", "FDIC", "FED",  "FOMC", "FTC", "FX",   "FY",   "GAAP",
    "GDP",  "HR",  "IMF", "IPO",  "IRS", "IT",   "LNG",  "MOU",  "NAV", "NFT",  "NYSE", "OCC",
    "OPEC", "OTC", "PCE", "PE",   "PMI", "PPI",  "Q",    "REIT", "ROE", "ROI",  "SEC",  "SPAC",
    "TTM",  "UAE", "UK",  "UN",   "US",  "USA",  "VR",   "WHO",  "WTI", "YOY"};

static int is_acronym(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof acronyms / sizeof *acronyms; i++)
        if (strlen(acronyms[i]) == n && memcmp(acronyms[i], s, n) == 0) return 1;
    return 0;
}

/* The index of the token of L->toks that starts at byte b, or SIZE_MAX. */
static size_t token_at(const tl_linker *L, size_t b)
{
    size_t lo = 0, hi = L->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->toks.t[mid].b0 < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < L->toks.n && L->toks.t[lo].b0 == b ? lo : SIZE_MAX;
}

/* Whether one of words occurs in s[from..to) as a whole word, in any letter case ("Shares
 * of"). */
static int word_near(const char *s, size_t from, size_t to, const char *const *words, size_t nw)
{
    for (size_t w = 0; w < nw; w++) {
        size_t m = strlen(words[w]);
        for (size_t i = from; i + m <= to; i++) {
            if (strncasecmp(s + i, words[w], m)) continue;
            int a = i == 0 || !((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z');
            int b = i + m >= to || !((s[i + m] | 0x20) >= 'a' && (s[i + m] | 0x20) <= 'z');
            if (a && b) return 1;
        }
    }
    return 0;
}

/* The listing of a bare "(SYMBOL)" on a US exchange: one of the listings of an issuer the
 * name right before it can be (*by_name set), the issuer the name chose first (two issuers
 * of the table may list one symbol, as a snapshot's "Wal-Mart Stores, Inc." and today's
 * Walmart Inc. both list WMT: the code's evidence goes where the name's went), else any,
 * valid on day. */
static uint32_t bare_listing(const tl_table *T, const tl_pattern *p, const tl_mention *nm,
                             int32_t day, int *by_name)
{
    *by_name = 0;
    for (size_t u = 0; nm && nm->issuer != TL_NONE && u < sizeof us_mics / sizeof *us_mics; u++) {
        uint32_t li = tl_find_symbol(T, us_mics[u], p->sym, p->sym_len, day, nm->issuer);
        if (li != TL_NONE) {
            *by_name = 1;
            return li;
        }
    }
    for (uint32_t k = nm ? nm->alias_first : 0; nm && k < nm->alias_first + nm->alias_count; k++)
        for (size_t u = 0; u < sizeof us_mics / sizeof *us_mics; u++) {
            uint32_t li =
                tl_find_symbol(T, us_mics[u], p->sym, p->sym_len, day, T->names.alias[k].issuer);
            if (li != TL_NONE) {
                *by_name = 1;
                return li;
            }
        }
    for (size_t u = 0; u < sizeof us_mics / sizeof *us_mics; u++) {
        uint32_t li = tl_find_symbol(T, us_mics[u], p->sym, p->sym_len, day, TL_NONE);
        if (li != TL_NONE) return li;
    }
    return TL_NONE;
}

/* A bare symbol no name supports: accepted when the context says it is a code. A fund's
 * code after a fund's name ("the Technology Select Sector SPDR Fund (XLK)"); a company's
 * after an exchange or market word ("Nasdaq-listed Acme (ACMB)", "shares of Acme
 * (ACMB)"), or when the article has two or more codes its names agree with. Never a
 * common acronym or a one-letter code. */
static int bare_context(const tl_linker *L, const char *s, const tl_pattern *p, uint32_t li)
{
    static const char *const fund_words[] = {"ETF",      "ETFs",        "ETN",      "Fund",
                                             "Trust",    "SPDR",        "iShares",  "ProShares",
                                             "Direxion", "PowerShares", "Vanguard", "Invesco"};
    static const char *const market_words[] = {"NYSE",   "Nasdaq", "NASDAQ", "AMEX",
                                               "ticker", "symbol", "shares", "stock"};
    /* Nor the initials of the words before it ("London Stock Exchange (LSE)"): the context
     * words inside them ("Stock") say nothing of a code. */
    size_t k = token_at(L, (size_t)(p->sym - s));
    if (p->sym_len < 2 || is_acronym(p->sym, p->sym_len) ||
        (k != SIZE_MAX && tl_defined_acronym(s, L->toks.t, k)))
        return 0;
    size_t from = p->open > 80 ? p->open - 80 : 0;
    /* The same sentence only: from the last full stop followed by a space. */
    for (size_t i = p->open; i > from; i--)
        if (s[i - 1] == '.' && (s[i] == ' ' || s[i] == '\n')) {
            from = i;
            break;
        }
    uint8_t type = L->table->lst[li].type;
    if (type == TL_SEC_ETF || type == TL_SEC_ETN || type == TL_SEC_FUND)
        return word_near(s, from, p->open, fund_words, sizeof fund_words / sizeof *fund_words);
    return L->bare_named >= 2 ||
           word_near(s, from, p->open, market_words, sizeof market_words / sizeof *market_words);
}

/* "Royal Bank of Scotland (RBS) (RBS.L)": a bare symbol in parentheses right before a RIC
 * or an exchange code is the name's abbreviation; the code that follows says which listing
 * it is. */
static int before_code(const char *s, size_t n, const tl_patterns *ps, size_t k)
{
    const tl_pattern *p = &ps->p[k];
    if (k + 1 >= ps->n || !ps->p[k + 1].exch) return 0;
    size_t b = p->b1;
    while (b < n && s[b] == ' ') b++;
    if (b >= n || s[b] != ')') return 0;
    for (b++; b < n && s[b] == ' '; b++) {
    }
    return b == ps->p[k + 1].open;
}

/* Bare symbols the name before them agrees with, counted first: two or more make the
 * article's other bare codes believable. */
static void count_named_bare(tl_linker *L, const char *s, const tl_zone *z, size_t nz,
                             size_t first_m, size_t names_end, int32_t day)
{
    const tl_table *T = L->table;
    for (size_t k = 0; k < L->pats.n; k++) {
        const tl_pattern *p = &L->pats.p[k];
        if (p->kind != TL_PAT_SYMBOL || tl_in_zone(z, nz, p->b0)) continue;
        int by_name;
        if (bare_listing(T, p, adjacent_name(L, first_m, names_end, s, p->open), day, &by_name) !=
                TL_NONE &&
            by_name)
            L->bare_named++;
    }
}

/* A code with its exchange (a RIC, "(NYSE: X)", a bare symbol): its listing li as read so far
 * (TL_NONE: none yet) against the name written right before it, which the code may also
 * correct or silence. Returns the listing. */
static uint32_t exchange_listing(tl_linker *L, const char *s, const tl_pattern *p, size_t first_m,
                                 size_t names_end, int32_t day, uint32_t li)
{
    const tl_table *T = L->table;
    uint32_t issuer = TL_NONE;
    tl_mention *nm = adjacent_name(L, first_m, names_end, s, p->open);
    uint32_t by_name =
        nm ? tl_listing_of_name(T, nm->alias_first, nm->alias_count, p->exch->mic, day, &issuer)
           : TL_NONE;
    int code = tl_root_is_code(p->sym, p->sym_len);
    if (li == TL_NONE) {
        uint32_t by_sym = tl_find_root(T, p->exch->mic, p->sym, p->sym_len, day, TL_NONE);
        /* The name written right before the code decides when both exist: RIC
         * roots are not always symbols, and symbols get reused. A numeric code is
         * the exchange's own and names one listing: "Mitsubishi Corp (8058.T)" is
         * 8058 or, when the table lacks it, unknown, never another Mitsubishi. */
        li = by_name != TL_NONE && !code ? by_name : by_sym;
        /* Unless the symbol's company is one the name can be too: then the code and
         * the name agree ("Carnival Corp (CCL.N)" is CCL, not Carnival plc's ADR
         * on the same exchange, the name's first candidate there). */
        if (by_sym != TL_NONE && nm && is_candidate(T, nm, T->lst[by_sym].issuer)) li = by_sym;
        /* Or when the name's listing is only on another exchange of the country (a
         * company that moved, or another company of that name: "Citibank (C.N)" is
         * Citigroup's C, not an OTC line of a Citibank) and the code's exchange
         * has the symbol. */
        if (by_sym != TL_NONE && li == by_name && !same_exchange(&T->lst[li], p->exch)) li = by_sym;
    }
    /* "Teck Resources (TCKb.TO)" is its class B shares, whatever the root. */
    if (li != TL_NONE && li == by_name)
        li = by_name = tl_class_listing(T, li, p->sym, p->sym_len, day);
    if (code && by_name != li) by_name = TL_NONE;
    /* A code that resolves to one of the name's candidates says which one the
     * name is ("Mitsubishi (8058.T)" is Mitsubishi Corp, not Mitsubishi Motors). */
    if (nm && nm->method == M_NAME && li != TL_NONE && nm->issuer != T->lst[li].issuer &&
        is_candidate(T, nm, T->lst[li].issuer)) {
        nm->issuer = T->lst[li].issuer;
        nm->ambiguous = 0;
    }
    /* A numeric code names one listing: a one-word name right before it whose
     * company is another, and which cannot be the code's ("Suzuki (7269.T)" is
     * Suzuki Motor, which the table does not name "Suzuki", not Suzuki Co. of the
     * same exchange), is the code's company under a name the table lacks: the name
     * does not link. */
    if (code && nm && nm->method == M_NAME && nm->single && !nm->suffix && li != TL_NONE &&
        nm->issuer != TL_NONE && nm->issuer != T->lst[li].issuer &&
        !is_candidate(T, nm, T->lst[li].issuer))
        nm->dead = 1;
    /* The code says which company the name before it is, when the name's issuer
     * has no listing on the code's exchange or in its country: the candidate that
     * has, else, for a one-word name, another company than any it can be
     * ("Vedanta (VED.L)" is Vedanta Resources of London, not Vedanta Ltd of
     * Mumbai), and the name does not link. */
    if (nm && nm->method == M_NAME && nm->issuer != TL_NONE &&
        tl_issuer_listing_near(T, nm->issuer, p->exch->mic, day) == TL_NONE) {
        uint32_t code_is = li != TL_NONE ? T->lst[li].issuer : TL_NONE, is = TL_NONE;
        for (uint32_t a = nm->alias_first; a < nm->alias_first + nm->alias_count; a++)
            if (T->names.alias[a].issuer == code_is) is = code_is;
        if (is == TL_NONE && by_name != TL_NONE) is = issuer;
        if (is != TL_NONE) {
            nm->issuer = is;
            nm->ambiguous = 0;
        } else if (nm->single && !nm->suffix) {
            nm->dead = 1;
        }
    }
    return li;
}

/* The mention of code pattern p of the field, at code points cp0..cp1, of listing li. Returns
 * 0, or -1 when out of memory. */
static int add_code_mention(tl_linker *L, int field, const tl_pattern *p, size_t cp0, size_t cp1,
                            uint32_t li)
{
    const tl_table *T = L->table;
    tl_mention *m = tl_new_mention(L);
    if (!m) return -1;
    m->method = p->kind == TL_PAT_RIC        ? M_RIC
                : p->kind == TL_PAT_EXCHANGE ? M_EXCHANGE
                : p->kind == TL_PAT_SYMBOL   ? M_SYMBOL
                                             : M_CASHTAG;
    m->field = (uint8_t)field;
    m->b0 = p->b0;
    m->b1 = p->b1;
    m->cp0 = (uint32_t)cp0;
    m->cp1 = (uint32_t)cp1;
    m->listing = li;
    m->issuer = li != TL_NONE ? T->lst[li].issuer : TL_NONE;
    m->sym = p->sym;
    m->sym_len = (uint16_t)p->sym_len;
    m->ric = p->ric;
    m->ric_len = (uint16_t)p->ric_len;
    m->exch = p->exch;
    return 0;
}

int tl_scan_patterns(tl_linker *L, int field, const char *s, size_t n, const tl_zone *z, size_t nz,
                     size_t first_m, int32_t day)
{
    size_t names_end = L->nm; /* this field's name mentions are [first_m, names_end) */
    const tl_table *T = L->table;
    if (tl_find_patterns(s, n, &L->pats)) return -1;
    count_named_bare(L, s, z, nz, first_m, names_end, day);
    size_t cp = 0, at = 0;
    for (size_t k = 0; k < L->pats.n; k++) {
        const tl_pattern *p = &L->pats.p[k];
        if (p->unlisted || tl_in_zone(z, nz, p->b0)) continue;
        /* Code-point offsets, counted incrementally (patterns come in text order). */
        while (at < p->b0) cp += ((unsigned char)s[at++] & 0xC0) != 0x80;
        size_t cp0 = cp, cp1 = cp;
        for (size_t b = p->b0; b < p->b1; b++) cp1 += ((unsigned char)s[b] & 0xC0) != 0x80;
        uint32_t li = TL_NONE;
        if (p->kind == TL_PAT_SYMBOL) {
            if (p->group_n == 1 && before_code(s, n, &L->pats, k)) continue;
            int by_name;
            li =
                bare_listing(T, p, adjacent_name(L, first_m, names_end, s, p->open), day, &by_name);
            if (li == TL_NONE || !(by_name || bare_context(L, s, p, li))) continue;
        }
        if (p->kind == TL_PAT_RIC) {
            li = tl_find_ric(T, p->ric, p->ric_len, day);
        }
        if (p->exch) li = exchange_listing(L, s, p, first_m, names_end, day, li);
        if (li == TL_NONE && p->kind == TL_PAT_CASHTAG) {
            for (size_t u = 0; u < sizeof us_mics / sizeof *us_mics && li == TL_NONE; u++)
                li = tl_find_symbol(T, us_mics[u], p->sym, p->sym_len, day, TL_NONE);
        }
        /* A RIC outside parentheses counts only when it names a listing of the article's
         * date. */
        if (p->loose && (li == TL_NONE || (day != INT32_MIN && !tl_valid_at(&T->lst[li], day))))
            continue;
        if (add_code_mention(L, field, p, cp0, cp1, li) < 0) return -1;
    }
    return 0;
}
