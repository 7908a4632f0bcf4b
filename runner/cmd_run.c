/* `newspipe run` and `newspipe check`: load the pipeline file, apply the command line's
 * overrides, check everything (reporting every error with its position), then run. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "execute.h"
#include "exitcode.h"
#include "pipeline.h"

/* Loads and checks file; prints every error. Returns 0 or the exit code. */
static int load_checked(np_pipeline *p, const char *file, char **inputs, size_t ninputs,
                        const char *output, int for_check)
{
    np_diag d;
    np_diag_init(&d, file);
    int loaded = np_pipeline_load(p, file, &d) == 0;
    if (loaded) {
        /* Paths given on the command line are relative to the current directory and
         * replace the file's; a zero mark makes their errors name them, not a line. */
        if (ninputs) {
            for (size_t i = 0; i < p->ninputs; i++) free(p->inputs[i]);
            free(p->inputs);
            p->inputs = calloc(ninputs, sizeof *p->inputs);
            p->ninputs = 0;
            for (size_t i = 0; p->inputs && i < ninputs; i++)
                if ((p->inputs[p->ninputs] = strdup(inputs[i]))) p->ninputs++;
            if (!p->inputs || p->ninputs != ninputs) d.nomem = 1;
            p->input_mark = (np_mark){0, 0};
        }
        if (output) {
            free(p->output);
            if (!(p->output = strdup(output))) d.nomem = 1;
            p->output_mark = (np_mark){0, 0};
        }
        if (!d.nomem) np_pipeline_check(p, &d);
    }
    int code = np_diag_code(&d);
    if (code) {
        np_diag_print(&d, stderr);
        if (for_check) code = NP_EX_CONFIG;
    }
    np_diag_free(&d);
    return code;
}

static const char RUN_USAGE[] =
    "usage: newspipe run FILE [-i IN]... [-o OUT] [--stats] [--progress|--no-progress] "
    "[IN...]\n";

int np_cmd_run(int argc, char **argv)
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
    int code = load_checked(&p, file, inputs, ninputs, output, 0);
    if (!code) code = np_execute(&p, &o);
    np_pipeline_free(&p);
    free(inputs);
    return code;
}

int np_cmd_check(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs("usage: newspipe check FILE...\n", argc < 2 ? stderr : stdout);
        return argc < 2 ? NP_EX_USAGE : 0;
    }
    int worst = 0;
    for (int i = 1; i < argc; i++) {
        np_pipeline p;
        int code = load_checked(&p, argv[i], NULL, 0, NULL, 1);
        if (!code) printf("%s: ok (%zu stage%s)\n", argv[i], p.nstages, p.nstages == 1 ? "" : "s");
        np_pipeline_free(&p);
        if (code) worst = code;
    }
    if (fflush(stdout) != 0) return NP_EX_IOERR;
    return worst;
}
