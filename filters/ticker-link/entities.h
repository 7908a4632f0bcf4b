/* Reading the "entities" array that newspipe-entity-tag adds: [{text,type,field,start,end}]
 * with code-point offsets. ORG mentions are looked up as company names; PER and LOC spans
 * keep weak names inside them ("Rob Ford", "Target" in a place name) from linking. */
#ifndef TL_ENTITIES_H
#define TL_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"

enum { TL_ENT_OTHER = 0, TL_ENT_ORG = 1, TL_ENT_PER = 2, TL_ENT_LOC = 3 };

typedef struct {
    uint32_t cp0, cp1; /* code points in the field, end exclusive */
    int field;         /* index into the field names given to the parser */
    uint8_t type;      /* TL_ENT_* */
} tl_entity;

typedef struct {
    tl_entity *e;
    size_t n, cap;
    np_json_object obj; /* scratch: one entity's members */
} tl_entities;

/* Parses the JSON value json[0..len) (already validated by the record reader). Entities
 * whose field is not in fields[0..nfields) or whose shape is wrong are skipped; a value
 * that is not an array yields none. Returns 0, or -1 when out of memory. */
int tl_parse_entities(const char *json, size_t len, const char *const *fields, int nfields,
                      tl_entities *out);
void tl_entities_free(tl_entities *e);

#endif
