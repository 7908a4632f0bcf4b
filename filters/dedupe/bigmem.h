/* Large arrays on Linux virtual machines, where a page fault can cost tens of
 * microseconds: the difference between loading a million remembered articles in one second
 * or in four. Both calls are plain malloc behaviour elsewhere. */
#ifndef DD_BIGMEM_H
#define DD_BIGMEM_H

#include <stddef.h>

/* Hints for a block of n bytes (no effect on small blocks): transparent huge pages, and
 * with populate, faulting it all in at once because it is about to be written. */
void dd_advise_huge(void *p, size_t n, int populate);

/* malloc(n) with both hints: for scratch or tables about to be written in full. The caller
 * frees it with free(). NULL when out of memory. */
void *dd_alloc_filled(size_t n);

#endif
