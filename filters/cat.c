/* newspipe-cat: validates and normalizes a stream of NDJSON records. Good records pass
 * byte for byte; bad lines are rejected with the common contract. It is also the benchmark
 * of the record path, since it does nothing else. */
#include "exitcode.h"
#include "filter.h"

static np_verdict cat_record(void *ctx, np_record *rec)
{
    (void)ctx;
    (void)rec;
    return NP_EMIT;
}

int main(int argc, char **argv)
{
    static const np_filter cat = {
        .name = "cat",
        .summary = "Validate a stream of NDJSON records: pass good ones, reject bad ones.",
        .record = cat_record,
    };
    return np_filter_main(&cat, NULL, argc, argv);
}
