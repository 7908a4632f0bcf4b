/* Holidays' and awards' names as MISC (see miscnames.h): one pass over the tokens, a token's
 * text compared with the list only when its first byte opens one of the names. */
#include "miscnames.h"

#include <string.h>

#include "labels.h"

/* Longest first where one name opens another ("Christmas Day" before "Christmas"). Not
 * "Lent", a verb's past at a sentence's start; not "Bafta" alone, the academy as often as its
 * award; not "Tony" alone; not "Oscar" alone, a first name ("Commander Oscar" in eng.train,
 * Chelsea's "Oscar"), which eng.testa also writes PER for the award ("nominated for an
 * Oscar"): the plural "Oscars" is MISC. */
static const char *const names[] = {
    "Academy Awards",
    "Academy Award",
    "Ballon d'Or",
    "Booker Prize",
    "Brit Awards",
    "Emmys",
    "Emmy",
    "Golden Globes",
    "Golden Globe",
    "Grammys",
    "Grammy",
    "Man Booker Prize",
    "Mercury Prize",
    "Nobel Peace Prize",
    "Nobel Prize",
    "Nobel",
    "Olivier Awards",
    "Oscars",
    "Palme d'Or",
    "Pulitzer Prize",
    "Pulitzer",
    "Tony Awards",
    "Tony Award",
    "Turner Prize",
    "Anzac Day",
    "Australia Day",
    "Bastille Day",
    "Black Friday",
    "Bonfire Night",
    "Boxing Day",
    "Canada Day",
    "Chinese New Year",
    "Christmas Day",
    "Christmas Eve",
    "Christmas",
    "Columbus Day",
    "Cyber Monday",
    "Diwali",
    "Easter Sunday",
    "Easter Monday",
    "Easter",
    "Eid al-Adha",
    "Eid al-Fitr",
    "Eid",
    "Father's Day",
    "Good Friday",
    "Guy Fawkes Night",
    "Halloween",
    "Hanukkah",
    "Hogmanay",
    "Independence Day",
    "Labor Day",
    "Labour Day",
    "Lunar New Year",
    "Mardi Gras",
    "Memorial Day",
    "Mother's Day",
    "New Year's Day",
    "New Year's Eve",
    "Passover",
    "Presidents Day",
    "Ramadan",
    "Remembrance Day",
    "Remembrance Sunday",
    "Rosh Hashanah",
    "St Patrick's Day",
    "St. Patrick's Day",
    "Thanksgiving Day",
    "Thanksgiving",
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
    for (size_t i = 0; i < n; i++) {
        char c = s[tk[i].start];
        if (c < 'A' || c > 'Z') continue;
        for (size_t h = 0; h < sizeof names / sizeof *names; h++) {
            if (names[h][0] != c) continue;
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
