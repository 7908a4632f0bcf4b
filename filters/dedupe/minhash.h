/* MinHash signatures of shingle sets: one-permutation hashing (each shingle lands in one of
 * K bins, the bin keeps its minimum) with optimal densification for empty bins (Shrivastava
 * 2017), so a signature costs one hash per shingle instead of K. Each bin value is stored
 * as 8 bits (b-bit MinHash, Li and Koenig 2010): two different minima agree by chance with
 * probability 2^-8, which the similarity estimate corrects for. 8 bits rather than 16 halve
 * the signature in memory and on disk at no measured cost in quality (see the man page). */
#ifndef DD_MINHASH_H
#define DD_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define DD_MAX_HASHES 1024

typedef uint8_t dd_hval; /* one signature value */
#define DD_HVAL_BITS 8

/* Computes the K-value signature of the n shingle hashes into sig[0..K). work must hold K
 * values (scratch). Returns 1, or 0 when n == 0 (no signature). K <= DD_MAX_HASHES. */
int dd_minhash(const uint64_t *sh, size_t n, unsigned K, uint64_t seed, uint64_t *work,
               dd_hval *sig);

/* Number of equal positions of two K-value signatures. */
unsigned dd_sig_matches(const dd_hval *a, const dd_hval *b, unsigned K);

/* Estimated Jaccard overlap from the number of equal positions (corrected for chance
 * agreement of 16-bit values), clamped to [0, 1]. */
double dd_sig_estimate(unsigned matches, unsigned K);

#endif
