/* Entity type names (see labels.h). */
#include "labels.h"

#include <string.h>

static const char *const type_names[ETAG_NTYPES] = {"PER",   "ORG",     "LOC", "MISC",
                                                    "MONEY", "PERCENT", "DATE"};

const char *etag_type_name(int type)
{
    return type >= 0 && type < ETAG_NTYPES ? type_names[type] : NULL;
}

int etag_type_parse(const char *name, size_t n)
{
    for (int t = 0; t < ETAG_NTYPES; t++)
        if (strlen(type_names[t]) == n && memcmp(type_names[t], name, n) == 0) return t;
    return -1;
}
