/* `newspipe run`: load the pipeline file, apply the command line's overrides, check
 * everything (reporting every error with its position), then run it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "commands.h"
#include "execute.h"
#include "exitcode.h"
#include "pipeline.h"

static const char RUN_USAGE[] =
    "usage: newspipe run FILE [-i IN]... [-o OUT] [--stats] [--progress|--no-progress] "
    "[IN...]\n";

int np__cmd_run(int argc, char **argv)
{
    enum { OPT_STATS = 256, OPT_PROGRESS, OPT_NO_PROGRESS };
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},
        {"stats", no_argument, NULL, OPT_STATS},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs) return NP_EX_SOFTWARE;
    size_t ninputs = 0;
    const char *output = NULL;
    np_exec_opts o = {0};
    int progress = -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': inputs[ninputs++] = optarg; break;
        case 'o': output = optarg; break;
        case OPT_STATS: o.stats = 1; break;
        case OPT_PROGRESS: progress = 1; break;
        case OPT_NO_PROGRESS: progress = 0; break;
        case 'h':
            fputs(RUN_USAGE, stdout);
            free(inputs);
            return 0;
        default:
            fputs(RUN_USAGE, stderr);
            free(inputs);
            return NP_EX_USAGE;
        }
    }
    if (optind >= argc) {
        np_error("run: no pipeline file given");
        fputs(RUN_USAGE, stderr);
        free(inputs);
        return NP_EX_USAGE;
    }
    const char *file = argv[optind++];
    /* Further arguments are input files, as for any filter (and for a pipeline file run
     * through its #! line). */
    while (optind < argc) inputs[ninputs++] = argv[optind++];
    /* By default only for a person watching: stderr is a terminal, and records are not
     * being printed on it too (the status line would be mixed into them). */
    o.progress = progress >= 0 ? progress : isatty(2) && !isatty(1);

    np_pipeline p;
    np_overrides ov = {inputs, ninputs, output};
    int code = np__pipeline_open(&p, file, &ov, 0);
    if (!code) code = np__execute(&p, &o);
    np__pipeline_free(&p);
    free(inputs);
    return code;
}
