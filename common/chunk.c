/* Marker lines of the chunk protocol (chunk.h). */
#include "chunk.h"

#include <stdio.h>

/* Reads the decimal number s[0..n): all digits, no sign, no leading zero, fits 64 bits. */
static int read_u64(const char *s, size_t n, uint64_t *v)
{
    if (n == 0 || n > 20 || (s[0] == '0' && n > 1)) return -1;
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10) return -1;
        x = x * 10 + d;
    }
    *v = x;
    return 0;
}

np_chunk_mark np_chunk_parse(const char *line, size_t len, uint64_t *value, int *added_newline)
{
    *value = 0;
    *added_newline = 0;
    if (len < 2 || line[0] != NP_CHUNK_RS) return NP_CHUNK_BAD;
    switch (line[1]) {
    case 'L': return read_u64(line + 2, len - 2, value) == 0 ? NP_CHUNK_BEGIN : NP_CHUNK_BAD;
    case 'D': return len == 2 ? NP_CHUNK_DATA : NP_CHUNK_BAD;
    case 'B': return len == 2 ? NP_CHUNK_OPEN : NP_CHUNK_BAD;
    case 'e': *added_newline = 1; /* fall through */
    case 'E': return read_u64(line + 2, len - 2, value) == 0 ? NP_CHUNK_END : NP_CHUNK_BAD;
    default: return NP_CHUNK_BAD;
    }
}

size_t np_chunk_begin(char *buf, uint64_t lineno)
{
    return (size_t)snprintf(buf, NP_CHUNK_MARK_MAX, "%cL%llu\n", NP_CHUNK_RS,
                            (unsigned long long)lineno);
}

size_t np_chunk_data(char *buf)
{
    return (size_t)snprintf(buf, NP_CHUNK_MARK_MAX, "%cD\n", NP_CHUNK_RS);
}

size_t np_chunk_open(char *buf)
{
    return (size_t)snprintf(buf, NP_CHUNK_MARK_MAX, "%cB\n", NP_CHUNK_RS);
}

size_t np_chunk_end(char *buf, uint64_t seq, int added_newline)
{
    return (size_t)snprintf(buf, NP_CHUNK_MARK_MAX, "%c%c%llu\n", NP_CHUNK_RS,
                            added_newline ? 'e' : 'E', (unsigned long long)seq);
}
