/* Command-line helpers shared by all programs: diagnostics with the program name, and
 * parsers for sizes, durations and comma lists. */
#ifndef NP_CLI_H
#define NP_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Sets the name used in diagnostics ("newspipe-cat"); the string is borrowed. */
void np_set_progname(const char *name);
const char *np_progname(void);

/* Prints "PROGNAME: message\n" on stderr. */
void np_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Sends np_error's messages (without "PROGNAME: ") to fn instead of stderr; NULL restores
 * stderr. The filter driver's --parse-only uses it to report a refused option by name. */
void np_set_error_hook(void (*fn)(void *arg, const char *msg), void *arg);

/* "64M", "1.5G", "4096", "10k" (powers of 1024) -> bytes. Returns 0, or -1 if invalid. */
int np_parse_size(const char *s, uint64_t *out);
/* The one duration grammar of every program and pipeline key: terms of a decimal number and
 * a unit, ms, s, m, h, d (24h) or w (7d): "1500ms", "0.5s", "10s", "2m", "1.5h", "7d",
 * "1h30m"; a number alone, or last, counts seconds ("90", "1m30"). No signs, spaces or
 * exponents. -> milliseconds (rounded). Returns 0, or -1 if invalid. */
int np_parse_duration_ms(const char *s, int64_t *ms);
/* The same grammar, for a whole number of seconds ("1.5m" is 90; "0.5s" is invalid). */
int np_parse_duration(const char *s, int64_t *seconds);
/* A non-negative integer within [min, max]. Returns 0 or -1. */
int np_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* np_parse_uint for option --opt's argument: on error prints "--OPT: 'ARG' is not a whole
 * number from MIN to MAX" (np_error) and returns -1, for the caller to exit 64. */
int np_parse_opt_uint(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out);
/* A decimal number within [min, max]. Returns 0 or -1. */
int np_parse_double(const char *s, double min, double max, double *out);
/* Splits "title,body" into at most max items, stored as pointers into a copy the caller
 * frees with free(*storage). Returns the count, or -1 (empty item, too many, no memory). */
int np_split_list(const char *s, char **storage, const char **items, int max);
/* The first item of items[0..n) that an earlier one repeats, or NULL. */
const char *np_list_repeat(const char *const *items, int n);

/* RFC 3339 / ISO 8601 time ("2023-07-12T08:03:00Z", "2023-07-12T08:03:00+08:00",
 * "2023-07-12", "2013-10-01T15:17:00 EDT" with US zone names) -> Unix seconds.
 * Returns 0, or -1 if it cannot be read. */
int np_parse_time(const char *s, size_t n, int64_t *out);

#endif
