/* Sorted word lists and the possessive test (see wordlist.h). */
#include "wordlist.h"

#include <string.h>

int etag_word_in(const char *s, const np_token *w, const char *const *words, size_t n)
{
    const char *t = s + w->start;
    size_t len = w->end - w->start, lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, dl = strlen(words[mid]);
        int c = memcmp(t, words[mid], len < dl ? len : dl);
        if (!c) c = (len > dl) - (len < dl);
        if (!c) return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

size_t etag_possessive_at(const char *s, size_t len, size_t i)
{
    if (i + 2 <= len && s[i] == '\'' && s[i + 1] == 's') return 2;
    if (i + 4 <= len && memcmp(s + i, "\xe2\x80\x99s", 4) == 0) return 4;
    return 0;
}
