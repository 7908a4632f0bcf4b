/* The learning subcommands' shell (see learner.h). */
#include "learner.h"

#include <getopt.h>
#include <stdio.h>

#include "atomicfile.h"
#include "cli.h"
#include "exitcode.h"

static void usage(const etag_learner *l)
{
    fprintf(stderr, "usage: newspipe-entity-tag %s --out FILE [--min-articles N] NDJSON-FILE...\n",
            l->name);
}

int etag_learner_main(const etag_learner *l, void *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"out", 1, NULL, 'o'},
        {"min-articles", 1, NULL, 'm'},
        {"help", 0, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL;
    uint64_t min = l->min_articles;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 'm':
            if (np_parse_opt_uint("min-articles", optarg, 1, 1000000, &min) < 0) return NP_EX_USAGE;
            break;
        case 'h': usage(l); return NP_EX_OK;
        default: usage(l); return NP_EX_USAGE;
        }
    }
    if (!out || optind >= argc) {
        usage(l);
        return NP_EX_USAGE;
    }
    char err[512];
    int rc = NP_EX_OK;
    for (int i = optind; i < argc && rc == NP_EX_OK; i++)
        if ((rc = etag_ndjson_each(argv[i], l->add, ctx, err, sizeof err)) != NP_EX_OK)
            np_error("%s", err);
    np_buf b = {0};
    if (rc == NP_EX_OK && l->list(ctx, min, &b) < 0) {
        np_error("out of memory");
        rc = NP_EX_SOFTWARE;
    }
    /* written whole: a failed run leaves the old list as it was */
    if (rc == NP_EX_OK) rc = np_write_result(out, b.data ? b.data : "", b.len);
    np_buf_free(&b);
    return rc;
}
