/* Name normalization and the word lists that go with it (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>

/* Legal forms dropped from the end of a name (folded, one word each). */
static const char *const legal_words[] = {
    "inc", "incorporated", "corp", "corporation", "co",  "cos",  "company", "companies",
    "ltd", "limited",      "plc",  "llc",         "lp",  "llp",  "ag",      "sa",
    "nv",  "se",           "spa",  "sab",         "cv",  "kgaa", "gmbh",    "asa",
    "as",  "ab",           "publ", "oyj",         "oy",  "kk",   "bhd",     "berhad",
    "tbk", "pcl",          "pjsc", "jsc",         "oao", "ojsc", "pao",     "ltda",
    "sae", "bv",           "srl",  "saa",         "sca", "scs",  "sae",     "nl",
    "ad",  "dd",           "hf",   "adr",         "ads", "reit", "new",
};
/* Words dropped for the short form, and accepted after a name in text. */
static const char *const group_words[] = {
    "holdings", "holding", "hldgs", "group", "groupe", "groep", "gruppe", "grupo", "gruppo",
};
/* Letter sequences written with dots ("S.A.", "N.V.", "S.p.A.") that are legal forms. */
static const char *const dotted_forms[] = {
    "sa",  "nv",  "spa", "ag",  "as", "plc", "lp", "se",  "bv",  "ab", "kk",
    "llc", "sab", "sae", "inc", "co", "ltd", "cv", "sca", "oao", "pt", "tbk",
};

/* Common words, places, nationalities and news acronyms (folded). A company whose whole
 * name is one of these is linked only with supporting evidence. */
static const char *const common_words[] = {
    "a",
    "about",
    "access",
    "act",
    "action",
    "active",
    "advance",
    "advanced",
    "africa",
    "african",
    "after",
    "again",
    "against",
    "age",
    "agency",
    "air",
    "alliance",
    "allied",
    "alpha",
    "alphabet",
    "amazon",
    "america",
    "american",
    "americas",
    "an",
    "anchor",
    "and",
    "angel",
    "apple",
    "applied",
    "april",
    "arch",
    "arctic",
    "are",
    "argentina",
    "arizona",
    "arrow",
    "art",
    "asia",
    "asian",
    "aspen",
    "at",
    "atlantic",
    "atlas",
    "august",
    "australia",
    "australian",
    "austria",
    "aviation",
    "avenue",
    "b",
    "ball",
    "bancorp",
    "bank",
    "banks",
    "bar",
    "base",
    "basic",
    "bay",
    "beacon",
    "bear",
    "bell",
    "best",
    "beyond",
    "big",
    "black",
    "blackstone",
    "block",
    "blue",
    "board",
    "bond",
    "boston",
    "box",
    "brazil",
    "brazilian",
    "brick",
    "bridge",
    "british",
    "brown",
    "bull",
    "business",
    "by",
    "c",
    "california",
    "can",
    "canada",
    "canadian",
    "capital",
    "card",
    "care",
    "carnival",
    "carrier",
    "cash",
    "castle",
    "cat",
    "ceo",
    "center",
    "central",
    "century",
    "cfo",
    "chain",
    "champion",
    "chase",
    "check",
    "chicago",
    "chile",
    "china",
    "chinese",
    "choice",
    "circle",
    "citizens",
    "city",
    "civil",
    "clean",
    "clear",
    "cloud",
    "coast",
    "colombia",
    "colorado",
    "commerce",
    "commercial",
    "common",
    "community",
    "compass",
    "congress",
    "connect",
    "consumer",
    "continental",
    "core",
    "corporate",
    "cost",
    "council",
    "country",
    "court",
    "cross",
    "crown",
    "crystal",
    "cube",
    "cyprus",
    "d",
    "daily",
    "data",
    "day",
    "december",
    "delta",
    "democrat",
    "denmark",
    "design",
    "digital",
    "direct",
    "discovery",
    "dish",
    "dollar",
    "dominion",
    "dow",
    "dragon",
    "dream",
    "dutch",
    "e",
    "eagle",
    "early",
    "earth",
    "east",
    "eastern",
    "echo",
    "ecb",
    "edge",
    "egypt",
    "electric",
    "element",
    "elevate",
    "empire",
    "energy",
    "england",
    "enterprise",
    "enterprises",
    "equity",
    "essential",
    "ethos",
    "etf",
    "eu",
    "euro",
    "europe",
    "european",
    "evolution",
    "exchange",
    "expedition",
    "express",
    "f",
    "fair",
    "faith",
    "falcon",
    "family",
    "farmer",
    "farmers",
    "fast",
    "february",
    "fed",
    "federal",
    "fidelity",
    "fifth",
    "finance",
    "financial",
    "first",
    "fiscal",
    "five",
    "flag",
    "florida",
    "focus",
    "for",
    "force",
    "ford",
    "forward",
    "foundation",
    "four",
    "fox",
    "france",
    "freedom",
    "french",
    "friday",
    "frontier",
    "fund",
    "future",
    "g",
    "g20",
    "g7",
    "gap",
    "gas",
    "gdp",
    "gem",
    "general",
    "genesis",
    "georgia",
    "german",
    "germany",
    "global",
    "go",
    "gold",
    "golden",
    "good",
    "government",
    "grand",
    "great",
    "greece",
    "greek",
    "green",
    "growth",
    "guardian",
    "gulf",
    "h",
    "harbor",
    "harmony",
    "health",
    "heart",
    "heritage",
    "high",
    "home",
    "hong",
    "horizon",
    "hospital",
    "house",
    "hub",
    "hunt",
    "i",
    "idea",
    "ideal",
    "image",
    "imf",
    "impact",
    "in",
    "income",
    "independence",
    "independent",
    "india",
    "indian",
    "indonesia",
    "industrial",
    "industries",
    "infrastructure",
    "innovation",
    "insight",
    "institute",
    "insurance",
    "integrity",
    "intelligence",
    "international",
    "internet",
    "invest",
    "investment",
    "investor",
    "investors",
    "ipo",
    "iran",
    "iraq",
    "ireland",
    "irish",
    "island",
    "israel",
    "it",
    "italian",
    "italy",
    "j",
    "january",
    "japan",
    "japanese",
    "jordan",
    "journal",
    "july",
    "june",
    "justice",
    "k",
    "key",
    "king",
    "korea",
    "korean",
    "l",
    "labor",
    "labour",
    "lake",
    "land",
    "legacy",
    "liberty",
    "life",
    "light",
    "lincoln",
    "link",
    "lion",
    "live",
    "london",
    "london",
    "loop",
    "lotus",
    "m",
    "magnet",
    "main",
    "man",
    "march",
    "marathon",
    "marine",
    "market",
    "markets",
    "match",
    "matrix",
    "may",
    "media",
    "medical",
    "meta",
    "metro",
    "mexico",
    "mexican",
    "middle",
    "midwest",
    "millennium",
    "minister",
    "mission",
    "modern",
    "monday",
    "money",
    "monitor",
    "monument",
    "motor",
    "motors",
    "mountain",
    "n",
    "nation",
    "national",
    "natural",
    "net",
    "network",
    "new",
    "news",
    "next",
    "nexus",
    "nigeria",
    "noble",
    "north",
    "northern",
    "norway",
    "november",
    "now",
    "o",
    "oak",
    "ocean",
    "october",
    "office",
    "oil",
    "on",
    "one",
    "open",
    "opec",
    "opportunity",
    "optimum",
    "orange",
    "orbit",
    "origin",
    "out",
    "p",
    "pacific",
    "pakistan",
    "panama",
    "paragon",
    "paris",
    "park",
    "partners",
    "peak",
    "people",
    "peoples",
    "peru",
    "phoenix",
    "pilgrim",
    "pinnacle",
    "pioneer",
    "planet",
    "platinum",
    "plaza",
    "point",
    "polar",
    "police",
    "portugal",
    "post",
    "power",
    "premier",
    "president",
    "prime",
    "pro",
    "profit",
    "progress",
    "progressive",
    "property",
    "prospect",
    "prudential",
    "public",
    "pulse",
    "pure",
    "q",
    "quest",
    "r",
    "radius",
    "rain",
    "range",
    "rapid",
    "real",
    "regional",
    "reliance",
    "republic",
    "research",
    "resource",
    "resources",
    "rise",
    "river",
    "road",
    "rock",
    "royal",
    "russia",
    "russian",
    "s",
    "safe",
    "safety",
    "saturday",
    "saudi",
    "savings",
    "science",
    "scotland",
    "sea",
    "sec",
    "secure",
    "security",
    "select",
    "september",
    "service",
    "services",
    "seven",
    "shell",
    "shield",
    "sierra",
    "signal",
    "silver",
    "simply",
    "singapore",
    "sky",
    "smart",
    "snap",
    "so",
    "social",
    "solar",
    "south",
    "southern",
    "southwest",
    "spain",
    "spanish",
    "spark",
    "sphere",
    "spirit",
    "sport",
    "sprint",
    "square",
    "standard",
    "star",
    "state",
    "steel",
    "sterling",
    "stone",
    "strategic",
    "street",
    "summit",
    "sun",
    "sunday",
    "sunrise",
    "superior",
    "supreme",
    "sweden",
    "swiss",
    "switzerland",
    "synergy",
    "system",
    "systems",
    "t",
    "taiwan",
    "talent",
    "target",
    "team",
    "tech",
    "technology",
    "texas",
    "the",
    "thursday",
    "tiger",
    "time",
    "titan",
    "today",
    "total",
    "tower",
    "trade",
    "trust",
    "tuesday",
    "turkey",
    "turkish",
    "two",
    "u",
    "uk",
    "ukraine",
    "un",
    "union",
    "united",
    "unity",
    "universal",
    "up",
    "urban",
    "us",
    "usa",
    "v",
    "valley",
    "value",
    "vanguard",
    "venture",
    "victory",
    "view",
    "visa",
    "vision",
    "vista",
    "vital",
    "w",
    "wall",
    "washington",
    "water",
    "wave",
    "way",
    "wednesday",
    "well",
    "west",
    "western",
    "white",
    "wind",
    "wing",
    "wisdom",
    "world",
    "x",
    "y",
    "yes",
    "york",
    "you",
    "z",
    "zero",
    "zone",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A small open-addressing set of word hashes, built once on first use. The program is
 * single-threaded (one filter per process), so lazy construction is safe. */
typedef struct {
    uint64_t slot[2048];
    int built;
} word_set;

static void set_add(word_set *ws, uint64_t h)
{
    size_t mask = COUNT(ws->slot) - 1, i = h & mask;
    while (ws->slot[i] && ws->slot[i] != h) i = (i + 1) & mask;
    ws->slot[i] = h;
}

static int set_has(const word_set *ws, uint64_t h)
{
    size_t mask = COUNT(ws->slot) - 1, i = h & mask;
    while (ws->slot[i]) {
        if (ws->slot[i] == h) return 1;
        i = (i + 1) & mask;
    }
    return 0;
}

static void build(word_set *ws, const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++) set_add(ws, tl_word_hash(w[i], strlen(w[i])));
    ws->built = 1;
}

static word_set common_set, legal_set, group_set, dotted_set;

int tl_is_common_word(uint64_t h)
{
    if (!common_set.built) build(&common_set, common_words, COUNT(common_words));
    return set_has(&common_set, h);
}

static int is_legal_only(uint64_t h)
{
    if (!legal_set.built) build(&legal_set, legal_words, COUNT(legal_words));
    return set_has(&legal_set, h);
}

static int is_group(uint64_t h)
{
    if (!group_set.built) build(&group_set, group_words, COUNT(group_words));
    return set_has(&group_set, h);
}

int tl_is_legal_word(uint64_t h)
{
    return is_legal_only(h) || is_group(h);
}

/* Drops trailing legal forms (words, dotted letter runs such as "S.A.", "& Co") from
 * t[0..*n); s is the name the tokens point into. */
static void strip_legal(const char *s, const tl_tok *t, size_t *n)
{
    if (!dotted_set.built) build(&dotted_set, dotted_forms, COUNT(dotted_forms));
    static uint64_t public_h;
    if (!public_h) public_h = tl_word_hash("public", 6);
    int stripped = 0;
    for (;;) {
        size_t k = *n;
        if (k <= 1) return;
        /* "Public" before a legal form is part of it: "Vodafone Group Public Limited
         * Company" is "Vodafone Group Plc", "PTT Public Company Limited" is PTT. */
        if (is_legal_only(t[k - 1].h) || (t[k - 1].flags & TL_TOK_AMP) ||
            (stripped && t[k - 1].h == public_h)) {
            *n = k - 1;
            stripped = 1;
            continue;
        }
        if (t[k - 1].len != 1) return;
        size_t j = k - 1;
        while (j > 0 && t[j - 1].len == 1 && (t[j].flags & TL_TOK_GLUE)) j--;
        if (j == 0 || k - j < 2 || k - j > 8) return;
        char letters[8];
        for (size_t i = j; i < k; i++) letters[i - j] = (char)(s[t[i].b0] | 0x20);
        if (!set_has(&dotted_set, tl_word_hash(letters, k - j))) return;
        *n = j;
    }
}

static void fill_key(const tl_tok *t, size_t n, tl_name_key *k, uint8_t flags)
{
    k->key = TL_KEY_SEED;
    for (size_t i = 0; i < n; i++) {
        k->key = tl_key_step(k->key, t[i].h);
        k->words[i] = t[i].h;
        k->raw0[i] = t[i].b0;
        k->raw1[i] = t[i].b1;
    }
    k->nwords = (uint8_t)n;
    k->len = t[0].len;
    k->flags = flags;
    /* A one-word name is weak unless a curated alias says otherwise ("+Boeing"): surnames,
     * places and common words make one-word matches unreliable, and news copy names a
     * company in full ("Nokia Oyj", "Target Corp") before it shortens it. */
    if (n == 1) k->flags |= TL_KEY_WEAK;
}

int tl_name_keys(const char *s, size_t n, tl_toks *toks, tl_name_key out[2])
{
    if (tl_tokenize(s, n, toks)) return -1;
    const tl_tok *t = toks->t;
    size_t b = 0, e = toks->n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    if (e > 0 && t[0].h == the_h) b = 1;
    /* Cut at the first comma, parenthesis or the like after a word: "Meta Platforms, Inc.",
     * "X (Class A)"; a full stop does not cut ("Dr. Reddy's", "Mr. Cooper"). */
    for (size_t i = b + 1; i < e; i++) {
        if (!(t[i].flags & TL_TOK_BREAK)) continue;
        int cut = 0;
        for (uint32_t k = t[i - 1].b1; k < t[i].b0 && !cut; k++)
            cut = s[k] != '.' && s[k] != ' ' && s[k] != '\'' && s[k] != '-';
        if (cut) {
            e = i;
            break;
        }
    }
    if (e <= b) return 0;
    size_t m = e - b;
    strip_legal(s, t + b, &m);
    if (m == 0 || m > TL_NAME_MAX_WORDS) return 0;
    /* A name cut short at a connector ("The Bank of") is not a name. */
    static uint64_t of_h, and_h, de_h;
    if (!of_h) {
        of_h = tl_word_hash("of", 2);
        and_h = tl_word_hash("and", 3);
        de_h = tl_word_hash("de", 2);
    }
    uint64_t last = t[b + m - 1].h;
    if (m > 1 && (last == of_h || last == and_h || last == de_h || last == the_h)) return 0;
    int nk = 0;
    fill_key(t + b, m, &out[nk++], 0);
    size_t m2 = m;
    while (m2 > 1 && is_group(t[b + m2 - 1].h)) {
        m2--;
        strip_legal(s, t + b, &m2);
    }
    if (m2 < m && m2 > 0) fill_key(t + b, m2, &out[nk++], TL_KEY_SHORT);
    return nk;
}
