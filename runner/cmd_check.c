/* `newspipe check FILE...`: loads and checks each pipeline file as `newspipe run` would, and
 * has every filter check its own option values (--parse-only); reports every error with its
 * position and touches nothing. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "commands.h"
#include "exitcode.h"
#include "pipeline.h"
#include "serve_conf.h"

/* A listener other hosts can reach (serve_conf.h): a warning, not an error. */
static void warn_exposed(void *arg, np_mark m, const char *key, const char *addr)
{
    fprintf(stderr, "%s:%u:%u: warning: %s: %s\n", (const char *)arg, m.line, m.col, key,
            np__serve_exposed_why(key, addr));
}

int np__cmd_check(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs("usage: newspipe check FILE...\n", argc < 2 ? stderr : stdout);
        return argc < 2 ? NP_EX_USAGE : 0;
    }
    int worst = 0;
    for (int i = 1; i < argc; i++) {
        np_pipeline p;
        int code = np__pipeline_open(&p, argv[i], NULL, 1) ? NP_EX_CONFIG : 0;
        if (p.serve) np__serve_conf_exposed(p.serve, warn_exposed, argv[i]);
        if (!code) printf("%s: ok (%zu stage%s)\n", argv[i], p.nstages, p.nstages == 1 ? "" : "s");
        np__pipeline_free(&p);
        if (code) worst = code;
    }
    if (fflush(stdout) != 0) return NP_EX_IOERR;
    return worst;
}
