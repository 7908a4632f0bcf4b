/* Large arrays: see bigmem.h. */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

void dd_advise_huge(void *p, size_t n, int populate)
{
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (n < 2 * huge) return;
#ifdef MADV_HUGEPAGE
    /* Tables of many megabytes are probed at random: 2 MB pages spare a TLB miss (and a
     * page fault) on most probes. Only the 2 MB-aligned interior can be advised. */
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), b = ((uintptr_t)p + n) & ~(huge - 1);
    if (b > a) (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    /* One call faults the whole block in (kernels before 5.14 ignore it). */
    if (populate) {
        uintptr_t lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
        uintptr_t hi = ((uintptr_t)p + n) & ~(uintptr_t)4095;
        if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
    }
#else
    (void)populate;
#endif
}

void *dd_alloc_filled(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p) dd_advise_huge(p, n, 1);
    return p;
}
