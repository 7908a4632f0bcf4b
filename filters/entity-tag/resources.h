/* Building a model's resources from text files: gazetteer lists (one name per line, '#'
 * comments) and a word-class table ("word<TAB>class<TAB>class<TAB>class", the classes of
 * three granularities written by the clusters subcommand; '#' comments). */
#ifndef ETAG_RESOURCES_H
#define ETAG_RESOURCES_H

#include <stddef.h>

#include "feature.h"
#include "lexicon.h"

typedef struct {
    etag_lexicon_builder gaz, clusters;
    size_t gaz_entries; /* names read */
    size_t gaz_skipped; /* lines that are no name (see etag_gaz_clean), or too long */
    size_t max_keys;    /* size budget: most gazetteer keys (one per name prefix); 0: none */
} etag_resource_builder;

/* Longest list line taken as a name, in bytes. */
#define ETAG_GAZ_MAXBYTES 256

/* Cleans one line of a name list in place (s has room for a NUL at s[n]): drops a
 * byte-order mark, line ending and surrounding blanks, decodes HTML entities ("&amp;"),
 * removes a bracketed qualifier at the end ("Mercury (planet)" -> "Mercury"). Returns the
 * name's length, or 0 for a line that holds no name: empty, a '#' comment, longer than
 * ETAG_GAZ_MAXBYTES, not UTF-8, with control characters, or a Wikipedia page that is not a
 * thing's name ("Category:...", "List of ..."). */
size_t etag_gaz_clean(char *s, size_t n);

/* Adds every name in path to gazetteer category cat (ETAG_GAZ_*). Lines that hold no name
 * are skipped, and counted unless empty or a '#' comment. Returns 0, -1 with the reason in err
 * (unreadable, out of memory), or -2 when the names exceed the size budget b->max_keys (err:
 * "FILE:LINE: ..."). */
int etag_resources_add_gazetteer(etag_resource_builder *b, int cat, const char *path, char *err,
                                 size_t errlen);
/* Reads a cluster file as word-class family fam (0; 1 for a second table, see
 * ETAG_CLU2_SALT). Returns 0, or -1 with the reason in err. */
int etag_resources_add_clusters(etag_resource_builder *b, const char *path, int fam, char *err,
                                size_t errlen);
/* The resources as the tagger uses them (views into b). */
etag_resources etag_resources_view(const etag_resource_builder *b);
void etag_resources_builder_free(etag_resource_builder *b);

/* Parses a gazetteer category name ("org", "country", "city", "region", "first", "misc",
 * "wikiorg", "wikiloc", "orgname", "lower", "acronym", "coded"); returns ETAG_GAZ_* or -1. */
int etag_gaz_category(const char *name);

#endif
