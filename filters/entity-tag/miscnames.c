/* Holidays', awards', eras' and events' names as MISC (see miscnames.h): one pass over the tokens,
 * a capitalized token's text compared only with the names of its first two letters. */
#include "miscnames.h"

#include <string.h>

#include "labels.h"

/* Sorted (the index below reads them by first letter), a name before any that opens it
 * ("Christmas Day" and "Christmas Eve" before "Christmas"). Not "Lent", a verb's past at a
 * sentence's start; not "Bafta" alone, the academy as often as its award; not "Tony" alone;
 * not "Oscar" alone, a first name ("Commander Oscar" in eng.train, Chelsea's "Oscar"), which
 * eng.testa also writes PER for the award ("nominated for an Oscar"): the plural "Oscars" is
 * MISC. */
static const char *const names[] = {
    "Academy Awards",
    "Academy Award",
    "Anzac Day",
    "Arab Spring",
    "Australia Day",
    "Ballon d'Or",
    "Bastille Day",
    "Black Friday",
    "Bonfire Night",
    "Booker Prize",
    "Boxing Day",
    "Brexit",
    "Brit Awards",
    "Canada Day",
    "Chinese New Year",
    "Christmas Day",
    "Christmas Eve",
    "Christmas",
    "Columbus Day",
    "Cyber Monday",
    "Diwali",
    "Easter Monday",
    "Easter Sunday",
    "Easter",
    "Eid al-Adha",
    "Eid al-Fitr",
    "Eid",
    "Emmys",
    "Emmy",
    "Father's Day",
    "Golden Globes",
    "Golden Globe",
    "Good Friday",
    "Grammys",
    "Grammy",
    "Great Depression",
    "Great Recession",
    "Guy Fawkes Night",
    "Halloween",
    "Hanukkah",
    "Hogmanay",
    "Independence Day",
    "Labor Day",
    "Labour Day",
    "Lunar New Year",
    "Man Booker Prize",
    "Mardi Gras",
    "Memorial Day",
    "Mercury Prize",
    "Mother's Day",
    "New Year's Day",
    "New Year's Eve",
    "Nobel Peace Prize",
    "Nobel Prize",
    "Nobel",
    "Olivier Awards",
    "Oscars",
    "Palme d'Or",
    "Passover",
    "Presidents Day",
    "Pulitzer Prize",
    "Pulitzer",
    "Ramadan",
    "Remembrance Day",
    "Remembrance Sunday",
    "Rosh Hashanah",
    "St Patrick's Day",
    "St. Patrick's Day",
    "Thanksgiving Day",
    "Thanksgiving",
    "Tony Awards",
    "Tony Award",
    "Turner Prize",
    "Valentine's Day",
    "Veterans Day",
    "Yom Kippur",
};

/* The index one past the last token of name h when the text at token i is h, ending on a
 * token's end; else 0. */
static size_t match_at(const char *s, const np_token *tk, size_t n, size_t i, const char *h)
{
    size_t hl = strlen(h), a = tk[i].start;
    if (memcmp(s + a, h, tk[i].end - a < hl ? tk[i].end - a : hl) != 0) return 0;
    for (size_t j = i; j < n; j++) {
        if (tk[j].end - a > hl) return 0;
        if (tk[j].end - a == hl) return memcmp(s + a, h, hl) == 0 ? j + 1 : 0;
    }
    return 0;
}

/* Whether no entity crosses the bounds of tokens [i, e): the first does not continue one
 * from before it, the last does not go on after it ("Black" MISC of "Black Friday" is inside;
 * "Father Christmas" PER and "Christmas Island" LOC are not). */
static int within(const uint8_t *labels, size_t i, size_t e)
{
    int first = etag_label_part(labels[i]), last = etag_label_part(labels[e - 1]);
    return first != ETAG_I && first != ETAG_L && last != ETAG_B && last != ETAG_I;
}

/* Whether the text's word tk[i] opens or ends a PER of two tokens or more in labels[0..n):
 * a name of the article's person ("Jerryl Christmas", then "Christmas said"). */
static int person_word(const char *s, const np_token *tk, size_t n, const uint8_t *labels, size_t i)
{
    size_t len = tk[i].end - tk[i].start;
    for (size_t k = 0; k < n; k++)
        if ((labels[k] == etag_label(ETAG_PER, ETAG_L) ||
             labels[k] == etag_label(ETAG_PER, ETAG_B)) &&
            tk[k].end - tk[k].start == len && memcmp(s + tk[k].start, s + tk[i].start, len) == 0)
            return 1;
    return 0;
}

void etag_named_misc(const char *s, const np_token *tk, size_t n, uint8_t *labels)
{
    /* the first name of each capital (past the end where none) */
    static size_t first[26];
    static int ready;
    if (!ready) {
        for (int c = 0; c < 26; c++) {
            size_t h = 0;
            while (h < sizeof names / sizeof *names && names[h][0] != 'A' + c) h++;
            first[c] = h;
        }
        ready = 1;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[tk[i].start];
        if (c < 'A' || c > 'Z' || tk[i].end - tk[i].start < 2) continue; /* every name has 3+ */
        char c2 = s[tk[i].start + 1];
        for (size_t h = first[c - 'A']; h < sizeof names / sizeof *names && names[h][0] == c; h++) {
            if (names[h][1] != c2) continue;
            size_t e = match_at(s, tk, n, i, names[h]);
            if (!e) continue;
            /* "Christmas Island", "Good Friday Agreement": another name */
            if (e < n && s[tk[e].start] >= 'A' && s[tk[e].start] <= 'Z' &&
                tk[e].start == tk[e - 1].end + 1)
                break;
            if (!within(labels, i, e) || (e - i == 1 && person_word(s, tk, n, labels, i))) break;
            if (e - i == 1) {
                labels[i] = (uint8_t)etag_label(ETAG_MISC, ETAG_U);
            } else {
                labels[i] = (uint8_t)etag_label(ETAG_MISC, ETAG_B);
                for (size_t k = i + 1; k + 1 < e; k++)
                    labels[k] = (uint8_t)etag_label(ETAG_MISC, ETAG_I);
                labels[e - 1] = (uint8_t)etag_label(ETAG_MISC, ETAG_L);
            }
            i = e - 1;
            break;
        }
    }
}

int etag_named_misc_text(const char *w, size_t len)
{
    for (size_t h = 0; h < sizeof names / sizeof *names; h++)
        if (strlen(names[h]) == len && memcmp(names[h], w, len) == 0) return 1;
    return 0;
}
