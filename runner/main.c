/* newspipe: runs pipelines of newspipe filters from YAML files, and dispatches
 * `newspipe NAME ARGS` to the filter newspipe-NAME like git does. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "exitcode.h"
#include "findprog.h"

static const char USAGE[] =
    "usage: newspipe run FILE [-i IN]... [-o OUT] [--stats] [--progress] [IN...]\n"
    "       newspipe check FILE...\n"
    "       newspipe test FILE...\n"
    "       newspipe list\n"
    "       newspipe FILTER [ARGS...]     (runs newspipe-FILTER)\n"
    "\n"
    "Runs pipelines of newspipe filters described in YAML files (newspipe-pipeline(5)).\n"
    "\n"
    "  run FILE    check FILE, then run it: the output is written atomically and stage\n"
    "              state committed only when every stage succeeded\n"
    "      -i, --input IN    read IN instead of the file's input (repeatable; also IN...)\n"
    "      -o, --output OUT  write OUT instead of the file's output (- for stdout)\n"
    "      --stats           print per-stage accounting as one JSON line on stderr\n"
    "      --progress        show a status line on stderr (default when it is a terminal\n"
    "                        and stdout is not)\n"
    "      --no-progress     never show it\n"
    "  check FILE  report every error in FILE with file:line:column; touches nothing\n"
    "  test FILE   run the cases in FILE.test.yaml (or the .test.yaml beside it)\n"
    "  list        show the filters newspipe can find, with their versions\n"
    "  serve FILE  run FILE as a service on a live feed (newspipe-serve(1))\n"
    "\n"
    "Exit status: 0 ok; 64 usage; 65 bad data; 66 missing input; 70 internal error;\n"
    "71 a stage could not be started; 73 cannot create the output; 74 I/O error;\n"
    "75 another run holds the lock; 78 the pipeline file is wrong; a failing stage's own\n"
    "code, or 128+N when it was killed by signal N. See newspipe(1).\n";

static int dispatch(char **argv)
{
    const char *name = argv[0];
    if (!np__filter_name_ok(name)) {
        np_error("'%s' is not a command; see 'newspipe --help'", name);
        return NP_EX_USAGE;
    }
    char *exe = np__find_filter(name);
    if (!exe) {
        np_error("'%s' is not a newspipe command or filter (no newspipe-%s next to newspipe "
                 "or in PATH); see 'newspipe --help' and 'newspipe list'",
                 name, name);
        return NP_EX_USAGE;
    }
    /* The filter gets the default SIGPIPE disposition and its name as argv[0]. */
    signal(SIGPIPE, SIG_DFL);
    char prog[96];
    snprintf(prog, sizeof prog, "newspipe-%s", name);
    argv[0] = prog;
    execv(exe, argv);
    np_error("cannot run %s: %s", exe, strerror(errno));
    free(exe);
    return errno == ENOENT ? NP_EX_USAGE : NP_EX_OSERR;
}

int main(int argc, char **argv)
{
    np_set_progname("newspipe");
    if (argc < 2) {
        fputs(USAGE, stderr);
        return NP_EX_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(USAGE, stdout);
        return fflush(stdout) == 0 ? 0 : NP_EX_IOERR;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("newspipe %s\n", NP_VERSION);
        return fflush(stdout) == 0 ? 0 : NP_EX_IOERR;
    }
    if (cmd[0] == '-') {
        np_error("unknown option '%s'; see 'newspipe --help'", cmd);
        return NP_EX_USAGE;
    }
    /* The runner writes to pipes whose readers may go away; it handles EPIPE itself.
     * Stages get the default disposition back (libuv resets it in the child). */
    signal(SIGPIPE, SIG_IGN);
    if (!strcmp(cmd, "run")) return np__cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return np__cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return np__cmd_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "list")) return np__cmd_list(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return np__cmd_serve(argc - 1, argv + 1);
    return dispatch(argv + 1);
}
