/* The built-in word lists (see words.h). */
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "wordset.h"

typedef struct {
    const char *word;
    unsigned flags;
} legal_form;

static const legal_form legal_forms[] = {
#define TL_LEGAL_FORM(w, f) {w, f},
#include "legal_forms.def"
#undef TL_LEGAL_FORM
};

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

/* Public and academic bodies whose name goes on with "of" and a name ("Department of
 * Housing and Urban Development", "University of Phoenix", "Ministry of Railways"): the name
 * after "of" is theirs, not a listed company's ("Housing and Urban Development" of Housing
 * and Urban Development Corporation Limited, Mumbai). Not titles of people ("President of
 * Apple") nor "Bank of", whose place is often the bank's own name. */
static const char *const bodies[] = {
    "department", "ministry", "secretary", "minister", "university",  "institute",  "college",
    "school",     "museum",   "office",    "bureau",   "agency",      "commission", "committee",
    "council",    "court",    "academy",   "society",  "association", "federation", "chamber"};

/* Capitalized words that may stand right before a one-word company name (and the legal
 * forms marked TL_FORM_BEFORE). */
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
    "our",       "new",       "nyse",         "nasdaq",     "wall",      "street"};

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

/* Trades and roles written right before a company's name ("miner Vale", "rival Serco",
 * "German utility RWE"). The later words ("group" to "brand") are the nouns found at least
 * four times right before a name and its code ("NAME ( RIC )") in the Reuters sample's
 * bodies; not "partner", which also precedes alliances ("partner Renault-Nissan"). */
static const char *const cue_before[] = {
    "rival",      "rivals",       "retailer",    "retailers",    "automaker", "carmaker",
    "maker",      "makers",       "bank",        "lender",       "company",   "firm",
    "giant",      "insurer",      "airline",     "carrier",      "chipmaker", "brewer",
    "miner",      "conglomerate", "producer",    "manufacturer", "operator",  "supplier",
    "subsidiary", "competitor",   "competitors", "peer",         "peers",     "retail",
    "oil",        "discounter",   "chain",       "automakers",   "carmakers", "banks",
    "companies",  "group",        "groups",      "parent",       "leader",    "affiliate",
    "contractor", "utility",      "major",       "provider",     "owner",     "arch-rival",
    "giants",     "brand"};

/* Words that may stand right before a longer company name. */
static const char *const determiners[] = {
    "the", "a",   "an", "and", "or", "but",   "with",   "by",   "of",        "from",
    "to",  "for", "at", "in",  "on", "rival", "rivals", "both", "including", "like"};

/* Countries whose possessive introduces a company ("Brazil's Vale"). */
static const char *const countries[] = {
    "america",  "argentina", "australia", "austria",     "belgium",  "brazil",      "britain",
    "canada",   "chile",     "china",     "colombia",    "denmark",  "egypt",       "england",
    "finland",  "france",    "germany",   "greece",      "india",    "indonesia",   "ireland",
    "israel",   "italy",     "japan",     "korea",       "malaysia", "mexico",      "netherlands",
    "nigeria",  "norway",    "peru",      "philippines", "poland",   "portugal",    "qatar",
    "russia",   "scotland",  "singapore", "spain",       "sweden",   "switzerland", "taiwan",
    "thailand", "turkey",    "uae",       "uk",          "ukraine",  "vietnam",     "holland",
    "kong",     "zealand",   "africa",    "arabia",      "s"};

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

/* Index families whose name is also a company's or a unit's: listed providers (MSCI Inc),
 * exchanges' index arms (FTSE of the LSE, Stoxx of Deutsche Boerse), publishers (Nikkei).
 * No listings file says which names are indexes: this list is written by hand. */
static const char *const index_providers[] = {"msci",  "ftse",  "stoxx",  "nikkei", "russell",
                                              "topix", "kospi", "sensex", "nifty",  "bovespa"};
/* Words after a name that make it an index's ("Hang Seng index", "Dow Jones average"). */
static const char *const index_words[] = {"index",   "indices",  "indexes", "benchmark",
                                          "average", "averages", "futures"};

/* Words before a country or continent that make a region of it, not a company's unit
 * there ("Latin America", "South Africa"). */
static const char *const regions[] = {"latin", "north",   "south", "east",
                                      "west",  "central", "upper", "lower"};
/* Words of an investment firm's name ("Starwood Capital Group LLC", "Berkshire Partners
 * LLC"): such firms often share a first word with a listed company. */
static const char *const firm_words[] = {"partners", "capital",    "advisers",
                                         "advisors", "investment", "equity",
                                         "ventures", "associates", "investments"};
/* Prepositions before a name that a relative clause then follows: "analyst at Gartner,
 * who" is the analyst. */
static const char *const prepositions[] = {"at", "of", "from", "with", "for", "by"};
/* Words that name a large company's unit after its one-word name: "Nomura Securities", "ANZ
 * Bank", "GE Aviation", "Natixis Asset Management". Not "Capital": "Orange Capital LLC",
 * "Diamondback Capital Management" are investment firms of their own. */
static const char *const unit_words[] = {"bank",   "securities", "asset",
                                         "wealth", "aviation",   "energy"};
/* Titles that make the two capitalized words before ", TITLE" a person's name even where
 * they open a sentence ("Takashi Hibino, chief executive of Daiwa Securities"): the surname
 * is that person's wherever it stands alone in the article ("Hibino said"). */
static const char *const title_words[] = {
    "chief",       "ceo",          "cfo",      "chairman",  "chairwoman", "president",
    "executive",   "director",     "head",     "founder",   "co-founder", "spokesman",
    "spokeswoman", "spokesperson", "analyst",  "economist", "strategist", "minister",
    "governor",    "partner",      "manager",  "professor", "deputy",     "secretary",
    "senior",      "vice",         "managing", "general",   "portfolio"};
/* Words of business news. An article with none of them (sport, a film review, a trial) names
 * a small company by its one word rarely, and a tendon, a stadium, a player or a lab
 * ("Achilles", "Anfield", "Vinci", "Balco") often (link.c). */
static const char *const business_words[] = {
    "shares", "share", "stock", "stocks", "shareholder", "shareholders", "investor", "investors",
    "profit", "profits", "revenue", "revenues", "earnings", "company", "companies", "firm", "firms",
    "ceo", "executive", "executives", "subsidiary", "listed", "acquisition", "takeover", "merger",
    "sales", "market", "markets", "business", "businesses", "industry", "customers", "products",
    "manufacturer", "maker", "makers", "brand", "brands", "retailer", "bank", "banks", "economy",
    "trading", "traded", "price", "prices", "operator", "contract",
    /* the trades of cue_before, which name a company's business */
    "retailers", "automaker", "automakers", "carmaker", "carmakers", "chipmaker", "lender",
    "lenders", "insurer", "insurers", "airline", "airlines", "brewer", "miner", "miners",
    "conglomerate", "producer", "producers", "manufacturers", "supplier", "suppliers", "discounter",
    "contractor", "utility", "provider"};
/* A market's move right after an exchange's name: "The Nasdaq fell 0.1 percent" is the index. */
static const char *const move_words[] = {"rose",  "fell",   "gained",  "lost",
                                         "ended", "closed", "slipped", "climbed"};
/* The last word of a stock exchange's name ("Singapore Exchange", "Paris Bourse"). */
static const char *const venue_words[] = {"exchange", "exchanges", "bourse"};
/* An offering to come: "preparing to take Hilton Worldwide public", "Hilton's planned IPO".
 * The company named so is not listed yet (choose.c); "took ... public" is past and not here. */
static const char *const take_words[] = {"take", "takes", "taking"};
static const char *const amp_forms[] = {"co", "cos", "company", "companies"};
static const char *const ipo_ahead_words[] = {"planned",   "proposed", "upcoming",
                                              "expected",  "pending",  "forthcoming",
                                              "potential", "possible", "mooted"};
static const char *const ipo_words[] = {"ipo", "initial", "flotation", "listing"};
/* Words that name a competitor: "rival Serco", "rivals Lloyds and Royal Bank of Scotland",
 * "European rivals Inditex and H&M". */
static const char *const rival_words[] = {"rival", "rivals",     "peer",
                                          "peers", "competitor", "competitors"};

/* Nationality adjectives and country names (folded; the last word of "South Korean", "Hong
 * Kong", "New Zealand"; local spellings: "Brasil") with their ISO 3166 codes: "Swiss private
 * bank Frey", "Canada's Paladin", "Telefonica Brasil", "the UK's Corus". Written by hand;
 * "U.S." is two words, handled by the caller. Not "Wales" ("New South Wales"). */
static const struct {
    const char *word, *iso;
} nations[] = {
    {"american", "US"},    {"america", "US"},     {"british", "GB"},    {"britain", "GB"},
    {"german", "DE"},      {"germany", "DE"},     {"french", "FR"},     {"france", "FR"},
    {"swiss", "CH"},       {"switzerland", "CH"}, {"japanese", "JP"},   {"japan", "JP"},
    {"chinese", "CN"},     {"china", "CN"},       {"korean", "KR"},     {"korea", "KR"},
    {"indian", "IN"},      {"india", "IN"},       {"italian", "IT"},    {"italy", "IT"},
    {"spanish", "ES"},     {"spain", "ES"},       {"dutch", "NL"},      {"netherlands", "NL"},
    {"canadian", "CA"},    {"canada", "CA"},      {"australian", "AU"}, {"australia", "AU"},
    {"brazilian", "BR"},   {"brazil", "BR"},      {"mexican", "MX"},    {"mexico", "MX"},
    {"russian", "RU"},     {"russia", "RU"},      {"swedish", "SE"},    {"sweden", "SE"},
    {"finnish", "FI"},     {"finland", "FI"},     {"norwegian", "NO"},  {"norway", "NO"},
    {"danish", "DK"},      {"denmark", "DK"},     {"irish", "IE"},      {"ireland", "IE"},
    {"belgian", "BE"},     {"belgium", "BE"},     {"austrian", "AT"},   {"austria", "AT"},
    {"israeli", "IL"},     {"israel", "IL"},      {"taiwanese", "TW"},  {"taiwan", "TW"},
    {"singaporean", "SG"}, {"singapore", "SG"},   {"kong", "HK"},       {"indonesian", "ID"},
    {"indonesia", "ID"},   {"malaysian", "MY"},   {"malaysia", "MY"},   {"thai", "TH"},
    {"thailand", "TH"},    {"turkish", "TR"},     {"turkey", "TR"},     {"polish", "PL"},
    {"poland", "PL"},      {"greek", "GR"},       {"greece", "GR"},     {"portuguese", "PT"},
    {"portugal", "PT"},    {"argentine", "AR"},   {"argentina", "AR"},  {"chilean", "CL"},
    {"chile", "CL"},       {"colombian", "CO"},   {"colombia", "CO"},   {"peruvian", "PE"},
    {"peru", "PE"},        {"qatari", "QA"},      {"qatar", "QA"},      {"egyptian", "EG"},
    {"egypt", "EG"},       {"nigerian", "NG"},    {"nigeria", "NG"},    {"vietnamese", "VN"},
    {"vietnam", "VN"},     {"zealand", "NZ"},     {"luxembourg", "LU"}, {"brasil", "BR"},
    {"deutschland", "DE"}, {"espana", "ES"},      {"italia", "IT"},     {"polska", "PL"},
    {"nederland", "NL"},   {"schweiz", "CH"},     {"suisse", "CH"},     {"czech", "CZ"},
    {"uk", "GB"},          {"england", "GB"},     {"english", "GB"},    {"scotland", "GB"},
    {"scottish", "GB"},    {"holland", "NL"},     {"uae", "AE"},        {"emirati", "AE"},
    {"arabia", "SA"},      {"saudi", "SA"},       {"ukraine", "UA"},    {"ukrainian", "UA"},
    {"philippines", "PH"}, {"philippine", "PH"},  {"filipino", "PH"},   {"pakistan", "PK"},
    {"pakistani", "PK"},   {"hungary", "HU"},     {"hungarian", "HU"},  {"romania", "RO"},
    {"romanian", "RO"},    {"kuwait", "KW"},      {"kuwaiti", "KW"},    {"venezuela", "VE"},
    {"venezuelan", "VE"},  {"morocco", "MA"},     {"moroccan", "MA"},   {"kenya", "KE"},
    {"kenyan", "KE"},      {"iran", "IR"},        {"iranian", "IR"},    {"kazakhstan", "KZ"},
    {"kazakh", "KZ"},      {"iceland", "IS"},     {"icelandic", "IS"},  {"cyprus", "CY"},
    {"cypriot", "CY"}};

const char *tl_word_nation(uint64_t h)
{
    static uint64_t hs[sizeof nations / sizeof *nations];
    if (!hs[0])
        for (size_t i = 0; i < sizeof nations / sizeof *nations; i++)
            hs[i] = tl_word_hash(nations[i].word, strlen(nations[i].word));
    for (size_t i = 0; i < sizeof nations / sizeof *nations; i++)
        if (hs[i] == h) return nations[i].iso;
    return NULL;
}

#define WORDS(a) a, sizeof(a) / sizeof(*(a))

static np_wordset sets[TL_W_NLISTS];
static int built;

/* One pool for every list's table: each gets the smallest power of two at least twice its
 * length, so lookups stay short. */
static uint64_t pool[8192];

static int carve(np_wordset *s, size_t *used, size_t n)
{
    size_t cap = 4;
    while (cap < 2 * n) cap *= 2;
    if (*used + cap > sizeof pool / sizeof *pool) return -1;
    np_wordset_init_fixed(s, pool + *used, cap);
    *used += cap;
    return 0;
}

static int add_list(size_t *used, tl_wordlist l, const char *const *w, size_t n, size_t extra)
{
    if (carve(&sets[l], used, n + extra)) return -1;
    return np_wordset_add_words(&sets[l], w, n, tl_word_hash);
}

/* The legal forms with any of the flags, into set l (carved already). */
static int add_forms(tl_wordlist l, unsigned flags)
{
    for (size_t i = 0; i < sizeof legal_forms / sizeof *legal_forms; i++)
        if ((legal_forms[i].flags & flags) &&
            np_wordset_add(&sets[l],
                           tl_word_hash(legal_forms[i].word, strlen(legal_forms[i].word))))
            return -1;
    return 0;
}

int tl_words_init(void)
{
    if (built) return 0;
    size_t used = 0, nf = sizeof legal_forms / sizeof *legal_forms;
    if (carve(&sets[TL_W_LEGAL], &used, nf) || add_forms(TL_W_LEGAL, TL_FORM_WORD) ||
        carve(&sets[TL_W_GROUP], &used, nf) || add_forms(TL_W_GROUP, TL_FORM_GROUP) ||
        carve(&sets[TL_W_DOTTED], &used, nf) || add_forms(TL_W_DOTTED, TL_FORM_DOTTED) ||
        add_list(&used, TL_W_COMMON, WORDS(common_words), 0) ||
        add_list(&used, TL_W_CONNECTOR, WORDS(connectors), 0) ||
        add_list(&used, TL_W_INSTITUTION, WORDS(institutions), 0) ||
        add_list(&used, TL_W_BEFORE_OK, WORDS(before_ok), nf) ||
        add_forms(TL_W_BEFORE_OK, TL_FORM_BEFORE) ||
        add_list(&used, TL_W_AFTER_OK, WORDS(after_ok), 0) ||
        add_list(&used, TL_W_CUE_AFTER, WORDS(cue_after), 0) ||
        add_list(&used, TL_W_CUE_BEFORE, WORDS(cue_before), 0) ||
        add_list(&used, TL_W_DETERMINER, WORDS(determiners), 0) ||
        add_list(&used, TL_W_COUNTRY, WORDS(countries), 0) ||
        add_list(&used, TL_W_INDEX_PROVIDER, WORDS(index_providers), 0) ||
        add_list(&used, TL_W_INDEX_WORD, WORDS(index_words), 0) ||
        add_list(&used, TL_W_REGION, WORDS(regions), 0) ||
        add_list(&used, TL_W_FIRM, WORDS(firm_words), 0) ||
        add_list(&used, TL_W_PREPOSITION, WORDS(prepositions), 0) ||
        add_list(&used, TL_W_RIVAL, WORDS(rival_words), 0) ||
        add_list(&used, TL_W_UNIT, WORDS(unit_words), 0) ||
        add_list(&used, TL_W_TITLE, WORDS(title_words), 0) ||
        add_list(&used, TL_W_BUSINESS, WORDS(business_words), 0) ||
        add_list(&used, TL_W_MOVE, WORDS(move_words), 0) ||
        add_list(&used, TL_W_VENUE, WORDS(venue_words), 0) ||
        add_list(&used, TL_W_TAKE, WORDS(take_words), 0) ||
        add_list(&used, TL_W_IPO_AHEAD, WORDS(ipo_ahead_words), 0) ||
        add_list(&used, TL_W_IPO, WORDS(ipo_words), 0) ||
        add_list(&used, TL_W_BODY, WORDS(bodies), 0) ||
        add_list(&used, TL_W_AMP_FORM, WORDS(amp_forms), 0))
        return -1;
    built = 1;
    return 0;
}

int tl_word_in(tl_wordlist list, uint64_t h)
{
    /* The lists are constants of this file: a failure here is a programming error that the
     * unit test catches, not a condition of the input. */
    if (!built && tl_words_init()) {
        fputs("newspipe-ticker-link: internal error: a word list overfills its table\n", stderr);
        abort();
    }
    return np_wordset_has(&sets[list], h);
}
