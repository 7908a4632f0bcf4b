/* BILOU labels to entity spans (see spans.h). */
#include "spans.h"

#include "labels.h"

size_t etag_labels_to_spans(const uint8_t *labels, size_t n, etag_span *out)
{
    size_t ns = 0;
    int open = -1; /* type of the open span */
    uint32_t first = 0;
    for (size_t i = 0; i <= n; i++) {
        int lab = i < n ? labels[i] : ETAG_O;
        int ty = etag_label_type(lab), part = etag_label_part(lab);
        /* does this token continue the open span? */
        if (open >= 0 && ty == open && (part == ETAG_I || part == ETAG_L)) {
            if (part == ETAG_L) {
                out[ns++] = (etag_span){first, (uint32_t)(i + 1 - first), open, 0, 0};
                open = -1;
            }
            continue;
        }
        if (open >= 0) { /* the sequence broke: close what was open */
            out[ns++] = (etag_span){first, (uint32_t)(i - first), open, 0, 0};
            open = -1;
        }
        if (ty < 0) continue;
        if (part == ETAG_U || part == ETAG_L) {
            out[ns++] = (etag_span){(uint32_t)i, 1, ty, 0, 0};
        } else {
            open = ty;
            first = (uint32_t)i;
        }
    }
    return ns;
}
