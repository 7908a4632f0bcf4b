/* UTF-8 validation, decoding and code-point offsets. */
#ifndef NP_UTF8_H
#define NP_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence starting at s (1..4), or 0 if the bytes at s are not
 * a valid, shortest-form, non-surrogate sequence within n bytes. */
size_t np_utf8_seqlen(const unsigned char *s, size_t n);

/* Returns the byte offset of the first invalid byte, or n when all of s is valid UTF-8. */
size_t np_utf8_validate(const char *s, size_t n);

/* Decodes one code point at s[*i] (s valid UTF-8), advancing *i past it. */
uint32_t np_utf8_next(const char *s, size_t n, size_t *i);

/* Encodes cp (<= 0x10FFFF, not a surrogate) into out; returns the number of bytes (1..4). */
size_t np_utf8_encode(uint32_t cp, char out[4]);

/* Number of code points in valid UTF-8 s[0..n). Counting continuation bytes makes this
 * one pass, so use it incrementally (count from the last known offset) to stay linear. */
size_t np_utf8_count(const char *s, size_t n);

#endif
