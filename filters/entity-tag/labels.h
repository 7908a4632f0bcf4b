/* Entity types and BILOU labels shared by the trainer, the decoder and the scorer. */
#ifndef ETAG_LABELS_H
#define ETAG_LABELS_H

#include <stddef.h>

/* Model types, in label order. Rule types follow them (they are never labels). */
enum {
    ETAG_PER,
    ETAG_ORG,
    ETAG_LOC,
    ETAG_MISC,
    ETAG_NMODEL,
    ETAG_MONEY = ETAG_NMODEL,
    ETAG_PERCENT,
    ETAG_DATE,
    ETAG_NTYPES
};

/* Label 0 is O; label 1 + 4*type + part, part in B I L U. */
enum { ETAG_B, ETAG_I, ETAG_L, ETAG_U };
#define ETAG_O       0
#define ETAG_NLABELS (1 + 4 * ETAG_NMODEL)

static inline int etag_label(int type, int part)
{
    return 1 + 4 * type + part;
}
static inline int etag_label_type(int label)
{
    return label ? (label - 1) / 4 : -1;
}
static inline int etag_label_part(int label)
{
    return label ? (label - 1) % 4 : -1;
}

/* Whether label b may follow label a in a BILOU sequence. */
static inline int etag_label_allowed(int a, int b)
{
    int ap = etag_label_part(a), bp = etag_label_part(b);
    int open = ap == ETAG_B || ap == ETAG_I;
    if (open) return (bp == ETAG_I || bp == ETAG_L) && etag_label_type(a) == etag_label_type(b);
    return b == ETAG_O || bp == ETAG_B || bp == ETAG_U;
}

/* "PER", "ORG", ... "DATE"; NULL when out of range. Parses back with etag_type_parse(). */
const char *etag_type_name(int type);
/* Returns the type for name[0..n), or -1. */
int etag_type_parse(const char *name, size_t n);

#endif
