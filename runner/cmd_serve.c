/* `newspipe serve FILE [--state-dir DIR] [--requeue BATCH...]`: reads the command line and
 * hands over to the server (runner/serve/). */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "exitcode.h"
#include "serve/serve.h"

static const char SERVE_USAGE[] =
    "usage: newspipe serve FILE [--state-dir DIR]\n"
    "       newspipe serve FILE [--state-dir DIR] --requeue BATCH...   (the server stopped)\n";

int np__cmd_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"state-dir", required_argument, NULL, 's'},
        {"requeue", no_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *state_dir = NULL;
    int c, requeue = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': state_dir = optarg; break;
        case 'r': requeue = 1; break;
        case 'h': fputs(SERVE_USAGE, stdout); return 0;
        default: fputs(SERVE_USAGE, stderr); return NP_EX_USAGE;
        }
    }
    if (optind >= argc || (requeue ? optind + 2 > argc : optind + 1 != argc)) {
        np_error("serve: %s", optind >= argc ? "no pipeline file given"
                              : requeue      ? "--requeue: no batch file given"
                                             : "one pipeline file");
        fputs(SERVE_USAGE, stderr);
        return NP_EX_USAGE;
    }
    return np__serve_run(argv[optind], state_dir, requeue ? argv + optind + 1 : NULL,
                         requeue ? (size_t)(argc - optind - 1) : 0);
}
