/* Fast non-cryptographic 64-bit hashing for hash tables, feature hashing and MinHash. */
#ifndef NP_HASH_H
#define NP_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A well-mixed 64-bit hash of p[0..n) with a seed; stable across runs and machines
 * (persisted in models and state files, so never change it without a format version bump). */
uint64_t np_hash64(const void *p, size_t n, uint64_t seed);

/* Finalizer mix of one 64-bit value (splitmix64's). */
static inline uint64_t np_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

#endif
