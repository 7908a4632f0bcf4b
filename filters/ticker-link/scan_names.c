/* The name pass (see mention.h): each longest dictionary match in the text, kept or vetoed
 * by what stands around it (a person's first name, an institution's noun, a longer proper
 * name, a legal form), and its letter case against the listed name. */
#include <string.h>
#include <strings.h>

#include "exchanges.h"
#include "mention.h"
#include "names.h"
#include "words.h"

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

/* Whether t[j], capitalized, is a word that may stand before a name ("Yet", "When",
 * "Although"; TL_W_BEFORE_OK) and no nationality, country or common word of company names:
 * capitalized because it opens a sentence or follows a dateline, not as part of a longer
 * name ("Yet Tokyo Electric Power", "BEIJING (Reuters) - When Guangxi Liugong Machinery").
 * Chosen on the dev folds: +2 of 2815 masked, no wrong company more on the fold, dev or
 * seen gold ("Swiss National Bank" stays the central bank). */
static int lead_word(const tl_tok *t, size_t j)
{
    return !(t[j].flags & TL_TOK_CAPS) && tl_word_in(TL_W_BEFORE_OK, t[j].h) &&
           !tl_word_nation(t[j].h) && !tl_word_in(TL_W_COUNTRY, t[j].h) &&
           !tl_is_common_word(t[j].h);
}

/* Whether t[j] opens a model number ("Boeing C-17", "Lockheed Martin F-16"): one or two
 * capitals joined to digits, no word of a longer name. Chosen on the dev folds: +2 of 2815
 * masked (one after a one-word name, one after a longer one), no wrong company more on the
 * fold, dev or seen gold. */
static int model_code(const tl_tok *t, size_t j, size_t nt)
{
    return t[j].len <= 2 && (t[j].flags & TL_TOK_CAPS) && j + 1 < nt &&
           (t[j + 1].flags & TL_TOK_GLUE) && (t[j + 1].flags & TL_TOK_DIGIT);
}

/* The word hash of the first word of name ("united" of "United Parcel Service Inc."). */
static uint64_t first_word_hash(const char *name)
{
    size_t n = 0;
    while (name[n] && name[n] != ' ' && name[n] != ',' && name[n] != '-') n++;
    char f[64];
    size_t fl = tl_fold_word(name, n, f, sizeof f);
    return tl_word_hash(f, fl);
}

/* Whether words [b, e) name an investment firm of its own ("Starwood Capital Group LLC",
 * "Berkshire Partners LLC", "Odyssey Investment Partners LLC"): many such firms share a first
 * word with a listed company and add these, where a listed company adds its trade ("Nissan
 * Motors Co", "Shimao Property Holdings Ltd") or names its unit ("Nomura Securities Co"). */
static int firm_words(const tl_tok *t, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (tl_word_in(TL_W_FIRM, t[i].h)) return 1;
    return 0;
}

size_t tl_defined_acronym(const char *s, const tl_tok *t, size_t i)
{
    if (!(t[i].flags & TL_TOK_CAPS) || !(t[i].flags & TL_TOK_BREAK) || t[i].b0 == 0 ||
        s[t[i].b0 - 1] != '(')
        return 0;
    size_t n = t[i].b1 - t[i].b0;
    if (n < 2 || n > 8) return 0;
    /* The spelled-out words are all capitalized or all lower-case ("economic net income
     * (ENI)"), never a mix: "the ENI (economic net income)" is not the case either way. */
    size_t k = i, m = n;
    int upper = 0, lower = 0;
    while (m > 0 && k > 0) {
        k--;
        char c = s[t[k].b0];
        if (t[k].flags & TL_TOK_LOWER) {
            if (tl_word_in(TL_W_CONNECTOR, t[k].h)) continue;
            if (c < 'a' || c > 'z') return 0;
            c = (char)(c - 'a' + 'A');
            lower = 1;
        } else {
            upper = 1;
        }
        if (c != s[t[i].b0 + m - 1] || (upper && lower)) return 0;
        m--;
        if (m > 0 && (t[k].flags & TL_TOK_BREAK)) return 0;
    }
    return m == 0 ? k + 1 : 0;
}

/* Whether the name at t[i] follows the name that ends before t[pe] (0: no name before) as
 * the next item of a list: ", " alone between them, or "and"/"or" (after a comma or not):
 * "Telefonica, Intesa", "Generali and Mediobanca", "UBS, and Lloyds". */
static int list_next(const char *s, const tl_tok *t, size_t pe, size_t i)
{
    static uint64_t and_h, or_h;
    if (!and_h) {
        and_h = tl_word_hash("and", 3);
        or_h = tl_word_hash("or", 2);
    }
    if (pe == 0) return 0;
    if (i == pe + 1 && (t[pe].h == and_h || t[pe].h == or_h)) {
        if (t[i].flags & TL_TOK_BREAK) return 0;
        i = pe; /* what stands before "and": nothing, or a comma */
        if (!(t[i].flags & TL_TOK_BREAK)) return 1;
    } else if (i != pe || !(t[i].flags & TL_TOK_BREAK)) {
        return 0;
    }
    int commas = 0;
    for (uint32_t k = t[i - 1].b1; k < t[i].b0; k++) {
        if (s[k] == ',')
            commas++;
        else if (s[k] != ' ')
            return 0;
    }
    return commas == 1;
}

/* Whether a competitor's word ("rival", "peers") stands up to three words before t[i], with
 * only lower-case words or possessives between and no punctuation ("rival Serco", "European
 * rivals Inditex", "rivals such as Lufthansa"). */
static int rival_before(const tl_tok *t, size_t i)
{
    for (size_t j = i, n = 0; j > 0 && n < 3; j--, n++) {
        if (t[j].flags & TL_TOK_BREAK) return 0;
        if (!(t[j - 1].flags & (TL_TOK_LOWER | TL_TOK_POSS))) return 0;
        if (tl_word_in(TL_W_RIVAL, t[j - 1].h)) return 1;
    }
    return 0;
}

/* Whether the alias's first word carries its own "'s" ("Domino's Pizza"). */
static int own_possessive(const tl_alias *a)
{
    size_t w = raw_first_word(a);
    return w + 1 < a->raw_len && a->raw[w] == '\'' && (a->raw[w + 1] | 0x20) == 's' &&
           (w + 2 == a->raw_len ||
            !((a->raw[w + 2] | 0x20) >= 'a' && (a->raw[w + 2] | 0x20) <= 'z'));
}

/* Whether the alias, written in mixed case, capitalizes the word w[0..n) ("Ahead" of "The
 * Go-Ahead Group plc", "One" of "Twenty One Capital Inc."). */
static int raw_capitalizes(const tl_alias *a, const char *w, size_t n)
{
    int lower = 0;
    for (size_t i = 0; i < a->raw_len && !lower; i++) lower = a->raw[i] >= 'a' && a->raw[i] <= 'z';
    if (!lower) return 0;
    for (size_t i = 0; i + n <= a->raw_len; i++) {
        int start = i == 0 || !((a->raw[i - 1] | 0x20) >= 'a' && (a->raw[i - 1] | 0x20) <= 'z');
        int end = i + n == a->raw_len ||
                  !((a->raw[i + n] | 0x20) >= 'a' && (a->raw[i + n] | 0x20) <= 'z');
        if (!start || !end || a->raw[i] < 'A' || a->raw[i] > 'Z') continue;
        size_t k = 0;
        while (k < n && (a->raw[i + k] | 0x20) == (w[k] | 0x20)) k++;
        if (k == n) return 1;
    }
    return 0;
}

/* Does the text's letter case fit the alias? Names are capitalized in running text;
 * acronyms of up to three letters must be written in capitals (or exactly as listed). A word
 * joined by a hyphen may be in lower case ("Dai-ichi"), unless the name capitalizes it:
 * "Twenty-one people", "Go-ahead for the pipeline" are no Twenty One Capital or Go-Ahead. */
static int case_fits(const char *s, const tl_tok *t, size_t i, size_t j, const tl_alias *a)
{
    if (t[i].flags & TL_TOK_LOWER) return 0;
    for (size_t k = i + 1; k < j; k++) {
        if (!(t[k].flags & TL_TOK_LOWER)) continue;
        if (t[k].flags & TL_TOK_GLUE) {
            if (raw_capitalizes(a, s + t[k].b0, t[k].b1 - t[k].b0)) return 0;
        } else if (!tl_word_in(TL_W_CONNECTOR, t[k].h)) {
            return 0;
        }
    }
    if (j - i == 1) {
        size_t w = raw_first_word(a);
        size_t tl = t[i].b1 - t[i].b0;
        int same = w == tl && memcmp(a->raw, s + t[i].b0, tl) == 0;
        if (a->flags & TL_KEY_EXACT) return same;
        if (t[i].len <= 3 && !(t[i].flags & TL_TOK_CAPS) && !same) return 0;
        /* An acronym's plural, capitals and a final "s" ("the SATs", "IPOs"), is no name
         * written otherwise ("Sats ASA"). */
        if (!same && tl >= 3 && s[t[i].b0 + tl - 1] == 's') {
            size_t k = 0;
            while (k + 1 < tl && s[t[i].b0 + k] >= 'A' && s[t[i].b0 + k] <= 'Z') k++;
            if (k + 1 == tl) return 0;
        }
        /* A short name the company writes in lower case ("abc Co., Ltd.", "ams AG") is not an
         * acronym in capitals ("the ABC network", Disney's). */
        if (t[i].len <= 3 && (t[i].flags & TL_TOK_CAPS) && !same && w == tl) {
            size_t k = 0;
            while (k < w && a->raw[k] >= 'a' && a->raw[k] <= 'z') k++;
            if (k == w) return 0;
        }
        /* A word in capitals within a mixed-case name ("ASICS Corporation") is a brand: the
         * text writes it in capitals or capitalized ("Asics"), not mixed ("ASICs"). */
        if (!same && !(t[i].flags & TL_TOK_CAPS) && (t[i].flags & TL_TOK_MIXED) && w >= 2 &&
            raw_caps_word(a, w))
            return 0;
    }
    return 1;
}

/* Whether alias a of a key fits the name t[i..j) as written: a name written otherwise than
 * listed (alt: scan_names' alt_words) fits any alias but one of exact case. */
static int alias_fits(const char *s, const tl_tok *t, size_t i, size_t j, int alt,
                      const tl_alias *a)
{
    return alt ? !(a->flags & TL_KEY_EXACT) : case_fits(s, t, i, j, a);
}

/* Picks the issuer among the candidates of one key by tl_alias_rank: listed on the
 * article's date, curated, larger. A name written otherwise than listed (alt: scan_names'
 * alt_words) fits any alias but one of exact case. Returns the alias index, or TL_NONE; *tie is set
 * when two issuers tie. */
static uint32_t pick(const tl_table *T, const tl_slot *sl, const char *s, const tl_tok *t, size_t i,
                     size_t j, int alt, int32_t day, int *tie)
{
    uint32_t best = TL_NONE;
    int best_rank = -1;
    *tie = 0;
    for (uint32_t k = sl->first; k < sl->first + sl->count; k++) {
        const tl_alias *a = &T->names.alias[k];
        if (!alias_fits(s, t, i, j, alt, a)) continue;
        int rank = tl_alias_rank(T, a, day);
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

/* Whether s[b..n) opens with a full stop and one to three capitals that end the word: the
 * exchange suffix of a Reuters code whose root ends at b ("SAP" of "SAP.TO"). */
static int ric_root(const char *s, size_t b, size_t n)
{
    if (b + 1 >= n || s[b] != '.') return 0;
    size_t k = b + 1;
    while (k < n && k - b <= 4 && s[k] >= 'A' && s[k] <= 'Z') k++;
    if (k - b < 2 || k - b > 4) return 0;
    return k == n || !((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') ||
                       (s[k] >= '0' && s[k] <= '9') || s[k] == '.');
}

/* Whether the name t[i..e) is a stock exchange where something trades, not its operator:
 * an exchange's name ("ASX", "Nasdaq", "SGX": the patterns' table) or a name ending in
 * "Exchange" or "Bourse", after "on" or "on the" ("listed on the Singapore Exchange", "rose 3
 * percent on the Nasdaq"); or an exchange's name right before a market's move ("The Nasdaq
 * fell 0.1 percent"), where it is the index. "SGX said" stays the company. */
static int venue(const char *s, const tl_tok *t, size_t i, size_t e, size_t nt)
{
    static uint64_t on_h, the_h;
    if (!on_h) {
        on_h = tl_word_hash("on", 2);
        the_h = tl_word_hash("the", 3);
    }
    /* The words around first (cheap), the exchange's name only then. */
    size_t j = i;
    if (j > 0 && !(t[j].flags & TL_TOK_BREAK) && (t[j - 1].flags & TL_TOK_LOWER) &&
        t[j - 1].h == the_h)
        j--;
    int on = j > 0 && !(t[j].flags & TL_TOK_BREAK) && (t[j - 1].flags & TL_TOK_LOWER) &&
             t[j - 1].h == on_h;
    int move = e < nt && !(t[e].flags & TL_TOK_BREAK) && (t[e].flags & TL_TOK_LOWER) &&
               !(t[e - 1].flags & TL_TOK_POSS) && tl_word_in(TL_W_MOVE, t[e].h);
    if (!on && !move) return 0;
    int named = tl_exchange_by_name(s + t[i].b0, t[e - 1].b1 - t[i].b0) != NULL;
    return named || (on && tl_word_in(TL_W_VENUE, t[e - 1].h));
}

/* Whether the issuer's name opens with the word of token w and goes on with a word that is
 * no legal form ("Sumitomo Chemical Co" for "Sumitomo"): the form was cut from its front. */
static int opens_longer_name(const tl_table *T, const tl_alias *a, const char *s, const tl_tok *w)
{
    const char *name = T->iss[a->issuer].name;
    size_t n = w->b1 - w->b0;
    if (!name || strncasecmp(name, s + w->b0, n) != 0 || name[n] != ' ') return 0;
    const char *p = name + n + 1, *q = p;
    while (*q && *q != ' ' && *q != ',') q++;
    char fold[64];
    size_t m = tl_fold_word(p, (size_t)(q - p), fold, sizeof fold);
    return m > 0 && !tl_is_legal_word(tl_word_hash(fold, m));
}

/* Whether the legal words t[b, e) after a name include "Group". */
static int group_suffix(const tl_tok *t, size_t b, size_t e, uint64_t group_h)
{
    for (size_t k = b; k < e; k++)
        if (t[k].h == group_h) return 1;
    return 0;
}

/* Whether a registered name has a group word ("Group", "Groupe", "Gruppe", "Gruppo",
 * "Grupo", "Groep"), in any case. */
static int group_named(const char *name)
{
    static const char *const words[] = {"group", "groupe", "gruppe", "gruppo", "grupo", "groep"};
    for (const char *p = name; p && *p; p++) {
        if (p != name && p[-1] != ' ') continue;
        size_t n = strcspn(p, " ,.");
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (n == strlen(words[w]) && strncasecmp(p, words[w], n) == 0) return 1;
    }
    return 0;
}

/* Whether the one-word name t[j - 1] reads as a person's by what follows it: ", who" (a
 * company is "whose", not "who"; and not after a preposition: in "analyst at Gartner, who"
 * the analyst is), "said he" / "says she" (1), or an age between commas (2, a curated
 * name's too: "Bath player Ford, 23, missed six kicks"). */
static int person_after(const char *s, const tl_tok *t, size_t j, size_t nt)
{
    static uint64_t who_h, said_h, says_h, he_h, she_h;
    if (!who_h) {
        who_h = tl_word_hash("who", 3);
        said_h = tl_word_hash("said", 4);
        says_h = tl_word_hash("says", 4);
        he_h = tl_word_hash("he", 2);
        she_h = tl_word_hash("she", 3);
    }
    if (j >= nt || (t[j - 1].flags & TL_TOK_POSS)) return 0;
    size_t b = t[j].b0, e = t[j].b1;
    if (s[t[j - 1].b1] == ',' && e - b == 2 && s[b] >= '1' && s[b] <= '9' && s[b + 1] >= '0' &&
        s[b + 1] <= '9' && s[e] == ',')
        return 2;
    if (t[j].h == who_h && (t[j].flags & TL_TOK_BREAK) && s[t[j - 1].b1] == ',')
        return !(j >= 2 && tl_word_in(TL_W_PREPOSITION, t[j - 2].h) &&
                 !(t[j - 1].flags & TL_TOK_BREAK));
    return j + 1 < nt && (t[j].h == said_h || t[j].h == says_h) && !(t[j].flags & TL_TOK_BREAK) &&
           !(t[j + 1].flags & TL_TOK_BREAK) && (t[j + 1].h == he_h || t[j + 1].h == she_h);
}

/* Whether the name t[i..e) is written as a company not listed: one whose offering is to
 * come, "take NAME public", up to five words between ("preparing to take Hilton Worldwide
 * Holdings Inc public next year", "to take U.S. hotel operator Hilton Worldwide Inc
 * public"), or "NAME's planned (upcoming, expected ...) IPO (initial public offering,
 * flotation, listing)"; or a private one, "privately held (owned) NAME" ("Privately held
 * Cox", "privately-owned Polyphor" of 2013, listed in 2018). */
static int unlisted(const tl_tok *t, size_t i, size_t e, size_t nt)
{
    static uint64_t public_h, privately_h, held_h, owned_h;
    if (!public_h) {
        public_h = tl_word_hash("public", 6);
        privately_h = tl_word_hash("privately", 9);
        held_h = tl_word_hash("held", 4);
        owned_h = tl_word_hash("owned", 5);
    }
    if (i >= 2 && !(t[i].flags & TL_TOK_BREAK) && !(t[i - 1].flags & TL_TOK_BREAK) &&
        (t[i - 1].h == held_h || t[i - 1].h == owned_h) && t[i - 2].h == privately_h)
        return 1;
    if (e < nt && t[e].h == public_h && !(t[e].flags & TL_TOK_BREAK) &&
        !(t[e - 1].flags & TL_TOK_POSS))
        for (size_t j = i; j > 0 && j + 6 > i && !(t[j].flags & TL_TOK_BREAK); j--)
            if ((t[j - 1].flags & TL_TOK_LOWER) && tl_word_in(TL_W_TAKE, t[j - 1].h)) return 1;
    return (t[e - 1].flags & TL_TOK_POSS) && e + 1 < nt && !(t[e].flags & TL_TOK_BREAK) &&
           !(t[e + 1].flags & TL_TOK_BREAK) && tl_word_in(TL_W_IPO_AHEAD, t[e].h) &&
           tl_word_in(TL_W_IPO, t[e + 1].h);
}

/* "Takashi Hibino, chief executive of ...": the one-word name t[i] after a capitalized
 * word that opens a sentence, followed by a comma and a person's title, is that person's
 * surname. */
static int titled_person(const char *s, const tl_tok *t, size_t i, size_t end, size_t nt)
{
    if (end != i + 1 || end >= nt || !(t[i - 1].flags & TL_TOK_SENT) ||
        (t[i - 1].flags & (TL_TOK_CAPS | TL_TOK_DIGIT)) || s[t[i].b1] != ',')
        return 0;
    return tl_word_in(TL_W_TITLE, t[end].h);
}

/* Whether the word at byte b0 follows an apostrophe ("'" or U+2019) with no space. */
static int elided_into(const char *s, uint32_t b0)
{
    const unsigned char *u = (const unsigned char *)s;
    return (b0 >= 1 && u[b0 - 1] == '\'') ||
           (b0 >= 3 && u[b0 - 3] == 0xE2 && u[b0 - 2] == 0x80 && u[b0 - 1] == 0x99);
}

/* "Siemens Mexico", "Thales UK": a company's unit in a country, when the country ends the
 * phrase (not "Ford Australia Foundation"), and the name before it is no word that makes a
 * region of a country or continent ("Latin America", "South Africa": Latin Resources linked
 * 37 times in the Reuters sample's "Latin America"). */
static int country_unit(const tl_tok *t, size_t j, size_t nt)
{
    static uint64_t uk_h, us_h;
    if (!uk_h) {
        uk_h = tl_word_hash("uk", 2);
        us_h = tl_word_hash("us", 2);
    }
    if (j > 0 && tl_word_in(TL_W_REGION, t[j - 1].h)) return 0;
    int country = tl_word_in(TL_W_COUNTRY, t[j].h) ||
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

/* "Swiss private bank Frey", "Canada's Paladin": the country the words right before name
 * word i give it. A nationality adjective counts before up to three lower-case words ending
 * in a trade ("bank", "maker", "unit"), a country's possessive also right before the name;
 * not a compound ("Anglo-Dutch"), nor across punctuation. "U.S." is two words. NULL when
 * none. */
static const char *nation_before(const tl_tok *t, size_t i)
{
    static uint64_t unit_h, u_h, s_h;
    if (!unit_h) {
        unit_h = tl_word_hash("unit", 4);
        u_h = tl_word_hash("u", 1);
        s_h = tl_word_hash("s", 1);
    }
    size_t k = i;
    while (k > 0 && i - k < 3 && !(t[k].flags & TL_TOK_BREAK) && (t[k - 1].flags & TL_TOK_LOWER))
        k--;
    if (k < i && !tl_word_in(TL_W_CUE_BEFORE, t[i - 1].h) && t[i - 1].h != unit_h) return NULL;
    if (k == 0 || (t[k].flags & TL_TOK_BREAK)) return NULL;
    const tl_tok *n = &t[k - 1];
    if (n->flags & TL_TOK_LOWER) return NULL;
    const char *iso;
    if (n->h == s_h && (n->flags & TL_TOK_GLUE) && k >= 2 && t[k - 2].h == u_h &&
        !(t[k - 2].flags & TL_TOK_GLUE))
        iso = "US";
    else if (n->flags & TL_TOK_GLUE)
        return NULL;
    else
        iso = tl_word_nation(n->h);
    /* Right before the name only a possessive: "U.S. Nissan" is the company's own unit. */
    if (!iso || (k == i && !(n->flags & TL_TOK_POSS))) return NULL;
    return iso;
}

/* Whether the bytes s[b, e) are a comma and spaces only (a masked code's "( )" left
 * "RWE , Germany's"). */
static int comma_between(const char *s, size_t b, size_t e)
{
    int commas = 0;
    for (size_t k = b; k < e; k++) {
        if (s[k] == ',')
            commas++;
        else if (s[k] != ' ')
            return 0;
    }
    return commas == 1;
}

/* "RWE, Germany's No.2 utility", "Vale, Brazil's biggest miner": the country an
 * appositive right after the name (ending at e) gives it. Only a country's possessive, up to
 * four lower-case words or numbers ("No.2", "second-largest"), and a trade that ends the
 * phrase; not a list ("ABB, Germany's Siemens and ..."). NULL when none. Chosen on the dev
 * folds: +2 of 2815 masked, no wrong company more on the fold or dev gold. */
static const char *nation_after(const char *s, const tl_tok *t, size_t e, size_t nt)
{
    static uint64_t no_h;
    if (!no_h) no_h = tl_word_hash("no", 2);
    if (e == 0 || e + 1 >= nt || !comma_between(s, t[e - 1].b1, t[e].b0) ||
        !(t[e].flags & TL_TOK_POSS) || (t[e].flags & (TL_TOK_LOWER | TL_TOK_GLUE)) ||
        !tl_word_in(TL_W_COUNTRY, t[e].h))
        return NULL;
    size_t j = e + 1;
    for (; j < nt && j - e <= 5 && !(t[j].flags & TL_TOK_BREAK); j++) {
        if (!(t[j].flags & (TL_TOK_LOWER | TL_TOK_DIGIT)) && t[j].h != no_h) return NULL;
        if ((t[j].flags & TL_TOK_LOWER) && tl_word_in(TL_W_CUE_BEFORE, t[j].h) &&
            (j + 1 == nt || (t[j + 1].flags & (TL_TOK_BREAK | TL_TOK_LOWER))))
            return tl_word_nation(t[e].h);
    }
    return NULL;
}

/* Whether t[j], after a large company's one-word name, names the company's unit ("Nomura
 * Securities economists", "ANZ Bank", "Natixis Asset Management"): a unit word (TL_W_UNIT)
 * that ends the name, or "Asset" or "Wealth" before "Management". Any other capitalized word
 * after it makes a longer name ("Energy Transfer", "Bank Holdings"). Chosen on the dev
 * folds: fold gold and masked recall unchanged, 12 new links on the dev companies'
 * articles, all right. */
static int own_unit(const tl_tok *t, size_t j, size_t nt)
{
    static uint64_t asset_h, wealth_h, management_h;
    if (!asset_h) {
        asset_h = tl_word_hash("asset", 5);
        wealth_h = tl_word_hash("wealth", 6);
        management_h = tl_word_hash("management", 10);
    }
    if (!tl_word_in(TL_W_UNIT, t[j].h)) return 0;
    if (j + 1 >= nt || (t[j + 1].flags & (TL_TOK_BREAK | TL_TOK_LOWER | TL_TOK_DIGIT))) return 1;
    return (t[j].h == asset_h || t[j].h == wealth_h) && t[j + 1].h == management_h;
}

/* Whether the word before t[i] is a number in digits alone, apart from it ("150 Boeing jets",
 * "1,000,000 Plains All American"): a count before a name, not a word of a longer name ("21st
 * Century", "Fund 1-B LP"). */
static int count_before(const char *s, const tl_tok *t, size_t i)
{
    if (i == 0 || (t[i].flags & TL_TOK_GLUE) || t[i - 1].b1 == t[i - 1].b0) return 0;
    for (uint32_t b = t[i - 1].b0; b < t[i - 1].b1; b++)
        if (s[b] < '0' || s[b] > '9') return 0;
    return 1;
}

/* Whether the number before t[i] is a word of a longer name that t[i] continues ("Phillips 66
 * Partners LP", "STOXX Europe 600 Travel & Leisure"): digits alone right after a capitalized
 * word, nothing between, and no day of a month ("October 16 Berkshire") or year ("In 2010
 * JAL") — above 31, not of four digits. */
static int number_in_name(const char *s, const tl_tok *t, size_t i)
{
    if (i < 2 || !count_before(s, t, i) || (t[i].flags & TL_TOK_BREAK) ||
        (t[i - 1].flags & TL_TOK_BREAK) || !(t[i - 2].flags & TL_TOK_UPPER) ||
        (t[i - 2].flags & (TL_TOK_LOWER | TL_TOK_DIGIT)))
        return 0;
    uint32_t n = t[i - 1].b1 - t[i - 1].b0, v = 0;
    if (n > 3) return 0;
    for (uint32_t b = t[i - 1].b0; b < t[i - 1].b1; b++) v = v * 10 + (uint32_t)(s[b] - '0');
    return v > 31;
}

/* The longest name that starts at t[i], whose words up to t[next - 1] have the key k and the
 * slot sl (NULL: none): its slot, with *end the token after it; NULL when none ends. */
static const tl_slot *longest(const tl_matcher *M, const char *s, const tl_tok *t, size_t nt,
                              size_t next, uint64_t k, const tl_slot *sl, size_t *end)
{
    const tl_slot *best = NULL;
    if (!sl) return NULL;
    if (sl->count) {
        best = sl;
        *end = next;
    }
    for (size_t j = next; sl->prefix && j < nt; j++) {
        /* A possessive may be inside a name ("Men's Wearhouse"); the prefix table decides
         * whether a name continues after it. */
        if ((t[j].flags & TL_TOK_BREAK) && (best || !abbrev_stop(s, t, j))) break;
        k = tl_key_step(k, t[j].h);
        sl = tl_matcher_find(M, k);
        if (!sl) break;
        if (sl->count) {
            best = sl;
            *end = j + 1;
        }
    }
    return best;
}

#define TL_ALT_MAX 4

/* The words of a capitalized token in camel case, as word hashes into h[0..TL_ALT_MAX): it
 * splits where a lower-case letter meets a capital ("Exxon|Mobil") and before the last
 * capital of a run that a lower-case letter follows ("JP|Morgan"). ASCII letters only, each
 * part of two letters or more. Returns the number of words, or 0 when the token is not in
 * camel case. */
static int camel_words(const char *s, const tl_tok *t, uint64_t h[TL_ALT_MAX])
{
    if ((t->flags & (TL_TOK_CAPS | TL_TOK_LOWER | TL_TOK_DIGIT)) || !(t->flags & TL_TOK_MIXED))
        return 0;
    const char *w = s + t->b0;
    size_t n = t->b1 - t->b0, start = 0;
    int k = 0;
    if (n == 0 || w[0] < 'A' || w[0] > 'Z') return 0; /* "eBay" */
    for (size_t i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))) return 0;
    for (size_t i = 1; i <= n; i++) {
        int cut = i == n;
        if (!cut && w[i] >= 'A' && w[i] <= 'Z')
            cut = (w[i - 1] >= 'a' && w[i - 1] <= 'z') ||
                  (i + 1 < n && w[i - 1] >= 'A' && w[i - 1] <= 'Z' && w[i + 1] >= 'a' &&
                   w[i + 1] <= 'z');
        if (!cut) continue;
        if (i - start < 2 || k == TL_ALT_MAX) return 0;
        char f[64];
        size_t fl = tl_fold_word(w + start, i - start, f, sizeof f);
        h[k++] = tl_word_hash(f, fl);
        start = i;
    }
    return k >= 2 ? k : 0;
}

/* The words of t[i] and what follows, written otherwise than a name may be listed, as word
 * hashes into h[0..TL_ALT_MAX): a word in camel case (camel_words); initials with full stops
 * ("J.P." -> "jp"); or two or three capitals as initials ("JC" -> "j" "c"). *next is set to
 * the token after the words read. Returns the number of words, or 0. */
static int alt_words(const char *s, const tl_tok *t, size_t nt, size_t i, uint64_t h[TL_ALT_MAX],
                     size_t *next)
{
    *next = i + 1;
    int n = camel_words(s, &t[i], h);
    if (n) return n;
    if (t[i].flags & (TL_TOK_LOWER | TL_TOK_DIGIT)) return 0;
    size_t len = t[i].b1 - t[i].b0;
    if (len == 1) {
        char f[8];
        size_t m = 0, j = i;
        for (; j < nt && m < sizeof f && t[j].b1 - t[j].b0 == 1 &&
               !(t[j].flags & (TL_TOK_LOWER | TL_TOK_DIGIT | TL_TOK_AMP)) &&
               (j == i || ((t[j].flags & TL_TOK_GLUE) && s[t[j].b0 - 1] == '.'));
             j++)
            f[m++] = (char)(s[t[j].b0] | 0x20);
        if (m < 2) return 0;
        h[0] = tl_word_hash(f, m);
        *next = j;
        return 1;
    }
    if (!(t[i].flags & TL_TOK_CAPS) || len < 2 || len > 3) return 0;
    for (size_t b = 0; b < len; b++) {
        char c = s[t[i].b0 + b];
        if (c < 'A' || c > 'Z') return 0;
        c = (char)(c | 0x20);
        h[b] = tl_word_hash(&c, 1);
    }
    return (int)len;
}

/* One field as the name pass reads it. */
typedef struct {
    const tl_table *T;
    const char *s;   /* the field's text */
    const tl_tok *t; /* its tokens, t[0..nt) */
    size_t nt;
    size_t sn; /* bytes of s read: to the last token's end */
} scan_field;

/* A dictionary match and the alias chosen for it. */
typedef struct {
    const tl_slot *best; /* the longest match's slot */
    const tl_alias *a;   /* its alias chosen for the article (pick) */
    size_t i, end;       /* its tokens, t[i..end) */
    size_t e;            /* the token after it and the legal forms after it */
    int single;          /* one word */
    int suffix;          /* legal forms (or words a legal form closes) after it */
    int tie;             /* pick found several issuers equally good */
} name_match;

/* The longest name at t[i]: as written or, when the word as written names nothing, written
 * otherwise (alt_words): its slot, with *end the token after it and *alt set when it was read
 * otherwise; NULL when none. *skip is the last token to pass over: t[i], or all the initials
 * read when they are an acronym alone. */
static const tl_slot *match_at(const scan_field *c, size_t i, size_t *end, int *alt, size_t *skip)
{
    const tl_matcher *M = &c->T->names;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    const tl_slot *best = NULL;
    *alt = 0;
    *skip = i;
    if (tl_matcher_may_start(M, t[i].h)) {
        uint64_t k = tl_key_step(TL_KEY_SEED, t[i].h);
        best = longest(M, s, t, nt, i + 1, k, tl_matcher_find(M, k), end);
    }
    if (best) return best;
    /* A name written otherwise than listed: run together in camel case
     * ("IntercontinentalExchange", "JPMorgan" for Intercontinental Exchange, JP Morgan),
     * initials with full stops or without them ("J.P. Morgan" for JP Morgan, "JC Penney" for
     * J.C. Penney), when the word as written names nothing. */
    uint64_t h[TL_ALT_MAX];
    size_t next = i + 1;
    int nw = alt_words(s, t, nt, i, h, &next);
    if (nw < 1 || !tl_matcher_may_start(M, h[0])) return NULL;
    uint64_t k = TL_KEY_SEED;
    const tl_slot *sl = NULL;
    for (int q = 0; q < nw; q++) {
        k = tl_key_step(k, h[q]);
        sl = tl_matcher_find(M, k);
        if (!sl || (q + 1 < nw && !sl->prefix)) {
            sl = NULL;
            break;
        }
    }
    best = longest(M, s, t, nt, next, k, sl, end);
    /* Initials, with full stops or without, must go on into a name's next word or a legal
     * form ("JC Penney", "J.P. Morgan", "VF Corp"): alone they are an acronym ("FCC" is no
     * F.C.C. Co), and none of its letters starts a name ("F.A.S.T." is no S.T. Corporation). */
    if (best && (nw > 1 || next > i + 1) && (t[i].flags & TL_TOK_CAPS) && *end == next &&
        !tl_legal_form_len(s, t, *end, nt)) {
        *skip = next - 1;
        return NULL;
    }
    *alt = best != NULL;
    return best;
}

/* Whether the words right after the name t[i..end) of alias a make it the start of another
 * body's name (rules below). *ext is set to the number of capitalized words after a one-word
 * name that a legal form closes ("Tesla Motors Inc"), which belong to the mention. */
static int followed_by_name(const scan_field *c, size_t i, size_t end, const tl_alias *a,
                            size_t *ext)
{
    const tl_table *T = c->T;
    const tl_matcher *M = &T->names;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    int single = end - i == 1;
    /* "Ford Foundation", "Target Field": a different organization. */
    if (end < nt && !(t[end].flags & TL_TOK_BREAK) && !(t[end - 1].flags & TL_TOK_POSS) &&
        tl_word_in(TL_W_INSTITUTION, t[end].h))
        return 1;
    /* "Avant-Garde Advisors", "Duroc-Danner": a one-word name hyphenated to a capitalized
     * word is part of a longer name; not when that word starts a name too
     * ("Renault-Nissan", "AOL-Time Warner"). */
    if (single && end < nt && (t[end].flags & TL_TOK_GLUE) && (t[end].flags & TL_TOK_UPPER) &&
        !(t[end].flags & (TL_TOK_LOWER | TL_TOK_DIGIT)) && s[t[end].b0 - 1] == '-' &&
        !tl_matcher_may_start(M, t[end].h))
        return 1;
    /* "Dell'Oro Group", "Dell'Osso said": a name elided by an apostrophe into a
     * capitalized word is the first part of that word (Italian and French elisions). */
    if (end < nt && (t[end].flags & TL_TOK_GLUE) && (t[end].flags & TL_TOK_UPPER) &&
        elided_into(s, t[end].b0))
        return 1;
    /* "Kakao Verarbeitung", "Apple Daily", "Southern District": a capitalized word right
     * after a one-word name makes it part of another name, unless it is a title or a
     * legal form ("Boeing Chairman", "Target Corp"); in a line of capitals, unless the
     * name is a large company's or curated ("CITIGROUP GLOBAL MARKETS", not "ARVIND
     * CHARI" or "LOOMIS SAYLES"). */
    /* "Tesla Motors Inc": capitalized words, then a legal form; not for an issuer of
     * TL_PRIOR_DELISTED or less (a delisted line's name), nor for a smaller company's
     * short form without its "Group" ("CVS Caremark Corp" is no CVS Group plc, as
     * "Sumitomo Corp" is no Sumitomo Chemical below). */
    if (single && end < nt && !(t[end].flags & TL_TOK_BREAK) && !(t[end - 1].flags & TL_TOK_POSS) &&
        !(t[end].flags & TL_TOK_LOWER) && !(t[end].flags & TL_TOK_GLUE) &&
        !(t[end].flags & TL_TOK_DIGIT) && !tl_word_in(TL_W_AFTER_OK, t[end].h) &&
        !tl_legal_form_len(s, t, end, nt) &&
        !((t[end].flags & TL_TOK_CAPS) && (t[i].flags & TL_TOK_CAPS) &&
          (a->curated == 2 || T->iss[a->issuer].prior >= TL_PRIOR_STRONG_NAME)) &&
        !country_unit(t, end, nt) && !model_code(t, end, nt) &&
        !((a->curated == 2 || T->iss[a->issuer].prior >= TL_PRIOR_STRONG_NAME) &&
          own_unit(t, end, nt))) {
        size_t q = end;
        while (q < nt && q - end < 2 && !(t[q].flags & (TL_TOK_BREAK | TL_TOK_LOWER)) &&
               !(t[q - 1].flags & TL_TOK_POSS) && !tl_is_legal_word(t[q].h))
            q++;
        if (q < nt && q > end && !(t[q].flags & (TL_TOK_BREAK | TL_TOK_LOWER)) &&
            !(t[q - 1].flags & TL_TOK_POSS) && tl_is_legal_word(t[q].h) &&
            !tl_word_in(TL_W_INSTITUTION, t[end].h) && a->curated != 1 && !firm_words(t, end, q) &&
            T->iss[a->issuer].prior > TL_PRIOR_DELISTED &&
            !((a->flags & TL_KEY_SHORT) && T->iss[a->issuer].prior < TL_PRIOR_STRONG_NAME)) {
            *ext = q - end;
        } else {
            return 1;
        }
    }
    return 0;
}

/* Whether the name t[i..end) of alias a is an acronym the text defines as another body's
 * (noted in L->others for the whole record) or a part of a firm's name joined by "&". */
static int defined_or_joined(tl_linker *L, const scan_field *c, size_t i, size_t end,
                             const tl_alias *a)
{
    const tl_table *T = c->T;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    int single = end - i == 1;
    /* "State Administration for Industry and Commerce (SAIC)": capitals in parentheses
     * that spell the initials of the capitalized words before them are that body's
     * acronym, not the listed company's (SAIC Motor). */
    size_t def = single ? tl_defined_acronym(s, t, i) : 0;
    if (def) {
        /* Another body's wherever it stands in the record (link.c), unless the spelled-out
         * name is a company's: a legal form before the parenthesis ("National Thermal Power
         * Corp (NTPC)"), or the listed name's first word opening it ("United Parcel Services
         * (UPS)"), as against "the British National Party (BNP)". */
        if (!tl_is_legal_word(t[i - 1].h) &&
            t[def - 1].h != first_word_hash(T->iss[a->issuer].name) && L->nothers < TL_MAX_OTHERS)
            L->others[L->nothers++] = t[i].h;
        return 1;
    }
    /* "Hellman & Friedman LLC", "Bowen, Miclette & Britt": a one-word name joined by
     * "&" to a capitalized word before it is the end of another firm's name. */
    if (single && i >= 2 && (t[i - 1].flags & TL_TOK_AMP) && !(t[i].flags & TL_TOK_BREAK) &&
        !(t[i - 1].flags & TL_TOK_BREAK) && (t[i - 2].flags & TL_TOK_UPPER) &&
        !(t[i - 2].flags & TL_TOK_LOWER))
        return 1;
    /* "Williams & Connolly", the law firm: a one-word name joined by "&" to a capitalized
     * word after it is the start of another firm's name, unless the word is its legal
     * form ("Tiffany & Co"). */
    if (single && end + 1 < nt && (t[end].flags & TL_TOK_AMP) && !(t[end].flags & TL_TOK_BREAK) &&
        !(t[end + 1].flags & TL_TOK_BREAK) && (t[end + 1].flags & TL_TOK_UPPER) &&
        !(t[end + 1].flags & TL_TOK_LOWER) && !tl_legal_form_len(s, t, end, nt))
        return 1;
    return 0;
}

/* Whether a capitalized word right before the one-word name t[i..end) makes it a person's
 * or another body's name; a word read as a person's name is noted in L->persons. */
static int person_before(tl_linker *L, const scan_field *c, size_t i, size_t end)
{
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    int single = end - i == 1;
    /* "Rob Ford", "Evan Williams": a capitalized word right before a one-word name makes
     * it a person's or another organization's name. */
    if (single && i > 0 && !(t[i].flags & TL_TOK_BREAK) && !(t[i].flags & TL_TOK_SENT) &&
        !(t[i - 1].flags & TL_TOK_LOWER) && !(t[i - 1].flags & TL_TOK_POSS) &&
        !tl_word_in(TL_W_BEFORE_OK, t[i - 1].h) && !tl_is_legal_word(t[i - 1].h) &&
        !count_before(s, t, i)) {
        /* Remembered when it reads as a person's name in mid-sentence ("said Yoshiharu
         * Ueki"), not a heading ("SECURITY Swisscom") or a sentence's first word ("Even
         * Tesla") unless a title follows ("Takashi Hibino, CEO of"): "Ueki said" later
         * is the person again. */
        if (L->npersons < TL_MAX_PERSONS &&
            (!(t[i - 1].flags & (TL_TOK_BREAK | TL_TOK_SENT | TL_TOK_CAPS | TL_TOK_DIGIT)) ||
             titled_person(s, t, i, end, nt)) &&
            !(t[i].flags & TL_TOK_GLUE) && !tl_legal_form_len(s, t, end, nt))
            L->persons[L->npersons++] = t[i].h;
        return 1;
    }
    return 0;
}

/* Whether the name t[i..end) of alias a is inside a longer proper name: a Reuters code's
 * root, a public body's "of", a numbered name, "People's", capitalized words around a
 * derived name, "of" and a capitalized word or a foreign country after it. */
static int inside_longer_name(const scan_field *c, size_t i, size_t end, const tl_alias *a)
{
    static uint64_t people_h, of_h;
    if (!people_h) {
        people_h = tl_word_hash("people", 6);
        of_h = tl_word_hash("of", 2);
    }
    const tl_table *T = c->T;
    size_t sn = c->sn;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    int single = end - i == 1;
    /* "Saputo Inc ( SAP.TO )": a word glued to a full stop and one to three capitals
     * is the root of a Reuters code, which the code patterns read (scan_patterns.c),
     * not a name ("SAP" of SAP SE). */
    if (ric_root(s, t[end - 1].b1, sn)) return 1;
    /* "Department of Housing and Urban Development", "University of Phoenix": a name
     * right after "of" and a public or academic body's word ends that body's name. */
    if (i >= 2 && t[i - 1].h == of_h && (t[i - 1].flags & TL_TOK_LOWER) &&
        !(t[i].flags & TL_TOK_BREAK) && !(t[i - 1].flags & TL_TOK_BREAK) &&
        (t[i - 2].flags & TL_TOK_UPPER) && !(t[i - 2].flags & TL_TOK_LOWER) &&
        tl_word_in(TL_W_BODY, t[i - 2].h))
        return 1;
    if (number_in_name(s, t, i)) return 1;
    /* "Swiss National Bank", "People's Bank of China": a longer proper name that
     * contains a derived company name. */
    if (i > 0 && (t[i - 1].flags & TL_TOK_POSS) && t[i - 1].h == people_h &&
        !(t[i].flags & TL_TOK_BREAK))
        return 1;
    if (!single && a->curated != 2 && i > 0 && !(t[i].flags & TL_TOK_BREAK) &&
        !(t[i].flags & TL_TOK_SENT) && !(t[i - 1].flags & TL_TOK_LOWER) &&
        !(t[i - 1].flags & TL_TOK_POSS) && !tl_word_in(TL_W_DETERMINER, t[i - 1].h) &&
        !count_before(s, t, i) && !lead_word(t, i - 1))
        return 1;
    /* "China International Capital Corp": a derived name continued by a capitalized word
     * is part of a longer name; not by a model number ("Lockheed Martin F-16"). */
    if (!single && a->curated != 2 && end < nt && !(t[end].flags & TL_TOK_BREAK) &&
        !(t[end - 1].flags & TL_TOK_POSS) && !(t[end].flags & TL_TOK_LOWER) &&
        !(t[end].flags & TL_TOK_GLUE) && !(t[end].flags & TL_TOK_DIGIT) &&
        !tl_word_in(TL_W_AFTER_OK, t[end].h) && !tl_legal_form_len(s, t, end, nt) &&
        !((t[end].flags & TL_TOK_CAPS) && (t[end - 1].flags & TL_TOK_CAPS)) &&
        !model_code(t, end, nt))
        return 1;
    /* "National Bank of Abu Dhabi", "National Bank of Canada": a name derived from a
     * listed name, followed by "of" and a capitalized word, is the start of a longer
     * name; a one-word name before a place or common word is the company ("Siemens of
     * Germany"). */
    if (a->curated == 0 && end + 1 < nt && t[end].h == of_h && !(t[end].flags & TL_TOK_BREAK) &&
        !(t[end - 1].flags & TL_TOK_POSS) && (t[end + 1].flags & TL_TOK_UPPER) &&
        !(t[end + 1].flags & TL_TOK_BREAK) && !(t[end + 1].flags & TL_TOK_DIGIT) &&
        !(single &&
          (tl_word_in(TL_W_COUNTRY, t[end + 1].h) || tl_word_in(TL_W_COMMON, t[end + 1].h))))
        return 1;
    /* "the Industrial Bank of Japan": any name followed by "of" and a country where the
     * company has neither a listing nor its seat is a longer body's name, a curated name's
     * too ("Industrial Bank" of Industrial Bank Co of Fuzhou); "Ericsson of Sweden" stays.
     * Not for companies listed in the US, whose seat in the US sources is often not their
     * home, as for choose.c's foreign namesakes. */
    if (end + 1 < nt && t[end].h == of_h && !(t[end].flags & TL_TOK_BREAK) &&
        !(t[end - 1].flags & TL_TOK_POSS) && !(t[end + 1].flags & TL_TOK_BREAK) &&
        (end + 2 == nt || !(t[end + 2].flags & TL_TOK_UPPER) ||
         (t[end + 2].flags & TL_TOK_BREAK))) {
        const char *iso = tl_word_nation(t[end + 1].h);
        if (iso && !tl_issuer_in_country(T, a->issuer, iso) &&
            !tl_issuer_in_country(T, a->issuer, "US"))
            return 1;
    }
    return 0;
}

/* Whether what stands around the name t[i..end) of alias a makes it a part of another body's
 * name or of a person's (the stages above, in this order): the name is passed over. *ext is
 * set to the number of capitalized words after a one-word name that a legal form closes
 * ("Tesla Motors Inc"), which belong to the mention. */
static int vetoed_by_context(tl_linker *L, const scan_field *c, size_t i, size_t end,
                             const tl_alias *a, size_t *ext)
{
    *ext = 0;
    return followed_by_name(c, i, end, a, ext) || defined_or_joined(L, c, i, end, a) ||
           person_before(L, c, i, end) || inside_longer_name(c, i, end, a);
}

/* The token after the name t[i..end), the ext words after it and the legal forms that follow
 * ("Target Corp", "Alibaba Group Holding Ltd"), which make it a company for certain and belong
 * to the mention; *suffix is set when there are any. */
static size_t legal_end(const scan_field *c, size_t end, size_t ext, int *suffix)
{
    static uint64_t new_h;
    if (!new_h) new_h = tl_word_hash("new", 3);
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    /* Not "New" before a capitalized word: EDGAR's "/NEW/" closes names, but "Neptune, New
     * Jersey" is the town. */
    size_t e = end + ext;
    *suffix = ext > 0;
    size_t lf;
    while (e < nt && e - end < 4 && (e == end || !(t[e - 1].flags & TL_TOK_POSS)) &&
           (lf = tl_legal_form_len(s, t, e, nt)) > 0 && !(t[e].flags & TL_TOK_LOWER) &&
           (!(t[e].flags & TL_TOK_BREAK) || (e == end && s[t[e - 1].b1] == ',')) &&
           !(t[e].h == new_h && e + 1 < nt && !(t[e + 1].flags & TL_TOK_BREAK) &&
             !(t[e + 1].flags & TL_TOK_LOWER))) {
        e += lf;
        *suffix = 1;
    }
    return e;
}

/* Whether an issuer's display name carries the legal form kind (tl_legal_form_kind: "Noble
 * Group Ltd" carries "ltd"); *any: whether it carries a legal form at all. */
static int name_has_form(const char *name, uint64_t kind, int *any)
{
    int has = 0;
    *any = 0;
    for (const char *p = name ? name : ""; *p;) {
        while (*p == ' ' || *p == ',') p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != ',') q++;
        char fold[32];
        size_t m = tl_fold_word(p, (size_t)(q - p), fold, sizeof fold);
        uint64_t k = m ? tl_legal_form_kind(tl_word_hash(fold, m)) : 0;
        *any |= k != 0;
        has |= k == kind;
        p = q;
    }
    return has;
}

/* "Noble Corp" is Noble Corporation, not Noble Group Ltd: the legal form written right after
 * a one-word name picks, among the issuers of the name listed on the article's date, one whose
 * name carries that form, when the issuer the ranks chose carries other forms only. */
static void agree_form(const scan_field *c, name_match *n, int alt, int32_t day)
{
    const tl_table *T = c->T;
    uint64_t want = tl_legal_form_kind(c->t[n->end].h);
    int any;
    if (!want || name_has_form(T->iss[n->a->issuer].name, want, &any) || !any) return;
    const tl_alias *best = NULL;
    int best_rank = -1;
    for (uint32_t k = n->best->first; k < n->best->first + n->best->count; k++) {
        const tl_alias *a = &T->names.alias[k];
        if (a->issuer == n->a->issuer || !alias_fits(c->s, c->t, n->i, n->end, alt, a) ||
            !name_has_form(T->iss[a->issuer].name, want, &any) || !tl_listed_on(T, a->issuer, day))
            continue;
        int rank = tl_alias_rank(T, a, day);
        if (rank > best_rank) {
            best = a;
            best_rank = rank;
        }
    }
    if (best) {
        n->a = best;
        n->tie = 0;
    }
}

/* Whether the name with its legal forms (n) is another body's or a person's all the same (each
 * rule below): the name is passed over up to t[*next]. A word read as a person's name is
 * noted in L->persons. */
static int vetoed_by_form(tl_linker *L, const scan_field *c, const name_match *n, size_t *next)
{
    static uint64_t group_h;
    if (!group_h) group_h = tl_word_hash("group", 5);
    const tl_table *T = c->T;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    const tl_alias *a = n->a;
    size_t i = n->i, end = n->end, e = n->e;
    int single = n->single, suffix = n->suffix;
    /* A name whose word has its own "'s" ("Domino's", "McDonald's") is not the bare
     * word ("Decor magazine Domino", "Bob McDonald"), unless a legal form follows it
     * ("Roundy Inc's" for Roundy's Inc). */
    if (single && !suffix && !(t[i].flags & TL_TOK_POSS) && own_possessive(a)) {
        *next = end - 1;
        return 1;
    }
    /* "Iraqi Telecommunications and Post Company (ITPC)": a name whose acronym in
     * parentheses after it spells words before it too is the end of that longer body's name,
     * not the company ("Post Company" of Post Holdings). */
    size_t longer = e < nt ? tl_defined_acronym(s, t, e) : 0;
    if (longer && longer - 1 < i) {
        *next = e - 1;
        return 1;
    }
    if (venue(s, t, i, e, nt)) {
        *next = e - 1;
        return 1;
    }
    /* A smaller company's short form cut from the front of its longer name, with a legal
     * form right after it in the text, is another company's whole name: "Sumitomo Corp"
     * is not Sumitomo Chemical, "Solaris Group" not Solaris Resources. A large company's
     * is its own, carelessly written ("Ford Co"). */
    if (single && suffix && (a->flags & TL_KEY_FORM) &&
        T->iss[a->issuer].prior < TL_PRIOR_STRONG_NAME && opens_longer_name(T, a, s, &t[i])) {
        *next = e - 1;
        return 1;
    }
    /* "Group" after a smaller company's name that has no such word is the group of that
     * name, another body: "NPD Group" (the research firm) is no NPD Co., Ltd of Seoul,
     * "the World Group" (of the Davis Cup) no World Holdings Co., "Hyundai Group" (the
     * conglomerate) no Hyundai Corp. */
    if (suffix && T->iss[a->issuer].prior < TL_PRIOR_STRONG_NAME &&
        group_suffix(t, end, e, group_h) && !group_named(T->iss[a->issuer].name)) {
        *next = e - 1;
        return 1;
    }
    /* "Hess, who is from New York", "Sato said he": a one-word name that a person's
     * relative pronoun or "said he" follows is that person, here and wherever it stands
     * alone in the article (drop_persons), unless a legal form makes it a company. */
    int person = single && !suffix ? person_after(s, t, end, nt) : 0;
    if (person == 2 && L->nothers < TL_MAX_OTHERS) L->others[L->nothers++] = t[i].h;
    if (person && (a->curated != 2 || person == 2)) {
        if (L->npersons < TL_MAX_PERSONS) L->persons[L->npersons++] = t[i].h;
        *next = end - 1;
        return 1;
    }
    return 0;
}

/* What in the article supports a weak name m (n): a cue after it, a trade before it, its
 * country's possessive, a competitor's word. */
static void weigh_support(tl_mention *m, const scan_field *c, const name_match *n)
{
    const tl_table *T = c->T;
    const tl_tok *t = c->t;
    const tl_alias *a = n->a;
    size_t i = n->i, e = n->e;
    int single = n->single;
    int plain = single && m->weak && !(t[i].flags & TL_TOK_DIGIT) && !tl_is_common_word(t[i].h) &&
                !tl_word_nation(t[i].h) && !tl_word_in(TL_W_COUNTRY, t[i].h);
    /* A short form of a longer name ("Lufthansa" of Deutsche Lufthansa AG, "Serco" of
     * Serco Group plc), of four letters or more, not in capitals ("AVG"). The article's
     * context may support it (here, and by repetition in emit.c). */
    m->form = (uint8_t)(plain &&
                        (((a->flags & TL_KEY_FORM) && a->curated == 1) ||
                         ((a->flags & TL_KEY_SHORT) && a->curated == 0)) &&
                        t[i].len >= 4 && !(t[i].flags & TL_TOK_CAPS));
    m->place = (uint8_t)(m->form && (a->flags & TL_KEY_PLACE));
    /* Any such name of three letters or more, in capitals too: the country the words
     * before it give may support it (choose.c). */
    m->placeable = (uint8_t)(plain && !m->brand && m->nation && t[i].len >= 3);
    /* Context cues ("Apple said") support brand names curated with "*", common-word
     * names ("~": "Target", "Union") of large companies, whose names would otherwise be
     * strong, and short forms; never a one- or two-letter name. Other weak names need
     * the company's full name or another strong mention. */
    m->large = (uint8_t)(m->weak && a->curated == 1 && t[e - 1].b1 - t[i].b0 >= 3 &&
                         T->iss[a->issuer].prior >= TL_PRIOR_STRONG_NAME && !m->place);
    int listed_cue = a->curated == 3 || m->large;
    if (m->weak && t[e - 1].b1 - t[i].b0 >= 3 && (listed_cue || m->form)) {
        /* After the name ("Apple said", "Lufthansa shares"): for brand names ("*"), and
         * for short forms in mid-sentence (a sentence's first word is capitalized
         * whatever it is: "Traders said" are people). */
        int after = m->told;
        /* Before it: a trade ("miner Vale", "insurer Axa"), not for short forms: "copper
         * miner Equinox" of 2011 is not Equinox Gold of 2017, which only its date tells. */
        int trade = i > 0 && !(t[i].flags & TL_TOK_BREAK) && (t[i - 1].flags & TL_TOK_LOWER) &&
                    tl_word_in(TL_W_CUE_BEFORE, t[i - 1].h);
        /* Or a country's possessive ("Brazil's Vale", "Germany's Lufthansa"). */
        int country = i > 0 && !(t[i].flags & TL_TOK_BREAK) && (t[i - 1].flags & TL_TOK_POSS) &&
                      tl_word_in(TL_W_COUNTRY, t[i - 1].h);
        if (listed_cue) m->cue = (uint8_t)((a->curated == 3 && after) || trade);
        /* A place form ("^") takes the trade a large company's name takes ("banks
         * Santander and BBVA"; a town has no trade before it), not a possessive one
         * ("Dacia brand's Logan" is a car) nor one before its own "'s" ("rival
         * Christie's"), not a cue after it ("Tyler said" is a person too) nor any
         * country's possessive ("Mexico's Santander" is another bank): only the
         * company's own country (choose.c). A smaller company's place form ("^Anfield"
         * of Anfield Energy, "^Broadway" of Broadway Financial) not even the trade, as
         * its short forms do not: "British-based firm Cobalt" is no Cobalt
         * International Energy of Houston. */
        if (m->place)
            m->cue = (uint8_t)(trade && !(t[e - 1].flags & TL_TOK_POSS) &&
                               !(t[i - 1].flags & TL_TOK_POSS) &&
                               T->iss[a->issuer].prior >= TL_PRIOR_STRONG_NAME);
        else if (m->form && !m->cue)
            m->cue = (uint8_t)(after && !m->opens);
        /* The country's possessive is weighed in choose.c, once the issuer is known to
         * be of that country ("Nigeria's Delta region" is no Delta Air Lines). */
        if (!m->place && !m->cue) m->by_country = (uint8_t)country;
        /* Or a competitor's word up to three lower-case words before it ("rival Serco",
         * "rivals such as Lufthansa"), unless the name has its own "'s" ("rival
         * Christie's" is the auction house, not Christie Group plc). Chosen on the
         * dev folds: +6 of 2815 masked, no wrong company more on the gold. */
        if (m->form && !m->cue && !(t[e - 1].flags & TL_TOK_POSS)) m->cue = rival_before(t, i);
    }
}

/* Records the name n as a mention in field; *prev_e is the token after the field's previous
 * name (0: none yet), for lists. Returns -1 when out of memory. */
static int add_mention(tl_linker *L, const scan_field *c, int field, const name_match *n,
                       size_t *prev_e)
{
    const tl_table *T = c->T;
    const char *s = c->s;
    const tl_tok *t = c->t;
    size_t nt = c->nt;
    const tl_alias *a = n->a;
    const tl_slot *best = n->best;
    size_t i = n->i, e = n->e;
    int single = n->single, suffix = n->suffix, tie = n->tie;
    tl_mention *m = tl_new_match(L, M_NAME, field, best, a->issuer, tie, t, i, e);
    if (!m) return -1;
    m->listed = (uint8_t)list_next(s, t, *prev_e, i);
    *prev_e = e;
    m->single = (uint8_t)single;
    m->suffix = (uint8_t)suffix;
    m->curated = a->curated;
    m->word = t[i].h;
    m->word2 = single ? 0 : t[i + 1].h;
    m->nation = nation_before(t, i);
    if (single && !m->nation) m->nation = nation_after(s, t, e, nt);
    /* Outside business news a smaller company's one word needs support too: "Achilles
     * tendon", "at Anfield", "the Balco doping scandal" (link.c). */
    m->weak = ((a->flags & TL_KEY_WEAK) || (!L->business && single && a->curated != 2 &&
                                            T->iss[a->issuer].prior < TL_PRIOR_STRONG_NAME)) &&
              !suffix;
    m->brand = a->curated == 3;
    m->opens = (t[i].flags & TL_TOK_SENT) != 0;
    m->told = (uint8_t)(e < nt && !(t[e].flags & TL_TOK_BREAK) &&
                        tl_word_in(TL_W_CUE_AFTER, t[e].h) && !(t[e - 1].flags & TL_TOK_POSS));
    m->unlisted = (uint8_t)unlisted(t, i, e, nt);
    /* Not for an issuer of TL_PRIOR_DELISTED or less: an older namesake the sources lack
     * is an organization too ("Nortel" of Nortel Networks for Nortel AS). Over-the-counter
     * lines and funds fall below it too: on the seen gold after entity-tag, one wrong
     * company fewer than for delisted lines alone. */
    m->orgable =
        m->brand || (a->curated == 0 && !(a->flags & TL_KEY_SHORT) && !(t[i].flags & TL_TOK_CAPS) &&
                     T->iss[a->issuer].prior > TL_PRIOR_DELISTED);
    /* A one-word name that is no common word, country, nationality or number: the
     * article's context may support it when it is weak (below). */
    weigh_support(m, c, n);
    /* Index and benchmark names ("the MSCI world index", "FTSE 100", "Nikkei") are not
     * their providers: such a name, or any name right before "index", "benchmark" or
     * "futures", links only with a code or the company named in full elsewhere. */
    if (!suffix &&
        ((single && tl_word_in(TL_W_INDEX_PROVIDER, t[i].h)) ||
         (e < nt && !(t[e].flags & TL_TOK_BREAK) && tl_word_in(TL_W_INDEX_WORD, t[e].h)))) {
        m->weak = 1;
        m->cue = 0;
        m->by_country = 0;
        m->orgable = 0;
        m->form = 0;
    }
    return 0;
}

int tl_scan_names(tl_linker *L, int field, const char *s, const tl_zone *z, size_t nz)
{
    const tl_tok *t = L->toks.t;
    scan_field c = {L->table, s, t, L->toks.n, L->toks.n ? t[L->toks.n - 1].b1 : 0};
    size_t prev_e = 0; /* the token after this field's previous name; 0: none yet */
    for (size_t i = 0; i < c.nt; i++) {
        if (t[i].flags & TL_TOK_LOWER) continue;
        name_match n = {0};
        int alt;
        size_t skip, ext, next;
        n.best = match_at(&c, i, &n.end, &alt, &skip);
        if (!n.best) {
            i = skip;
            continue;
        }
        if (tl_in_zone(z, nz, t[i].b0)) {
            i = n.end - 1;
            continue;
        }
        uint32_t ai = pick(c.T, n.best, s, t, i, n.end, alt, L->day, &n.tie);
        if (ai == TL_NONE) continue;
        n.a = &c.T->names.alias[ai];
        n.i = i;
        n.single = n.end - i == 1;
        if (vetoed_by_context(L, &c, i, n.end, n.a, &ext)) {
            i = n.end - 1;
            continue;
        }
        n.e = legal_end(&c, n.end, ext, &n.suffix);
        if (n.single && n.suffix && !ext) agree_form(&c, &n, alt, L->day);
        if (vetoed_by_form(L, &c, &n, &next)) {
            i = next;
            continue;
        }
        if (add_mention(L, &c, field, &n, &prev_e)) return -1;
        i = n.e - 1;
    }
    return 0;
}
