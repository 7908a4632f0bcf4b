/* Clubs in parentheses after players' names (see teams.h): two passes over a field's spans,
 * one counting clubs and nations in the pattern, one retyping. */
#include "teams.h"

#include "feature.h"
#include "labels.h"

/* Whether span b stands alone in parentheses right after span a, a PER: "A (B)", "A ( B )". */
static int in_parens_after(const char *s, size_t len, const np_token *tk, const etag_span *a,
                           const etag_span *b)
{
    if (a->type != ETAG_PER || a->cut || b->cut) return 0;
    size_t e = tk[a->first + a->n - 1].end, p = tk[b->first].start;
    size_t q = tk[b->first + b->n - 1].end;
    if (!((p == e + 2 && s[e] == ' ' && s[e + 1] == '(') ||
          (p == e + 3 && s[e] == ' ' && s[e + 1] == '(' && s[e + 2] == ' ')))
        return 0;
    if (q < len && s[q] == ')') return 1;
    return q + 1 < len && s[q] == ' ' && s[q + 1] == ')';
}

void etag_player_teams(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                       const np_token *tk, etag_span *ms, size_t nm)
{
    const uint32_t places = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_REGION);
    size_t clubs = 0, nations = 0;
    for (size_t k = 1; k < nm; k++) {
        const etag_span *b = &ms[k];
        if (!in_parens_after(s, len, tk, &ms[k - 1], b)) continue;
        if (b->type == ETAG_ORG) clubs++;
        if (b->type == ETAG_LOC && (etag_gaz_tokens(gaz, s, tk, b->first, b->n, scratch) & places))
            nations++;
    }
    if (clubs == 0 || clubs <= nations) return;
    for (size_t k = 1; k < nm; k++) {
        etag_span *b = &ms[k];
        if (b->type != ETAG_LOC || !in_parens_after(s, len, tk, &ms[k - 1], b)) continue;
        if (tk[b->first + b->n - 1].end - tk[b->first].start <= 3) continue;
        if (etag_gaz_tokens(gaz, s, tk, b->first, b->n, scratch) & places) continue;
        b->type = ETAG_ORG;
    }
}
