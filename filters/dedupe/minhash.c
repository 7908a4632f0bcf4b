/* One-permutation MinHash with optimal densification: see minhash.h. */
#include "minhash.h"

#include "hash.h"

#define EMPTY UINT64_MAX

static inline unsigned bin_of(uint64_t h, unsigned K)
{
    return (unsigned)(((h >> 32) * K) >> 32);
}

int dd_minhash(const uint64_t *sh, size_t n, unsigned K, uint64_t seed, uint64_t *work,
               dd_hval *sig)
{
    if (!n) return 0;
    for (unsigned i = 0; i < K; i++) work[i] = EMPTY;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = np_mix64(sh[i] ^ seed);
        unsigned b = bin_of(h, K);
        uint64_t v = (uint32_t)h;
        if (v < work[b]) work[b] = v;
    }
    for (unsigned i = 0; i < K; i++) {
        uint64_t v = work[i];
        if (v == EMPTY) {
            /* Optimal densification: an empty bin borrows from the first non-empty bin in
             * a pseudo-random probe sequence that depends only on (seed, bin), so two texts
             * with the same shingles borrow alike. At least one bin is non-empty. */
            uint64_t probe = np_mix64(seed ^ ((uint64_t)i << 32) ^ 0x5ca1ab1eULL);
            for (unsigned a = 0;; a++) {
                unsigned j = a < 4 * K ? bin_of(probe, K) : (i + a) % K;
                if (work[j] != EMPTY) {
                    v = work[j];
                    break;
                }
                probe = np_mix64(probe + 0x9e3779b97f4a7c15ULL);
            }
        }
        /* The kept bits are hashed with the bin: a minimum copied into many bins by the
         * densification then gets independent bits in each, so one chance agreement of
         * two different minima stays one bin, not all the bins they were copied to (which
         * made two unrelated three-shingle texts look 53% alike). */
        sig[i] = (dd_hval)(np_mix64(v ^ seed ^ ((uint64_t)(i + 1) * 0x9e3779b97f4a7c15ULL)) >>
                           (64 - DD_HVAL_BITS));
    }
    return 1;
}

unsigned dd_sig_matches(const dd_hval *a, const dd_hval *b, unsigned K)
{
    unsigned m = 0;
    for (unsigned i = 0; i < K; i++) m += a[i] == b[i];
    return m;
}

double dd_sig_estimate(unsigned matches, unsigned K)
{
    const double chance = 1.0 / (double)(1u << DD_HVAL_BITS);
    double p = (double)matches / K;
    double j = (p - chance) / (1.0 - chance);
    return j < 0 ? 0 : j > 1 ? 1 : j;
}
