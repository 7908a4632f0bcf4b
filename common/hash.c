/* 64-bit hashing: a small multiply-mix hash over 8-byte words (in the spirit of wyhash and
 * splitmix64), little-endian reads so that values are identical on every machine. */
#include "hash.h"

#include <string.h>

static inline uint64_t read64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static inline uint64_t mum(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t np_hash64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
    uint64_t h = seed ^ mum(seed ^ k0, (uint64_t)n ^ k1);
    while (n >= 16) {
        h = mum(read64(p) ^ k0 ^ h, read64(p + 8) ^ k1);
        p += 16;
        n -= 16;
    }
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        a = read64(p);
        p += 8;
        n -= 8;
    }
    for (size_t i = 0; i < n; i++) b |= (uint64_t)p[i] << (8 * i);
    h = mum(a ^ k0 ^ h, b ^ k1 ^ (uint64_t)n);
    return np_mix64(h);
}
