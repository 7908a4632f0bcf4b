/* Porter stemmer, written from the algorithm's description in M.F. Porter, "An algorithm for
 * suffix stripping", Program 14(3), 1980: steps 1a..5b, each rule list tried in order and
 * only the first suffix that matches considered (the condition then decides whether it
 * applies). Original rules: "abli" -> "able" in step 2 and no "logi" rule. */
#include "porter.h"

#include <string.h>

typedef struct {
    char *b;  /* the word */
    size_t k; /* length of the word as it stands */
    size_t j; /* length of the stem before a matched suffix */
} stem;

/* Is b[i] a consonant? "y" is one unless a consonant precedes it. */
static int cons(const stem *z, size_t i)
{
    switch (z->b[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u': return 0;
    case 'y': return i == 0 ? 1 : !cons(z, i - 1);
    default: return 1;
    }
}

/* The measure m of b[0..len): the number of VC sequences in [C](VC)^m[V]. */
static int measure(const stem *z, size_t len)
{
    size_t i = 0;
    int m = 0;
    while (i < len && cons(z, i)) i++;
    while (i < len) {
        while (i < len && !cons(z, i)) i++;
        if (i >= len) break;
        while (i < len && cons(z, i)) i++;
        m++;
    }
    return m;
}

/* *v*: b[0..len) contains a vowel. */
static int has_vowel(const stem *z, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!cons(z, i)) return 1;
    return 0;
}

/* *d: b[0..len) ends with a double consonant. */
static int double_cons(const stem *z, size_t len)
{
    return len >= 2 && z->b[len - 1] == z->b[len - 2] && cons(z, len - 1);
}

/* *o: b[0..len) ends consonant-vowel-consonant, the last not w, x or y. */
static int cvc(const stem *z, size_t len)
{
    if (len < 3 || !cons(z, len - 1) || cons(z, len - 2) || !cons(z, len - 3)) return 0;
    char c = z->b[len - 1];
    return c != 'w' && c != 'x' && c != 'y';
}

/* Does the word end with suffix s? Sets j to the stem length when it does. */
static int ends(stem *z, const char *s)
{
    size_t n = strlen(s);
    if (n > z->k || memcmp(z->b + z->k - n, s, n) != 0) return 0;
    z->j = z->k - n;
    return 1;
}

/* Replaces the suffix after the stem (b[j..k)) with s. */
static void set_to(stem *z, const char *s)
{
    size_t n = strlen(s);
    memcpy(z->b + z->j, s, n);
    z->k = z->j + n;
}

/* A rule list: suffix -> replacement, applied when measure(stem) > min_m. */
typedef struct {
    const char *suffix, *repl;
} rule;

/* Applies the first rule whose suffix matches, if the stem's measure exceeds min_m. */
static void apply_rules(stem *z, const rule *rules, int min_m)
{
    for (; rules->suffix; rules++) {
        if (!ends(z, rules->suffix)) continue;
        if (measure(z, z->j) > min_m) set_to(z, rules->repl);
        return;
    }
}

static void step1ab(stem *z)
{
    if (z->b[z->k - 1] == 's') {
        if (ends(z, "sses"))
            z->k -= 2;
        else if (ends(z, "ies"))
            set_to(z, "i");
        else if (z->k >= 2 && z->b[z->k - 2] != 's')
            z->k--;
    }
    if (ends(z, "eed")) {
        if (measure(z, z->j) > 0) z->k--;
        return;
    }
    if (!((ends(z, "ed") || ends(z, "ing")) && has_vowel(z, z->j))) return;
    z->k = z->j;
    if (ends(z, "at")) {
        set_to(z, "ate");
    } else if (ends(z, "bl")) {
        set_to(z, "ble");
    } else if (ends(z, "iz")) {
        set_to(z, "ize");
    } else if (double_cons(z, z->k)) {
        char c = z->b[z->k - 1];
        if (c != 'l' && c != 's' && c != 'z') z->k--;
    } else if (measure(z, z->k) == 1 && cvc(z, z->k)) {
        z->j = z->k;
        set_to(z, "e");
    }
}

static void step1c(stem *z)
{
    if (ends(z, "y") && has_vowel(z, z->j)) z->b[z->k - 1] = 'i';
}

static void step2(stem *z)
{
    static const rule rules[] = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},
        {"izer", "ize"},    {"abli", "able"},   {"alli", "al"},     {"entli", "ent"},
        {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
        {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},   {"biliti", "ble"},
        {NULL, NULL},
    };
    apply_rules(z, rules, 0);
}

static void step3(stem *z)
{
    static const rule rules[] = {
        {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
        {"ical", "ic"},  {"ful", ""},   {"ness", ""},    {NULL, NULL},
    };
    apply_rules(z, rules, 0);
}

static void step4(stem *z)
{
    static const char *const suffixes[] = {
        "al",  "ance", "ence", "er",  "ic",  "able", "ible", "ant", "ement", "ment",
        "ent", "ion",  "ou",   "ism", "ate", "iti",  "ous",  "ive", "ize",   NULL,
    };
    /* In this order the first suffix that matches is the longest that can ("ement" before
     * "ment" before "ent"); only it is considered. */
    for (int i = 0; suffixes[i]; i++) {
        if (!ends(z, suffixes[i])) continue;
        if (measure(z, z->j) <= 1) return;
        if (strcmp(suffixes[i], "ion") == 0 && !(z->b[z->j - 1] == 's' || z->b[z->j - 1] == 't'))
            return;
        z->k = z->j;
        return;
    }
}

static void step5(stem *z)
{
    if (z->b[z->k - 1] == 'e') {
        int m = measure(z, z->k - 1);
        if (m > 1 || (m == 1 && !cvc(z, z->k - 1))) z->k--;
    }
    if (z->b[z->k - 1] == 'l' && double_cons(z, z->k) && measure(z, z->k) > 1) z->k--;
}

size_t summ_porter_stem(char *w, size_t n)
{
    if (n <= 2) return n;
    stem z = {w, n, 0};
    step1ab(&z);
    if (z.k == 0) return 0;
    step1c(&z);
    step2(&z);
    step3(&z);
    step4(&z);
    step5(&z);
    return z.k;
}
