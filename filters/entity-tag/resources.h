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
    size_t gaz_entries; /* names added */
} etag_resource_builder;

/* Adds every name in path to gazetteer category cat (ETAG_GAZ_*). Returns 0, or -1 with the
 * reason in err. */
int etag_resources_add_gazetteer(etag_resource_builder *b, int cat, const char *path, char *err,
                                 size_t errlen);
/* Reads a cluster file. Returns 0, or -1 with the reason in err. */
int etag_resources_add_clusters(etag_resource_builder *b, const char *path, char *err,
                                size_t errlen);
/* The resources as the tagger uses them (views into b). */
etag_resources etag_resources_view(const etag_resource_builder *b);
void etag_resources_builder_free(etag_resource_builder *b);

/* Parses a gazetteer category name ("org", "country", "city", "region", "first", "misc",
 * "orgname"); returns ETAG_GAZ_* or -1. */
int etag_gaz_category(const char *name);

#endif
