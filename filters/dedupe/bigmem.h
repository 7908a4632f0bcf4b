/* Large arrays on Linux virtual machines, where a page fault can cost tens of
 * microseconds: the difference between loading a million remembered articles in one second
 * or in four. Both calls are plain malloc behaviour elsewhere. */
#ifndef DD_BIGMEM_H
#define DD_BIGMEM_H

#include <stddef.h>

/* Faults a block of n bytes that is about to be written in all at once (one call instead of
 * a fault a page; no effect on small blocks or before Linux 5.14). */
void dd_prefault(void *p, size_t n);

/* malloc(n), prefaulted: for scratch or tables about to be written in full. The caller
 * frees it with free(). NULL when out of memory. */
void *dd_alloc_filled(size_t n);

#endif
