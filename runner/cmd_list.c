/* `newspipe list`: the filters newspipe can find (next to itself, then in PATH), with the
 * version each reports and where it is. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "exitcode.h"
#include "findprog.h"
#include "proc.h"

static void show(const char *name, const char *path, void *arg)
{
    int *count = arg;
    np_buf out = {0};
    int status = -1;
    char *argv[] = {(char *)path, "--version", NULL};
    const char *version = "?";
    if (np__proc_run(argv, NULL, &out, 4096, &status) == 0 && status == 0 && out.data) {
        /* "newspipe-cat 0.1.0": the last word of the first line. */
        char *nl = strchr(out.data, '\n');
        if (nl) *nl = '\0';
        char *sp = strrchr(out.data, ' ');
        version = sp ? sp + 1 : out.data;
        if (!*version) version = "?";
    }
    printf("%-16s %-10s %s\n", name, version, path);
    np_buf_free(&out);
    (*count)++;
}

int np__cmd_list(int argc, char **argv)
{
    if (argc > 1) {
        int help = !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help");
        fputs("usage: newspipe list\n", help ? stdout : stderr);
        return help ? 0 : NP_EX_USAGE;
    }
    int count = 0;
    if (np__each_filter(show, &count) < 0) {
        fputs("newspipe: out of memory\n", stderr);
        return NP_EX_SOFTWARE;
    }
    if (!count)
        fputs("newspipe: no newspipe-* filters found next to newspipe or in PATH\n", stderr);
    return fflush(stdout) == 0 ? 0 : NP_EX_IOERR;
}
