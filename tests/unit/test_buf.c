/* The growable byte buffer and typed-array growth (common/buf.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

int main(void)
{
    np_buf b = {0};
    ok(np_buf_puts(&b, "abc") == 0 && b.len == 3 && strcmp(b.data, "abc") == 0, "puts");
    ok(np_buf_printf(&b, "-%d", 42) == 0 && strcmp(b.data, "abc-42") == 0, "printf appends");
    np_buf_clear(&b);
    ok(b.len == 0 && b.data[0] == '\0', "clear keeps a NUL-terminated empty buffer");
    np_buf_free(&b);

    int *v = NULL;
    size_t cap = 0;
    ok(np_array_reserve((void **)&v, &cap, 1, sizeof *v) == 0 && v && cap >= 1, "first growth");
    for (int i = 0; i < 1000; i++) {
        if (np_array_reserve((void **)&v, &cap, (size_t)i + 1, sizeof *v) < 0) break;
        v[i] = i;
    }
    ok(cap >= 1000 && v[999] == 999 && v[0] == 0, "1000 elements kept through growth (cap %zu)",
       cap);
    size_t before = cap;
    ok(np_array_reserve((void **)&v, &cap, 10, sizeof *v) == 0 && cap == before,
       "a smaller need changes nothing");
    int *keep = v;
    ok(np_array_reserve((void **)&v, &cap, SIZE_MAX / 2, sizeof *v) == -1 && v == keep &&
           cap == before,
       "an overflowing size fails and leaves the array as it was");
    free(v);
    return done_testing();
}
